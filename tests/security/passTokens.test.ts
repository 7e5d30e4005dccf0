/**
 * Issue 7, finding 5: "Signatures are malleable" — flipping the unused bits of the 86th base64url character of a
 * signature still verified, so a token (and a sync command) had more than one valid spelling. And the token was
 * ~330 characters, a version-11 QR code. Reproduced through the cloud's HTTP API (SQLite and PostgreSQL) and the
 * kiosk's IPC: every spelling but the canonical one is pass_malformed (or a refused command / key), and new passes
 * are compact (version 2) with a QR code of version 7 or lower at error correction M, while version 1 passes still
 * verify until they expire.
 */
import QRCode from 'qrcode';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatchIpcCall } from '../../src/main/core/ipcHandlers';
import type { KioskCore } from '../../src/main/core/kioskCore';
import { loadSecrets } from '../../src/main/core/settings';
import { generatePassKeyPair, signPassV1 } from '../../src/shared/pass';
import type { IssuedPass, VerifyPassResponse } from '../../src/shared/sync';
import { ADMIN_TOKEN, checkin, CloudTestEnv, DIALECTS, freshEnvPerTest, kioskPassV1, signCommand } from '../support/cloud/harness';
import { locallyEnrolledCore, makeBooking, output, seedHostAndBookings, tempDir } from '../support/kiosk/helpers';

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** The same bytes, spelled differently: the last character with its unused low bits set. */
function respellLast(text: string, unusedBits: number): string {
  const value = BASE64URL.indexOf(text.at(-1)!);
  return text.slice(0, -1) + BASE64URL.charAt(value | ((1 << unusedBits) - 1));
}
/** A signature is 86 characters: 516 bits for 512, so its last character has 4 unused bits. */
const malleatedSignature = (sig: string) => respellLast(sig, 4);
const withSignature = (token: string, sig: (s: string) => string) => {
  const dot = token.lastIndexOf('.');
  return token.slice(0, dot + 1) + sig(token.slice(dot + 1));
};
const qrVersion = (text: string) => QRCode.create(text, { errorCorrectionLevel: 'M' }).version;

describe.each(DIALECTS)('pass tokens and signatures have one spelling (cloud, %s)', (dialect) => {
  let env: CloudTestEnv;
  freshEnvPerTest(dialect, (e) => (env = e));
  const verify = (token: string) => env.request('POST', '/passes/verify', { body: { token } });

  it('refuses a version 1 pass whose signature is re-spelled (unused bits of the 86th character) as pass_malformed', async () => {
    const kiosk = await env.enrolKiosk();
    const now = Math.floor(env.clock.getTime() / 1000);
    const { token } = await kioskPassV1(kiosk, { nbf: now - 60, exp: now + 3600 });
    expect((await verify(token)).statusCode).toBe(200);
    const respelled = withSignature(token, malleatedSignature);
    expect(respelled).not.toBe(token);
    const res = await verify(respelled);
    expect([res.statusCode, res.json<{ error: string }>().error]).toEqual([400, 'pass_malformed']);
    // a payload part re-spelled the same way is malformed too, not merely a bad signature
    const [prefix, body, sig] = token.split('.') as [string, string, string];
    const unused = (body.length * 6) % 8;
    if (unused > 0) expect((await verify(`${prefix}.${respellLast(body, unused)}.${sig}`)).json()).toMatchObject({ error: 'pass_malformed' });
    expect((await verify(`${prefix}.${body}A.${sig}`)).json()).toMatchObject({ error: 'pass_malformed' }); // length ≡ 1 (mod 4)
  });

  it('issues compact passes: PD2, base32, QR version ≤ 7 at M; a re-spelled one is pass_malformed', async () => {
    const host = await env.createHost();
    const booking = await env.approvedBooking(host, { visitor: { name: '欧阳娜娜', phone: '13912345678' } });
    const pass = (await env.request('GET', `/bookings/${booking.id}/pass`, { token: ADMIN_TOKEN })).json<IssuedPass>();
    expect(pass.token).toMatch(/^PD2\.[A-Z2-7]+$/);
    expect(qrVersion(pass.token)).toBeLessThanOrEqual(7);
    expect((await verify(pass.token)).json<VerifyPassResponse>()).toMatchObject({
      valid: true,
      bookingStatus: 'approved',
      payload: { v: 2, bid: booking.id, name: '欧**娜' },
    });
    for (const respelled of [pass.token.toLowerCase().replace(/^pd2/, 'PD2'), `${pass.token}A`, `${pass.token}AA`, pass.token.slice(0, -1)]) {
      const res = await verify(respelled);
      expect([res.statusCode, res.json<{ error: string }>().error], respelled).toEqual([400, 'pass_malformed']);
    }
  });

  it('refuses a sync command whose signature is re-spelled; refuses to enrol a re-spelled public key', async () => {
    const host = await env.createHost();
    const booking = await env.approvedBooking(host);
    const kiosk = await env.enrolKiosk();
    const cmd = await signCommand(kiosk, checkin(kiosk, booking.id));
    const res = await env.request('POST', '/sync/push', { token: kiosk.credential, body: { commands: [{ ...cmd, sig: malleatedSignature(cmd.sig) }] } });
    expect(res.statusCode, res.body).toBe(401);
    expect(res.json()).toMatchObject({ error: 'command_bad_signature' });
    expect(await env.count('applied_commands')).toBe(0);

    // a 32-byte key is 43 characters: 258 bits for 256, 2 unused bits in the last one
    const keys = await generatePassKeyPair();
    const code = await env.enrolmentCode();
    const enrol = await env.request('POST', '/kiosks/enrol', { body: { code, name: '前台二号', publicKey: respellLast(keys.publicKey, 2) } });
    expect(enrol.statusCode, enrol.body).toBe(400);
  });
});

