/**
 * Findings 1–3 of the security probe, through the cloud's public API on SQLite and PostgreSQL:
 * 1. a kiosk of site B cannot sign a pass for site A;
 * 2. `valid` means "let this person through now" (cancelled / rejected / returned / left say no, with a reason);
 * 3. kiosks, host tokens and single passes can be revoked, and stay revoked.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Booking } from '../../src/shared/domain';
import { generatePassKeyPair, signPassV1 as signPass, type PassKey } from '../../src/shared/pass';
import type { EnrolResponse, IssuedPass, PullResponse, PushResponse, VerifyPassResponse } from '../../src/shared/sync';
import { ADMIN_TOKEN, checkin, CloudTestEnv, DIALECTS, freshEnvPerTest, kioskPassV1, signCommand, type Kiosk } from '../support/cloud/harness';

async function kioskAt(env: CloudTestEnv, siteId: string, name: string): Promise<Kiosk> {
  const code = await env.request('POST', '/admin/enrolment-codes', { token: ADMIN_TOKEN, body: { siteId } });
  const keys = await generatePassKeyPair();
  const res = await env.request('POST', '/kiosks/enrol', { body: { code: code.json<{ code: string }>().code, name, publicKey: keys.publicKey } });
  if (res.statusCode !== 200) throw new Error(`enrol: ${res.body}`);
  const enrol = res.json<EnrolResponse>();
  return { kioskId: enrol.kioskId, credential: enrol.credential, keys, enrol };
}

/** A pass as the kiosk would sign it for a booking (pid = a visit id). */
const kioskPass = (kiosk: Kiosk, booking: Booking, site = booking.siteId) =>
  kioskPassV1(kiosk, { pid: randomUUID(), bid: booking.id, site, nbf: Date.parse(booking.windowStart) / 1000, exp: Date.parse(booking.windowEnd) / 1000 });

