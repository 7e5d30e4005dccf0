/**
 * A push's batch fits the cloud's body limit (src/main/core/sync/syncEngine.ts withinBodyLimit): photo commands of
 * ~136 KB each are sent a few at a time, in order, every push body under PUSH_BODY_LIMIT (the cloud answers 413 above).
 */
import { generatePassKeyPair } from '../../../../../src/shared/pass';
import { describe, expect, it } from 'vitest';
import { signCommand } from '../../../../../src/main/core/sync/commands';
import { PUSH_BATCH_SIZE, withinBodyLimit } from '../../../../../src/main/core/sync/syncEngine';
import { PUSH_BODY_LIMIT } from '../../../../../src/shared/visitorPhoto';

describe('push batches within the body limit', () => {
  it('takes the commands in order while they fit, at least one', async () => {
    const keys = await generatePassKeyPair();
    const signer = { kioskId: 'kiosk_1', privateKey: keys.privateKey };
    const photo = async (i: number) =>
      signCommand(
        {
          kind: 'uploadVisitorPhoto',
          payload: {
            idKey: i.toString(16).padStart(64, '0'),
            source: 'walkin',
            consent: { textVersion: 'face-consent-upload-1', decidedAt: '2026-11-22T02:04:00.000Z' },
            photoJpegBase64: Buffer.alloc(100 * 1024, i).toString('base64'),
          },
        },
        signer,
        new Date('2026-11-22T02:05:00.000Z'),
      );
    const commands = await Promise.all(Array.from({ length: 20 }, (_, i) => photo(i)));
    const batch = withinBodyLimit(commands);
    expect(batch.length).toBeGreaterThan(1);
    expect(batch.length).toBeLessThan(commands.length);
    expect(batch).toEqual(commands.slice(0, batch.length));
    expect(Buffer.byteLength(JSON.stringify({ commands: batch }))).toBeLessThan(PUSH_BODY_LIMIT);
    expect(Buffer.byteLength(JSON.stringify({ commands: commands.slice(0, batch.length + 1) }))).toBeGreaterThan(PUSH_BODY_LIMIT * 0.9);
    // small commands: the batch size bounds it as before
    const audits = await Promise.all(
      Array.from({ length: PUSH_BATCH_SIZE }, () =>
        signCommand({ kind: 'adminAudit', payload: { action: 'device.test', detail: { kind: 'printer' } } }, signer, new Date()),
      ),
    );
    expect(withinBodyLimit(audits)).toHaveLength(PUSH_BATCH_SIZE);
    expect(withinBodyLimit([])).toEqual([]);
  });
});
