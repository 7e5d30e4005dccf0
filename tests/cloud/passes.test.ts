import { beforeEach, describe, expect, it } from 'vitest';
import type { Booking } from '../../src/shared/domain';
import { generatePassKeyPair, signPass, type PassKey, type PassPayload } from '../../src/shared/pass';
import type { IssuedPass, VerifyPassResponse } from '../../src/shared/sync';
import { ADMIN_TOKEN, CloudTestEnv, DIALECTS, freshEnvPerTest } from './harness';

describe.each(DIALECTS)('passes (%s)', (dialect) => {
  let env: CloudTestEnv;
  let booking: Booking;
  freshEnvPerTest(dialect, (e) => (env = e));
  beforeEach(async () => {
    const host = await env.createHost();
    booking = await env.approvedBooking(host, { visitor: { name: '欧阳娜娜', phone: '13912345678' }, companions: [{ name: '吴敏' }] });
  });

  const issue = async (id = booking.id, token = ADMIN_TOKEN) => env.request('GET', `/bookings/${id}/pass`, { token });
  const verify = (token: string) => env.request('POST', '/passes/verify', { body: { token } });

  it('issues a cloud pass for an approved booking that verifies, with the booking status', async () => {
    const res = await issue();
    expect(res.statusCode, res.body).toBe(200);
    const pass = res.json<IssuedPass>();
    expect(pass.payload).toMatchObject({
      bid: booking.id, site: 'site_test', name: '欧**娜', host: '李明', n: 2, iss: 'cloud',
      nbf: Date.parse(booking.windowStart) / 1000, exp: Date.parse(booking.windowEnd) / 1000,
    });
    expect(pass.token).not.toContain('13912345678');
    const ok = await verify(pass.token);
    expect(ok.statusCode).toBe(200);
    expect(ok.json<VerifyPassResponse>()).toMatchObject({ valid: true, bookingStatus: 'approved', payload: { pid: pass.payload.pid } });
    const keys = await env.request('GET', '/passes/keys');
    expect(keys.json<{ keys: PassKey[] }>().keys.map((k) => k.kid)).toContain(pass.payload.kid);
  });

  it('lets the booking’s host fetch the pass but not another host', async () => {
    const mine = await env.kysely.selectFrom('hosts').select('id').executeTakeFirstOrThrow();
    const other = await env.createHost({ name: '王芳', phone: '13800138002' });
    expect((await issue(booking.id, await env.hostToken(mine.id))).statusCode).toBe(200);
    expect((await issue(booking.id, await env.hostToken(other.id))).statusCode).toBe(404);
    expect((await env.request('GET', `/bookings/${booking.id}/pass`)).statusCode).toBe(401);
  });

  it('refuses a pass for a pending booking (409)', async () => {
    const host = await env.kysely.selectFrom('hosts').selectAll().executeTakeFirstOrThrow();
    const pending = await env.createBooking({ ...host, siteId: host.site_id, canReceiveVisitors: true, updatedAt: host.updated_at });
    const res = await issue(pending.id);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ error: 'booking_state' });
    expect((await issue('bk_missing')).statusCode).toBe(404);
  });

  it('rejects forged, tampered, expired, not-yet-valid, unknown-key and malformed passes with their codes', async () => {
    const pass = (await issue()).json<IssuedPass>();
    const stranger = await generatePassKeyPair();
    const forged = await signPass(pass.payload, stranger.privateKey); // same kid, another key
    const [p, , s] = pass.token.split('.');
    const tamperedBody = Buffer.from(JSON.stringify({ ...pass.payload, n: 9 })).toString('base64url');
    const unknownKid = await signPass({ ...pass.payload, kid: 'unknownkid01' }, stranger.privateKey);

    const cases: [string, number, string][] = [
      [forged, 422, 'pass_bad_signature'],
      [`${p}.${tamperedBody}.${s}`, 422, 'pass_bad_signature'],
      [unknownKid, 422, 'pass_unknown_key'],
      ['PD1.not-a-pass', 400, 'pass_malformed'],
      ['x'.repeat(5000), 400, 'pass_malformed'],
    ];
    for (const [token, status, code] of cases) {
      const res = await verify(token);
      expect([res.statusCode, res.json<{ error: string }>().error], token.slice(0, 30)).toEqual([status, code]);
    }
    env.clock = new Date(Date.parse(booking.windowEnd) + 3600_000);
    expect((await verify(pass.token)).json()).toMatchObject({ error: 'pass_expired' });
    env.clock = new Date(Date.parse(booking.windowStart) - 3600_000);
    expect((await verify(pass.token)).json()).toMatchObject({ error: 'pass_not_yet_valid' });
  });

  it('verifies a kiosk-issued pass with the kiosk key, and refuses it once the key is revoked', async () => {
    const kiosk = await env.enrolKiosk();
    const now = Math.floor(env.clock.getTime() / 1000);
    const payload: PassPayload = { pid: 'visit-1', site: 'site_test', name: '张*', host: '李明', n: 1, nbf: now - 60, exp: now + 3600, iss: `kiosk:${kiosk.kioskId}`, kid: kiosk.enrol.keyId };
    const token = await signPass(payload, kiosk.keys.privateKey);
    expect((await verify(token)).statusCode).toBe(200);
    // a kiosk key cannot pose as the cloud
    const posing = await signPass({ ...payload, iss: 'cloud' }, kiosk.keys.privateKey);
    expect((await verify(posing)).json()).toMatchObject({ error: 'pass_bad_signature' });
    await env.kysely.updateTable('pass_keys').set({ revoked: 1 }).where('kid', '=', kiosk.enrol.keyId).execute();
    expect((await verify(token)).json()).toMatchObject({ error: 'pass_key_revoked' });
  });
});
