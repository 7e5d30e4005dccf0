/**
 * Gate mode at the kiosk core (offline, real SQLite, a fake clock): a pass scanned at the gate is answered 通过 /
 * 未通过 with the reason (valid, expired, revoked, not yet valid, forged, another site's, not a pass), a pass let
 * through is recorded as a signed `passage` command, and an exit lets an expired pass out.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KioskCore } from '../../../../src/main/core/kioskCore';
import { allCommands } from '../../../../src/main/core/db/outboxStore';
import { upsertPassKey, upsertRevokedPass } from '../../../../src/main/core/db/referenceStore';
import { dispatchIpcCall } from '../../../../src/main/core/ipcHandlers';
import { generatePassKeyPair, keyIdOf, signPassV2 } from '../../../../src/shared/pass';
import { HOUR, locallyEnrolledCore, makeBooking, output, seedHostAndBookings, tempDir } from '../../../support/kiosk/helpers';

const NOW = new Date('2026-11-22T02:00:00.000Z'); // 10:00 in Asia/Shanghai

describe('gate mode at the kiosk core', () => {
  let t: ReturnType<typeof tempDir>;
  let core: KioskCore;
  let clock: Date;

  beforeEach(async () => {
    t = tempDir();
    clock = NOW;
    core = await locallyEnrolledCore(t.dir, { now: () => clock });
    seedHostAndBookings(core.db, [makeBooking({ id: 'b_ok', code: 'ABCD2345' }, NOW)], NOW);
  });
  afterEach(async () => {
    await core.close();
    t.cleanup();
  });

  const passOfCheckIn = async () => (await core.checkIn.confirmCheckIn({ bookingId: 'b_ok' })).pass.token;
  const passages = () => allCommands(core.db, 'kiosk_local').filter((c) => c.command.kind === 'passage');

  it('lets a valid pass in with the masked name and records the entry as a signed passage command, through the IPC', async () => {
    const token = await passOfCheckIn();
    const verdict = output('gate.scan', await dispatchIpcCall(core, 'gate.scan', { text: ` ${token} `, direction: 'entry' }));
    expect(verdict).toMatchObject({ passed: true, direction: 'entry', name: '张*', at: NOW.toISOString() });
    expect(passages()).toHaveLength(1);
    expect(passages()[0]).toMatchObject({
      state: 'pending',
      command: { id: verdict.passageId, kind: 'passage', payload: { direction: 'entry', bookingId: 'b_ok' } },
    });
  });

  it('refuses an expired pass at the entry, lets it out at the exit', async () => {
    const token = await passOfCheckIn();
    clock = new Date(NOW.getTime() + 3 * HOUR); // the window ended an hour ago
    expect(await core.gate.scan(token, 'entry')).toMatchObject({ passed: false, reason: 'pass_expired' });
    expect(await core.gate.scan(token, 'exit')).toMatchObject({ passed: true, direction: 'exit', name: '张*' });
    expect(passages().map((c) => c.command.payload)).toEqual([expect.objectContaining({ direction: 'exit' })]);
  });

  it('refuses a pass not valid yet (the window starts later; allowance 0)', async () => {
    const token = await passOfCheckIn();
    clock = new Date(NOW.getTime() - 2 * HOUR); // before the window opened (NOW - 1 h)
    expect(await core.gate.scan(token, 'entry')).toMatchObject({ passed: false, reason: 'pass_not_yet_valid' });
    expect(passages()).toEqual([]);
  });

  it('refuses a revoked pass (from the pulled revocation list), naming the holder', async () => {
    const token = await passOfCheckIn();
    const pid = (await core.checkIn.verifyPassToken(token)).pid;
    upsertRevokedPass(core.db, { passId: pid, revokedAt: NOW.toISOString(), reason: 'lost' });
    expect(await core.gate.scan(token, 'entry')).toMatchObject({ passed: false, reason: 'pass_revoked', name: '张*' });
  });

  it('refuses a forged pass (one signature character changed), another site’s pass and text that holds no pass', async () => {
    const token = await passOfCheckIn();
    const i = token.length - 10;
    const forged = token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1);
    expect((await core.gate.scan(forged, 'entry')).reason).toMatch(/^pass_(bad_signature|malformed)$/);
    const cloud = await generatePassKeyPair();
    const kid = await keyIdOf(cloud.publicKey);
    upsertPassKey(core.db, { kid, issuer: 'cloud', publicKey: cloud.publicKey, revoked: false });
    const window = { nbf: NOW.getTime() / 1000 - 3600, exp: NOW.getTime() / 1000 + 3600 };
    const elsewhere = await signPassV2({ subject: { kind: 'booking', bookingId: 'b_ok' }, site: 'site_other', ...window, kid }, cloud.privateKey);
    expect(await core.gate.scan(elsewhere, 'entry')).toMatchObject({ passed: false, reason: 'pass_wrong_site' });
    expect(await core.gate.scan(elsewhere, 'exit')).toMatchObject({ passed: false, reason: 'pass_wrong_site' });
    expect(await core.gate.scan('hello', 'entry')).toMatchObject({ passed: false, reason: 'gate_not_a_pass' });
    expect(passages()).toEqual([]);
  });

  it('sets the kiosk’s start screen', async () => {
    expect(core.settings().startScreen).toBe('home');
    const settings = output('gate.setStartScreen', await dispatchIpcCall(core, 'gate.setStartScreen', { startScreen: 'gate' }));
    expect(settings.startScreen).toBe('gate');
    expect(core.settings().startScreen).toBe('gate');
  });
});