describe('pass tokens have one spelling (kiosk IPC)', () => {
  const NOW = new Date('2026-11-22T02:00:00.000Z');
  let t: ReturnType<typeof tempDir>;
  let core: KioskCore;
  beforeEach(async () => {
    t = tempDir();
    core = await locallyEnrolledCore(t.dir, { now: () => NOW });
    seedHostAndBookings(core.db, [makeBooking({ id: 'b_ok', code: 'ABCD2345' }, NOW)], NOW);
  });
  afterEach(async () => {
    await core.close();
    t.cleanup();
  });

  it('issues a compact kiosk pass (QR version ≤ 7 at M) that verifies with its names looked up; re-spellings are pass_malformed and change nothing', async () => {
    const { visit, pass } = output('checkin.confirm', await dispatchIpcCall(core, 'checkin.confirm', { bookingId: 'b_ok' }));
    expect(pass.token).toMatch(/^PD2\.[A-Z2-7]+$/);
    expect(qrVersion(pass.token)).toBeLessThanOrEqual(7);
    expect(pass.payload).toMatchObject({ v: 2, pid: visit.id, bid: 'b_ok', name: '张*', host: '李四', n: 1 });
    const verified = output('pass.verify', await dispatchIpcCall(core, 'pass.verify', { token: pass.token }));
    expect(verified.payload).toEqual(pass.payload);

    for (const respelled of [pass.token.replace(/.$/, (c) => c.toLowerCase()), `${pass.token}Q`, `PD2.${pass.token.slice(4, -8)}`]) {
      expect(await dispatchIpcCall(core, 'pass.verify', { token: respelled }), respelled).toMatchObject({ ok: false, error: { code: 'pass_malformed' } });
      expect(await dispatchIpcCall(core, 'visits.checkout', { passToken: respelled })).toMatchObject({ ok: false, error: { code: 'pass_malformed' } });
    }
    expect(output('visits.today', await dispatchIpcCall(core, 'visits.today', {})).visits[0]?.checkedOutAt).toBeUndefined();
  });

  it('refuses a version 1 pass with a re-spelled signature; the genuine version 1 pass still verifies', async () => {
    // a version 1 pass of this kiosk's own key, as the kiosk issued them before
    const identity = core.identity()!;
    const { privateKey } = loadSecrets(t.dir)!;
    const now = Math.floor(NOW.getTime() / 1000);
    const legacy = await signPassV1(
      {
        pid: 'b4b1e0a2-5d55-4a8e-9a6b-1f0c3e2d7a10',
        bid: 'b_ok',
        site: identity.siteId,
        name: '张*',
        host: '李四',
        n: 1,
        nbf: now - 60,
        exp: now + 3600,
        iss: `kiosk:${identity.kioskId}`,
        kid: identity.keyId,
      },
      privateKey,
    );
    expect(await dispatchIpcCall(core, 'pass.verify', { token: withSignature(legacy, malleatedSignature) })).toMatchObject({
      ok: false,
      error: { code: 'pass_malformed' },
    });
    expect(output('pass.verify', await dispatchIpcCall(core, 'pass.verify', { token: legacy })).payload).toMatchObject({ v: 1, bid: 'b_ok', name: '张*' });
  });
});
