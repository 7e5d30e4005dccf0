/** Rotating a site's pass-signing key (issue 11): old passes verify until they expire, then the old key leaves the pull. */
import { beforeEach, describe, expect, it } from 'vitest';
import type { AuditList, PassKeyRotated } from '../../../../src/shared/adminApi';
import type { Booking } from '../../../../src/shared/domain';
import { compactWindow, generatePassKeyPair, keyIdOf, signPassV2, verifyPass, type PassKey } from '../../../../src/shared/pass';
import type { IssuedPass, PullResponse, VerifyPassResponse } from '../../../../src/shared/sync';
import { openPrivateKey } from '../../../../src/cloud/services/passKeyStorage';
import { RETIRED_KEY_GRACE_MS } from '../../../../src/cloud/services/siteSigningKeys';
import { ADMIN_TOKEN, CloudTestEnv, DIALECTS, freshEnvPerTest, TEST_KEY_ENCRYPTION, type Kiosk } from '../../../support/cloud/harness';

describe.each(DIALECTS)('rotating a site’s pass-signing key (%s)', (dialect) => {
  let env: CloudTestEnv;
  let booking: Booking;
  let kiosk: Kiosk;
  freshEnvPerTest(dialect, (e) => (env = e));
  beforeEach(async () => {
    const host = await env.createHost();
    booking = await env.approvedBooking(host);
    kiosk = await env.enrolKiosk();
  });

  /** token null: no bearer at all */
  const rotate = async (siteId = 'site_test', token: string | null = ADMIN_TOKEN) =>
    env.request('POST', `/admin/sites/${siteId}/pass-key/rotate`, token !== null ? { token } : {});
  const issue = async (id = booking.id) => (await env.request('GET', `/bookings/${id}/pass`, { token: ADMIN_TOKEN })).json<IssuedPass>();
  const verify = async (token: string) => env.request('POST', '/passes/verify', { body: { token } });
  const pulledKeys = async (k = kiosk): Promise<PassKey[]> => {
    const res = await env.request('GET', '/sync/pull', { token: k.credential });
    expect(res.statusCode, res.body).toBe(200);
    const keys = res.json<PullResponse>().passKeys;
    if (keys === undefined) throw new Error('a pull without a config version carries the pass keys');
    return keys;
  };
  const cloudKids = async (k = kiosk) => (await pulledKeys(k)).filter((key) => key.issuer === 'cloud').map((key) => key.kid);
  /** as a kiosk of the site verifies offline: with the keys of its last pull */
  const verifyAtKiosk = async (token: string) => verifyPass(token, await pulledKeys(), { nowMs: env.clock.getTime(), site: 'site_test' });

  it('a pass issued before the rotation still verifies at the cloud and at a kiosk; a new pass is signed by the new key', async () => {
    const before = await issue();
    const res = await rotate();
    expect(res.statusCode, res.body).toBe(200);
    const rotated = res.json<PassKeyRotated>();
    expect(rotated).toMatchObject({ siteId: 'site_test', retired: [{ keyId: before.payload.kid }] });
    expect(rotated.keyId).not.toBe(before.payload.kid);
    expect(Date.parse(rotated.retired[0]!.keptUntil)).toBe(Date.parse(booking.windowEnd) + RETIRED_KEY_GRACE_MS);

    expect((await verify(before.token)).json<VerifyPassResponse>()).toMatchObject({ valid: true, payload: { kid: before.payload.kid } });
    expect(await verifyAtKiosk(before.token)).toMatchObject({ kid: before.payload.kid, bid: booking.id });

    const after = await issue();
    expect(after.payload.kid).toBe(rotated.keyId);
    expect((await verify(after.token)).json<VerifyPassResponse>()).toMatchObject({ valid: true, payload: { kid: rotated.keyId } });
    expect(await verifyAtKiosk(after.token)).toMatchObject({ kid: rotated.keyId });
    expect(await cloudKids()).toEqual(expect.arrayContaining([before.payload.kid, rotated.keyId]));
    const newKey = (await pulledKeys()).find((k) => k.kid === rotated.keyId);
    expect(newKey).toMatchObject({ issuer: 'cloud', site: 'site_test', publicKey: rotated.publicKey, revoked: false });
  });

  it('a kiosk whose config version was current gets the new key in its next pull (the rotation changes the version)', async () => {
    const first = await env.request('GET', '/sync/pull', { token: kiosk.credential });
    const held = first.json<PullResponse>().configVersion;
    expect(held).toBeDefined();
    const quiet = await env.request('GET', `/sync/pull?config=${held}`, { token: kiosk.credential });
    expect(quiet.json<PullResponse>().passKeys).toBeUndefined();
    const rotated = (await rotate()).json<PassKeyRotated>();
    const next = (await env.request('GET', `/sync/pull?config=${held}`, { token: kiosk.credential })).json<PullResponse>();
    expect(next.configVersion).not.toBe(held);
    expect(next.passKeys?.map((k) => k.kid)).toContain(rotated.keyId);
  });

  it('drops the old key from the pull once the last pass it signed has expired', async () => {
    const before = await issue();
    const rotated = (await rotate()).json<PassKeyRotated>();
    const keptUntil = Date.parse(rotated.retired[0]!.keptUntil);
    env.clock = new Date(Date.parse(booking.windowEnd) + 60_000);
    expect(await cloudKids()).toContain(before.payload.kid);
    env.clock = new Date(keptUntil + 1000);
    expect(await cloudKids()).toEqual([rotated.keyId]);
    expect((await verify(before.token)).json()).toMatchObject({ error: 'pass_expired' });
    // the keys a kiosk asks for on its own say the same
    const keys = (await env.request('GET', '/passes/keys', { token: kiosk.credential })).json<{ keys: PassKey[] }>().keys;
    expect(keys.map((k) => k.kid)).not.toContain(before.payload.kid);
  });

  it('refuses a pass forged with a random key, and one the retired key claims valid beyond its passes', async () => {
    await rotate();
    const forger = await generatePassKeyPair();
    const window = compactWindow(Date.parse(booking.windowStart) / 1000, Date.parse(booking.windowEnd) / 1000);
    const forged = await signPassV2(
      { subject: { kind: 'booking', bookingId: booking.id }, site: 'site_test', ...window, kid: await keyIdOf(forger.publicKey) },
      forger.privateKey,
    );
    expect((await verify(forged)).json()).toMatchObject({ error: 'pass_unknown_key' });
    await expect(verifyAtKiosk(forged)).rejects.toMatchObject({ code: 'pass_unknown_key' });

    // the retired key (leaked, say) signing for the site after the rotation: valid past what it could have signed
    const old = await env.kysely.selectFrom('pass_keys').selectAll().where('issuer', '=', 'cloud').where('site_id', 'is', null).executeTakeFirstOrThrow();
    const late = await signPassV2(
      { subject: { kind: 'booking', bookingId: booking.id }, site: 'site_test', nbf: window.nbf, exp: window.exp + 86_400, kid: old.kid },
      openPrivateKey(old.kid, old.private_key!, TEST_KEY_ENCRYPTION),
    );
    expect((await verify(late)).json()).toMatchObject({ error: 'pass_key_revoked' });
  });

  it('a site’s own key vouches for that site only: another site keeps the cloud’s key and never gets this one', async () => {
    const rotated = (await rotate()).json<PassKeyRotated>();
    await env.request('POST', '/admin/sites', { token: ADMIN_TOKEN, body: { id: 'site_b', name: '乙园区', timezone: 'Asia/Shanghai' } });
    env.siteId = 'site_b';
    const other = await env.enrolKiosk('乙前台');
    const kids = await cloudKids(other);
    expect(kids).not.toContain(rotated.keyId);
    expect(kids).toContain(rotated.retired[0]!.keyId);
    // a pass for site_b signed with site_test's key is refused
    const row = await env.kysely.selectFrom('pass_keys').selectAll().where('kid', '=', rotated.keyId).executeTakeFirstOrThrow();
    const window = compactWindow(Date.parse(booking.windowStart) / 1000, Date.parse(booking.windowEnd) / 1000);
    const crossSite = await signPassV2(
      { subject: { kind: 'booking', bookingId: booking.id }, site: 'site_b', ...window, kid: rotated.keyId },
      openPrivateKey(row.kid, row.private_key!, TEST_KEY_ENCRYPTION),
    );
    expect((await verify(crossSite)).json()).toMatchObject({ error: 'pass_wrong_site' });
  });

  it('is refused without the admin token, and for an unknown site; changes nothing then', async () => {
    const keysBefore = await env.count('pass_keys');
    expect((await rotate('site_test', null)).statusCode).toBe(401);
    expect((await rotate('site_test', 'not-the-admin-token-0123456789abcdef')).statusCode).toBe(401);
    expect((await rotate('site_test', kiosk.credential)).statusCode).toBe(403);
    const unknown = await rotate('site_nope');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ error: 'site_unknown' });
    expect(await env.count('pass_keys')).toBe(keysBefore);
    expect((await issue()).payload.kid).toBe(
      (await env.kysely.selectFrom('pass_keys').select('kid').where('issuer', '=', 'cloud').executeTakeFirstOrThrow()).kid,
    );
  });

  it('rotating twice quickly: the second retires the first’s key; passes of all three keys verify; each rotation audited', async () => {
    const first = await issue();
    const a = (await rotate()).json<PassKeyRotated>();
    const second = await issue();
    const bRes = await rotate();
    expect(bRes.statusCode).toBe(200);
    const rotatedB = bRes.json<PassKeyRotated>();
    expect(rotatedB.retired.map((r) => r.keyId)).toEqual([a.keyId]);
    const third = await issue();
    expect(new Set([first.payload.kid, second.payload.kid, third.payload.kid]).size).toBe(3);
    expect(third.payload.kid).toBe(rotatedB.keyId);
    for (const pass of [first, second, third]) {
      expect((await verify(pass.token)).json<VerifyPassResponse>()).toMatchObject({ valid: true });
      expect(await verifyAtKiosk(pass.token)).toMatchObject({ kid: pass.payload.kid });
    }
    expect((await cloudKids()).sort()).toEqual([first.payload.kid, second.payload.kid, third.payload.kid].sort());

    const audit = (await env.request('GET', '/admin/sites/site_test/audit', { token: ADMIN_TOKEN })).json<AuditList>().entries;
    const rotations = audit.filter((e) => e.action === 'pass_key.rotated');
    expect(rotations).toHaveLength(2);
    expect(rotations.map((e) => e.detail)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ actor: 'admin', keyId: a.keyId, retired: [first.payload.kid] }),
        expect.objectContaining({ actor: 'admin', keyId: rotatedB.keyId, retired: [a.keyId] }),
      ]),
    );
  });

  it('two rotations at once leave one current key', async () => {
    const [x, y] = await Promise.all([rotate(), rotate()]);
    expect([x.statusCode, y.statusCode]).toEqual([200, 200]);
    const live = await env.kysely
      .selectFrom('pass_keys')
      .select('kid')
      .where('site_id', '=', 'site_test')
      .where('issuer', '=', 'cloud')
      .where((eb) => eb.not(eb.exists(eb.selectFrom('pass_key_retirements as r').select('r.kid').whereRef('r.kid', '=', 'pass_keys.kid'))))
      .execute();
    expect(live).toHaveLength(1);
  });
});
