/**
 * The registered photo's checks (src/shared/visitorPhoto.ts, src/shared/jpeg.ts): the cloud's reading of "a JPEG, at
 * most 100 KB, sides 100..2000 pixels", each refusal with its own code; the command's payload naming the visitor by a key.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readJpegFrame } from '../../../src/shared/jpeg';
import { checkVisitorPhoto, VisitorPhotoUpload } from '../../../src/shared/visitorPhoto';
import { faceJpegWithDimensions as withDimensions } from '../../support/faces/jpegDimensions';

const JPEG = readFileSync(new URL('../../support/fixtures/faces/astronaut-head.jpg', import.meta.url));
const PNG = readFileSync(new URL('../../support/fixtures/faces/chelsea.png', import.meta.url));
const KEY = 'a'.repeat(64);

describe('a registered photo’s checks', () => {
  it('reads the frame of a real JPEG, and says why other bytes are not one', () => {
    expect(readJpegFrame(JPEG)).toEqual({ ok: true, width: 240, height: 320 });
    expect(readJpegFrame(PNG.subarray(0, 2000))).toEqual({ ok: false, problem: 'not_jpeg' });
    expect(readJpegFrame(JPEG.subarray(0, 5000))).toEqual({ ok: false, problem: 'truncated' });
    expect(readJpegFrame(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xd9]), Buffer.alloc(200), Buffer.from([0xff, 0xd9])]))).toMatchObject({ ok: false });
  });

  it('accepts the kiosk’s photo; refuses a non-JPEG, over 100 KB, and sides outside 100..2000, each with its code', () => {
    expect(checkVisitorPhoto(JPEG)).toEqual({ ok: true, width: 240, height: 320 });
    expect(checkVisitorPhoto(PNG.subarray(0, 4096))).toMatchObject({ ok: false, code: 'photo_not_jpeg' });
    expect(checkVisitorPhoto(Buffer.alloc(100 * 1024 + 1, 0xff))).toMatchObject({ ok: false, code: 'photo_too_large' });
    expect(checkVisitorPhoto(withDimensions(100, 100))).toMatchObject({ ok: true });
    expect(checkVisitorPhoto(withDimensions(2000, 2000))).toMatchObject({ ok: true });
    for (const [w, h] of [
      [99, 320],
      [240, 2001],
      [65535, 65535],
      [0, 0],
    ] as const) {
      expect(checkVisitorPhoto(withDimensions(w, h)), `${w}×${h}`).toMatchObject({ ok: false, code: 'photo_dimensions' });
    }
  });

  it('the payload names the visitor by a key (never a number), with the consent, and base64 only', () => {
    const payload = {
      idKey: KEY,
      source: 'walkin',
      consent: { textVersion: 'face-consent-upload-1', decidedAt: '2026-11-22T02:04:00.000Z' },
      photoJpegBase64: JPEG.toString('base64'),
    };
    expect(VisitorPhotoUpload.safeParse(payload).success).toBe(true);
    const { idKey: _key, ...noKey } = payload;
    expect(VisitorPhotoUpload.safeParse(noKey).success).toBe(false);
    expect(VisitorPhotoUpload.safeParse({ ...payload, idKey: '11010519491231002X' }).success).toBe(false);
    expect(VisitorPhotoUpload.safeParse({ ...payload, photoJpegBase64: 'not base64!' }).success).toBe(false);
    expect(VisitorPhotoUpload.safeParse({ ...payload, idNumber: '11010519491231002X' }).success).toBe(false);
  });
});
