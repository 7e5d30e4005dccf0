import QRCode from 'qrcode';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Booking } from '../../../../src/shared/domain';
import { decodeBase32Strict, toBase32 } from '../../../../src/shared/strictEncoding';
import { generatePassKeyPair, signPassV1, signPassV2, type PassKey, type PassPayloadV1 } from '../../../../src/shared/pass';
import { VerifyPassResponse, type IssuedPass } from '../../../../src/shared/sync';
import { ADMIN_TOKEN, CloudTestEnv, DIALECTS, freshEnvPerTest, kioskPassV1, TEST_KEY_ENCRYPTION } from '../../../support/cloud/harness';
import { openPrivateKey } from '../../../../src/cloud/services/passKeyStorage';
import { toHost } from '../../../../src/cloud/services/hosts';

describe.each(DIALECTS)('passes (%s)', (dialect) => {
  let env: CloudTestEnv;
  let booking: Booking;
  freshEnvPerTest(dialect, (e) => (env = e));
  beforeEach(async () => {
    const host = await env.createHost();
    booking = await env.approvedBooking(host, { visitor: { name: '欧阳娜娜', phone: '13912345678' }, companions: [{ name: '吴敏' }] });
  });

  const issue = async (id = booking.id, token = ADMIN_TOKEN) => env.request('GET', `/bookings/${id}/pass`, { token });
  const verify = async (token: string) => {
    const res = await env.request('POST', '/passes/verify', { body: { token } });
    // the reply is written without the schema (builtReply): the schema would change nothing of it
    if (res.statusCode === 200) expect(VerifyPassResponse.parse(res.json())).toStrictEqual(res.json());
    return res;
  };

  it('issues a compact (version 2) cloud pass for an approved booking that verifies, with the booking status and names', async () => {
    const res = await issue();
    expect(res.statusCode, res.body).toBe(200);
    const pass = res.json<IssuedPass>();
    expect(pass.payload).toMatchObject({
      v: 2,
      pid: booking.id,
      bid: booking.id,
      site: 'site_test',
      name: '欧**娜',
      host: '李明',
      n: 2,
      iss: 'cloud',
      nbf: Date.parse(booking.windowStart) / 1000,
      exp: Date.parse(booking.windowEnd) / 1000,
    });
    expect(pass.token).toMatch(/^PD2\.[A-Z2-7]+$/);
    expect(pass.token.length).toBeLessThanOrEqual(178);
    expect(QRCode.create(pass.token, { errorCorrectionLevel: 'M' }).version).toBeLessThanOrEqual(7);
    expect(pass.token).not.toContain('13912345678');
    const ok = await verify(pass.token);
    expect(ok.statusCode).toBe(200);
    expect(ok.json<VerifyPassResponse>()).toMatchObject({ valid: true, bookingStatus: 'approved', payload: pass.payload });
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
    const pending = await env.createBooking(toHost(host));
    const res = await issue(pending.id);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ error: 'booking_state' });
    expect((await issue('bk_missing')).statusCode).toBe(404);
  });

  it('rejects forged, tampered, expired, not-yet-valid, unknown-key and malformed passes with their codes', async () => {
    const pass = (await issue()).json<IssuedPass>();
    const stranger = await generatePassKeyPair();
    const claims = { subject: { kind: 'booking' as const, bookingId: booking.id }, site: pass.payload.site, nbf: pass.payload.nbf, exp: pass.payload.exp };
    const forged = await signPassV2({ ...claims, kid: pass.payload.kid }, stranger.privateKey); // same kid, another key
    const later = await signPassV2({ ...claims, exp: pass.payload.exp + 3600, kid: pass.payload.kid }, stranger.privateKey);
    // the genuine signature on a body whose exp was moved an hour later
    const bytesOf = (t: string) => decodeBase32Strict(t.slice('PD2.'.length));
    const tampered = `PD2.${toBase32(Uint8Array.from([...bytesOf(later).subarray(0, -64), ...bytesOf(pass.token).subarray(-64)]))}`;
    const unknownKid = await signPassV2({ ...claims, kid: 'unknownkid01' }, stranger.privateKey);

    const cases: [string, number, string][] = [
      [forged, 422, 'pass_bad_signature'],
      [tampered, 422, 'pass_bad_signature'],
      [unknownKid, 422, 'pass_unknown_key'],
      ['PD1.not-a-pass', 400, 'pass_malformed'],
      ['PD2.not-base32', 400, 'pass_malformed'],
      [`PD2.${toBase32(new Uint8Array(105).fill(9))}`, 400, 'pass_malformed'], // no such subject kind
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

  it('verifies a kiosk-issued pass (version 1 and 2) with the kiosk key, and refuses it once the key is revoked', async () => {
    const kiosk = await env.enrolKiosk();
    const now = Math.floor(env.clock.getTime() / 1000);
    const { token, payload } = await kioskPassV1(kiosk, { nbf: now - 60, exp: now + 3600 });
    expect((await verify(token)).statusCode).toBe(200);
    // a kiosk key cannot pose as the cloud
    const posing = await signPassV1({ ...payload, iss: 'cloud' }, kiosk.keys.privateKey);
    expect((await verify(posing)).json()).toMatchObject({ error: 'pass_bad_signature' });
    const visitId = '0b6f3c1e-7d3a-4c1b-9a55-2f7d0f1e9a01';
    const compact = await signPassV2(
      { subject: { kind: 'visit', visitId }, site: 'site_test', nbf: now - 60, exp: now + 3600, kid: kiosk.enrol.keyId },
      kiosk.keys.privateKey,
    );
    const verified = await verify(compact);
    expect(verified.statusCode, verified.body).toBe(200);
    // the cloud cannot tie that visit to a booking: the token verifies, but it lets no one through (fails closed)
    expect(verified.json<VerifyPassResponse>()).toEqual({
      valid: false,
      reason: 'booking_unknown',
      payload: { v: 2, pid: visitId, site: 'site_test', nbf: now - 60, exp: now + 3600, iss: `kiosk:${kiosk.kioskId}`, kid: kiosk.enrol.keyId },
    });
    // a kiosk of site_test signing a compact pass for another site
    const elsewhere = await signPassV2(
      { subject: { kind: 'visit', visitId }, site: 'site_other', nbf: now - 60, exp: now + 3600, kid: kiosk.enrol.keyId },
      kiosk.keys.privateKey,
    );
    expect((await verify(elsewhere)).json()).toMatchObject({ error: 'pass_wrong_site' });
    await env.kysely.updateTable('pass_keys').set({ revoked: 1 }).where('kid', '=', kiosk.enrol.keyId).execute();
    expect((await verify(token)).json()).toMatchObject({ error: 'pass_key_revoked' });
    expect((await verify(compact)).json()).toMatchObject({ error: 'pass_key_revoked' });
  });

  it('still verifies a version 1 cloud pass until it expires, with the booking status', async () => {
    const key = await env.kysely.selectFrom('pass_keys').select(['kid', 'private_key']).where('issuer', '=', 'cloud').executeTakeFirstOrThrow();
    const v1: PassPayloadV1 = {
      pid: 'cp_legacy',
      bid: booking.id,
      site: 'site_test',
      name: '欧**娜',
      host: '李明',
      n: 2,
      iss: 'cloud',
      kid: key.kid,
      nbf: Date.parse(booking.windowStart) / 1000,
      exp: Date.parse(booking.windowEnd) / 1000,
    };
    const token = await signPassV1(v1, openPrivateKey(key.kid, key.private_key!, TEST_KEY_ENCRYPTION));
    expect(token.startsWith('PD1.')).toBe(true);
    expect((await verify(token)).json<VerifyPassResponse>()).toMatchObject({ valid: true, bookingStatus: 'approved', payload: { v: 1, ...v1 } });
    env.clock = new Date(Date.parse(booking.windowEnd) + 3600_000);
    expect((await verify(token)).json()).toMatchObject({ error: 'pass_expired' });
  });
});

describe.each(DIALECTS)('passes while the fleet upgrades (%s)', (dialect) => {
  it('issues version 1 cloud passes when told to (PASSDESK_PASS_VERSION=1), which verify as before', async () => {
    const env = await CloudTestEnv.create(dialect, { passTokenVersion: 1 });
    try {
      const booking = await env.approvedBooking(await env.createHost());
      const issued = (await env.request('GET', `/bookings/${booking.id}/pass`, { token: ADMIN_TOKEN })).json<IssuedPass>();
      expect(issued.token.startsWith('PD1.')).toBe(true);
      expect(issued.payload).toMatchObject({ v: 1, bid: booking.id, n: 1 });
      expect((await env.request('POST', '/passes/verify', { body: { token: issued.token } })).json<VerifyPassResponse>()).toMatchObject({
        valid: true,
        bookingStatus: 'approved',
      });
    } finally {
      await env.dispose();
    }
  });
});
