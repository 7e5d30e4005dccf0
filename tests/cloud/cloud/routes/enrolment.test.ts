import { describe, expect, it } from 'vitest';
import { generatePassKeyPair, keyIdOf } from '../../../../src/shared/pass';
import type { EnrolResponse } from '../../../../src/shared/sync';
import { ADMIN_TOKEN, CloudTestEnv, DIALECTS, freshEnvPerTest } from '../../../support/cloud/harness';

describe.each(DIALECTS)('kiosk enrolment (%s)', (dialect) => {
  let env: CloudTestEnv;
  freshEnvPerTest(dialect, (e) => (env = e));

  it('enrols with a one-time code, stores only hashes, registers the kiosk key', async () => {
    const keys = await generatePassKeyPair();
    const code = await env.enrolmentCode();
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const res = await env.request('POST', '/kiosks/enrol', { body: { code: code.toLowerCase(), name: '前台一号', publicKey: keys.publicKey } });
    expect(res.statusCode).toBe(200);
    const body = res.json<EnrolResponse>();
    const kid = await keyIdOf(keys.publicKey);
    expect(body).toMatchObject({ siteId: 'site_test', keyId: kid });
    expect(body.credential.length).toBeGreaterThanOrEqual(32);
    expect(body.passKeys.map((k) => k.issuer).sort()).toEqual(['cloud', `kiosk:${body.kioskId}`]);
    const kiosk = await env.kysely.selectFrom('kiosks').selectAll().executeTakeFirstOrThrow();
    expect(kiosk.credential_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(kiosk.credential_hash).not.toContain(body.credential);
    const codes = await env.kysely.selectFrom('enrolment_codes').selectAll().execute();
    expect(codes).toHaveLength(1);
    expect(codes[0]!.code_hash).not.toBe(code);
    expect(codes[0]!.used_by_kiosk_id).toBe(body.kioskId);
    const key = await env.kysely.selectFrom('pass_keys').selectAll().where('kid', '=', kid).executeTakeFirstOrThrow();
    expect(key).toMatchObject({ issuer: `kiosk:${body.kioskId}`, site_id: 'site_test', private_key: null, revoked: 0 });
    // the credential authenticates pulls
    expect((await env.request('GET', '/sync/pull', { token: body.credential })).statusCode).toBe(200);
  });

  it('answers 404 for an unknown code, 410 for a used or expired one, storing nothing', async () => {
    const keys = await generatePassKeyPair();
    const unknown = await env.request('POST', '/kiosks/enrol', { body: { code: 'ZZZZ-9999', name: 'k', publicKey: keys.publicKey } });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ error: 'enrolment_code_unknown' });

    const code = await env.enrolmentCode();
    expect((await env.request('POST', '/kiosks/enrol', { body: { code, name: 'k1', publicKey: keys.publicKey } })).statusCode).toBe(200);
    const other = await generatePassKeyPair();
    const reuse = await env.request('POST', '/kiosks/enrol', { body: { code, name: 'k2', publicKey: other.publicKey } });
    expect(reuse.statusCode).toBe(410);
    expect(reuse.json()).toMatchObject({ error: 'enrolment_code_used' });

    const short = await env.enrolmentCode(5);
    env.clock = new Date(env.clock.getTime() + 6 * 60_000);
    const expired = await env.request('POST', '/kiosks/enrol', { body: { code: short, name: 'k3', publicKey: other.publicKey } });
    expect(expired.statusCode).toBe(410);
    expect(expired.json()).toMatchObject({ error: 'enrolment_code_expired' });

    expect(await env.count('kiosks')).toBe(1);
    expect(await env.count('pass_keys')).toBe(2); // cloud + the one kiosk
    const unused = await env.kysely.selectFrom('enrolment_codes').select('used_at').where('used_at', 'is', null).execute();
    expect(unused).toHaveLength(1); // the expired code stays unused
  });

  it('refuses an already-enrolled public key without using up the code', async () => {
    const kiosk = await env.enrolKiosk();
    const code = await env.enrolmentCode();
    const res = await env.request('POST', '/kiosks/enrol', { body: { code, name: 'again', publicKey: kiosk.keys.publicKey } });
    expect(res.statusCode).toBe(409);
    expect(await env.count('kiosks')).toBe(1);
    const other = await generatePassKeyPair();
    expect((await env.request('POST', '/kiosks/enrol', { body: { code, name: 'again', publicKey: other.publicKey } })).statusCode).toBe(200);
  });

  it('lets only the admin make codes', async () => {
    const kiosk = await env.enrolKiosk();
    expect((await env.request('POST', '/admin/enrolment-codes', { body: { siteId: 'site_test' } })).statusCode).toBe(401);
    expect((await env.request('POST', '/admin/enrolment-codes', { token: kiosk.credential, body: { siteId: 'site_test' } })).statusCode).toBe(403);
    expect((await env.request('POST', '/admin/enrolment-codes', { token: ADMIN_TOKEN, body: { siteId: 'nope' } })).statusCode).toBe(404);
  });
});