describe.each(DIALECTS)('pass trust (%s)', (dialect) => {
  let env: CloudTestEnv;
  freshEnvPerTest(dialect, (e) => (env = e));
  const verify = (token: string, credential?: string) =>
    env.request('POST', '/passes/verify', { body: { token }, ...(credential !== undefined ? { token: credential } : {}) });
  const addSiteB = async () => {
    const res = await env.request('POST', '/admin/sites', { token: ADMIN_TOKEN, body: { id: 'site_b', name: '乙园区', timezone: 'Asia/Shanghai' } });
    expect(res.statusCode).toBe(201);
  };

  describe('1. a key vouches only for its own site and issuer', () => {
    it('refuses a pass for site A signed by a kiosk enrolled at site B', async () => {
      const booking = await env.approvedBooking(await env.createHost());
      await addSiteB();
      const kioskB = await kioskAt(env, 'site_b', '乙前台');
      const forged = await kioskPass(kioskB, booking, 'site_test');
      const res = await verify(forged.token);
      expect([res.statusCode, res.json<{ error: string }>().error]).toEqual([422, 'pass_wrong_site']);
      // the same kiosk's pass for its own site is fine as a token (its booking is unknown there: not valid)
      const own = await kioskPass(kioskB, { ...booking, siteId: 'site_b' });
      expect(await verify(own.token).then((r) => r.json<VerifyPassResponse>())).toMatchObject({ valid: false, reason: 'booking_unknown' });
    });

    it('refuses a pass whose issuer is not its key’s (a kiosk key claiming to be the cloud)', async () => {
      const booking = await env.approvedBooking(await env.createHost());
      const kiosk = await kioskAt(env, 'site_test', '前台');
      const pass = await kioskPass(kiosk, booking);
      const claimed = await signPass({ ...pass.payload, iss: 'cloud' }, kiosk.keys.privateKey);
      expect((await verify(claimed)).json<{ error: string }>().error).toBe('pass_bad_signature');
    });

    it('a kiosk asking verifies for its own site only: a cloud pass of another site is refused', async () => {
      await addSiteB();
      const hostB = await env.request('POST', '/hosts', {
        token: ADMIN_TOKEN,
        body: { siteId: 'site_b', name: '周强', phone: '13800138009', department: '保卫处', canReceiveVisitors: true },
      });
      expect(hostB.statusCode).toBe(201);
      const bookingB = await env.request('POST', '/bookings', { token: ADMIN_TOKEN, body: env.bookingInput(hostB.json(), { source: 'staff' }) });
      expect(bookingB.statusCode, bookingB.body).toBe(201);
      await env.decide(bookingB.json<Booking>().id, 'approve');
      const pass = (await env.request('GET', `/bookings/${bookingB.json<Booking>().id}/pass`, { token: ADMIN_TOKEN })).json<IssuedPass>();
      const kioskA = await kioskAt(env, 'site_test', '甲前台');
      expect((await verify(pass.token)).json<VerifyPassResponse>().valid).toBe(true);
      const asKioskA = await verify(pass.token, kioskA.credential);
      expect([asKioskA.statusCode, asKioskA.json<{ error: string }>().error]).toEqual([422, 'pass_wrong_site']);
    });
  });

  describe('2. valid means: let this person through now', () => {
    it('a cancelled booking’s pass is not valid, with the reason', async () => {
      const booking = await env.approvedBooking(await env.createHost());
      const pass = (await env.request('GET', `/bookings/${booking.id}/pass`, { token: ADMIN_TOKEN })).json<IssuedPass>();
      expect((await verify(pass.token)).json<VerifyPassResponse>()).toMatchObject({ valid: true, bookingStatus: 'approved' });
      expect((await env.request('POST', `/bookings/${booking.id}/cancel`, { token: ADMIN_TOKEN })).statusCode).toBe(200);
      expect((await verify(pass.token)).json<VerifyPassResponse>()).toMatchObject({ valid: false, reason: 'booking_cancelled', bookingStatus: 'cancelled' });
    });

    it('rejected and returned (pending) bookings’ passes are not valid', async () => {
      const host = await env.createHost();
      const kiosk = await kioskAt(env, 'site_test', '前台');
      const rejected = await env.createBooking(host);
      const returned = await env.createBooking(host, { visitor: { name: '赵六', phone: '13912340000' } });
      const p1 = await kioskPass(kiosk, rejected);
      const p2 = await kioskPass(kiosk, returned);
      await env.decide(rejected.id, 'reject', '不符合要求');
      expect((await verify(p1.token)).json<VerifyPassResponse>()).toMatchObject({ valid: false, reason: 'booking_rejected' });
      expect((await verify(p2.token)).json<VerifyPassResponse>()).toMatchObject({ valid: false, reason: 'booking_pending' });
    });

    it('a visitor who has left is not let through again; inside (arrived) is', async () => {
      const booking = await env.approvedBooking(await env.createHost());
      const kiosk = await kioskAt(env, 'site_test', '前台');
      const pass = await kioskPass(kiosk, booking);
      const visitId = pass.payload.pid;
      const push = async (cmd: Parameters<typeof signCommand>[1]) =>
        (await env.request('POST', '/sync/push', { token: kiosk.credential, body: { commands: [await signCommand(kiosk, cmd)] } })).json<PushResponse>();
      expect((await push(checkin(kiosk, booking.id, { visitId }))).results[0]?.status).toBe('applied');
      expect((await verify(pass.token)).json<VerifyPassResponse>()).toMatchObject({ valid: true, bookingStatus: 'arrived' });
      const out = {
        id: randomUUID(),
        kioskId: kiosk.kioskId,
        at: '2026-11-22T03:00:00.000Z',
        kind: 'checkout' as const,
        payload: { visitId, bookingId: booking.id },
      };
      expect((await push(out)).results[0]?.status).toBe('applied');
      expect((await verify(pass.token)).json<VerifyPassResponse>()).toMatchObject({ valid: false, reason: 'visitor_left', bookingStatus: 'left' });
    });
  });

  describe('3. revocation', () => {
    it('a revoked kiosk can neither pull nor push, and its passes fail verification', async () => {
      const booking = await env.approvedBooking(await env.createHost());
      const kiosk = await kioskAt(env, 'site_test', '前台');
      const pass = await kioskPass(kiosk, booking);
      expect((await verify(pass.token)).json<VerifyPassResponse>().valid).toBe(true);
      const revoked = await env.request('POST', `/admin/kiosks/${kiosk.kioskId}/revoke`, { token: ADMIN_TOKEN });
      expect(revoked.statusCode, revoked.body).toBe(200);
      expect(revoked.json<{ keyIds: string[] }>().keyIds).toEqual([kiosk.enrol.keyId]);
      const pull = await env.request('GET', '/sync/pull', { token: kiosk.credential });
      expect([pull.statusCode, pull.json<{ error: string }>().error]).toEqual([401, 'credential_revoked']);
      const push = await env.request('POST', '/sync/push', {
        token: kiosk.credential,
        body: { commands: [await signCommand(kiosk, checkin(kiosk, booking.id))] },
      });
      expect(push.statusCode).toBe(401);
      expect(await env.count('applied_commands')).toBe(0);
      const res = await verify(pass.token);
      expect([res.statusCode, res.json<{ error: string }>().error]).toEqual([422, 'pass_key_revoked']);
      expect((await env.request('POST', '/admin/kiosks/kiosk_nope/revoke', { token: ADMIN_TOKEN })).statusCode).toBe(404);
    });

    it('the site’s other kiosks learn the revoked key on their next pull', async () => {
      const k1 = await kioskAt(env, 'site_test', '一号');
      const k2 = await kioskAt(env, 'site_test', '二号');
      await env.request('POST', `/admin/kiosks/${k1.kioskId}/revoke`, { token: ADMIN_TOKEN });
      const pull = (await env.request('GET', '/sync/pull', { token: k2.credential })).json<PullResponse>();
      expect((pull.passKeys ?? []).find((k: PassKey) => k.kid === k1.enrol.keyId)).toMatchObject({ revoked: true, site: 'site_test' });
    });

    it('a host token can be revoked alone or with all of its host’s tokens', async () => {
      const host = await env.createHost();
      const issue = async () => (await env.request('POST', `/hosts/${host.id}/token`, { token: ADMIN_TOKEN })).json<{ token: string; tokenId: string }>();
      const [a, b, c] = [await issue(), await issue(), await issue()];
      const list = (t: string) => env.request('GET', '/bookings', { token: t });
      expect((await list(a.token)).statusCode).toBe(200);
      expect((await env.request('POST', `/admin/host-tokens/${a.tokenId}/revoke`, { token: ADMIN_TOKEN })).statusCode).toBe(200);
      expect([(await list(a.token)).statusCode, (await list(a.token)).json<{ error: string }>().error]).toEqual([401, 'credential_revoked']);
      expect((await list(b.token)).statusCode).toBe(200);
      const all = await env.request('POST', `/admin/hosts/${host.id}/tokens/revoke`, { token: ADMIN_TOKEN });
      expect(all.json()).toEqual({ hostId: host.id, revoked: 2 });
      expect((await list(b.token)).statusCode).toBe(401);
      expect((await list(c.token)).statusCode).toBe(401);
      expect((await env.request('POST', '/admin/host-tokens/0123456789abcdef/revoke', { token: ADMIN_TOKEN })).statusCode).toBe(404);
    });

    it('a single pass can be revoked: verify says so, other passes of the booking’s site are untouched, kiosks pull it', async () => {
      const host = await env.createHost();
      const booking = await env.approvedBooking(host);
      const other = await env.approvedBooking(host, { visitor: { name: '赵六', phone: '13912340000' } });
      const kiosk = await kioskAt(env, 'site_test', '前台');
      const pass = await kioskPass(kiosk, booking);
      const untouched = await kioskPass(kiosk, other);
      const res = await env.request('POST', `/admin/passes/${pass.payload.pid}/revoke`, { token: ADMIN_TOKEN, body: { reason: '证件遗失' } });
      expect(res.statusCode, res.body).toBe(200);
      expect((await verify(pass.token)).json<VerifyPassResponse>()).toMatchObject({ valid: false, reason: 'pass_revoked' });
      expect((await verify(untouched.token)).json<VerifyPassResponse>().valid).toBe(true);
      const pull = (await env.request('GET', '/sync/pull', { token: kiosk.credential })).json<PullResponse>();
      expect(pull.revokedPasses).toEqual([expect.objectContaining({ passId: pass.payload.pid, reason: '证件遗失' })]);
      const again = (await env.request('GET', `/sync/pull?cursor=${pull.cursor}`, { token: kiosk.credential })).json<PullResponse>();
      expect(again.revokedPasses).toEqual([]);
    });
  });
});
