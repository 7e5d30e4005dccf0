/**
 * Finding 9 (the cloud's parts) and 10, through the public API on SQLite and PostgreSQL: what strangers can
 * learn from the API's surface — key lists, body parsing before authentication, ids told apart by status —
 * and that the OpenAPI document says which operations are public.
 */
import { describe, expect, it } from 'vitest';
import type { PassKey } from '../../src/shared/pass';
import { ADMIN_TOKEN, CloudTestEnv, DIALECTS, freshEnvPerTest } from '../support/cloud/harness';

describe.each(DIALECTS)('API surface (%s)', (dialect) => {
  let env: CloudTestEnv;
  freshEnvPerTest(dialect, (e) => (env = e));

  it('/passes/keys does not list a site’s kiosks to strangers: the cloud’s keys, and one key by id', async () => {
    const k1 = await env.enrolKiosk('一号');
    await env.enrolKiosk('二号');
    const anonymous = (await env.request('GET', '/passes/keys')).json<{ keys: PassKey[] }>().keys;
    expect(anonymous.map((k) => k.issuer)).toEqual(['cloud']);
    const one = (await env.request('GET', `/passes/keys?kid=${k1.enrol.keyId}`)).json<{ keys: PassKey[] }>().keys;
    expect(one.map((k) => k.issuer)).toEqual(['cloud', `kiosk:${k1.kioskId}`]);
    // a kiosk sees its site's keys; a kiosk of another site does not see them
    expect((await env.request('GET', '/passes/keys', { token: k1.credential })).json<{ keys: PassKey[] }>().keys).toHaveLength(3);
    await env.request('POST', '/admin/sites', { token: ADMIN_TOKEN, body: { id: 'site_b', name: '乙', timezone: 'Asia/Shanghai' } });
    const code = (await env.request('POST', '/admin/enrolment-codes', { token: ADMIN_TOKEN, body: { siteId: 'site_b' } })).json<{ code: string }>().code;
    const other = await env.request('POST', '/kiosks/enrol', { body: { code, name: '乙', publicKey: 'A'.repeat(42) + 'E' } });
    expect(other.statusCode, other.body).toBe(200);
    const seenByB = (await env.request('GET', '/passes/keys', { token: other.json<{ credential: string }>().credential })).json<{ keys: PassKey[] }>().keys;
    expect(seenByB.some((k) => k.issuer === `kiosk:${k1.kioskId}`)).toBe(false);
  });

  it('a kiosk pulls its own site only: another site’s bookings, hosts and keys never reach it', async () => {
    const host = await env.createHost();
    const booking = await env.approvedBooking(host);
    const kioskA = await env.enrolKiosk('甲');
    await env.request('POST', '/admin/sites', { token: ADMIN_TOKEN, body: { id: 'site_b', name: '乙', timezone: 'Asia/Shanghai' } });
    const code = (await env.request('POST', '/admin/enrolment-codes', { token: ADMIN_TOKEN, body: { siteId: 'site_b' } })).json<{ code: string }>().code;
    const b = (await env.request('POST', '/kiosks/enrol', { body: { code, name: '乙', publicKey: 'B'.repeat(42) + 'A' } })).json<{ credential: string }>();
    const pull = (await env.request('GET', '/sync/pull', { token: b.credential })).json<{
      bookings: { id: string }[];
      hosts: { id: string }[];
      passKeys: PassKey[];
      site: { id: string };
    }>();
    expect(pull.site.id).toBe('site_b');
    expect(pull.bookings.map((x) => x.id)).not.toContain(booking.id);
    expect(pull.hosts.map((x) => x.id)).not.toContain(host.id);
    expect(pull.passKeys.map((k) => k.issuer)).not.toContain(`kiosk:${kioskA.kioskId}`);
  });

  it('authenticates before reading the body: a stranger’s malformed or huge body is refused as unauthorised, never parsed', async () => {
    for (const path of ['/admin/sites', '/sync/push', '/hosts', '/admin/blacklist']) {
      const malformed = await env.request('POST', path, { rawBody: '{"this is not json' });
      expect([path, malformed.statusCode]).toEqual([path, 401]);
      const huge = await env.request('POST', path, { rawBody: JSON.stringify({ pad: 'x'.repeat(900_000) }) });
      expect([path, huge.statusCode]).toEqual([path, 401]);
      // the schema is not revealed either: no validation details to a stranger
      expect(huge.json<{ details?: unknown }>().details).toBeUndefined();
    }
  });

  it('a host cannot tell another host’s booking from one that does not exist', async () => {
    const mine = await env.createHost();
    const theirs = await env.createHost({ name: '王芳', phone: '13800138002' });
    const booking = await env.createBooking(theirs);
    const token = await env.hostToken(mine.id);
    for (const [method, suffix, body] of [
      ['GET', '', undefined],
      ['GET', '/pass', undefined],
      ['POST', '/cancel', undefined],
      ['POST', '/decision', { action: 'approve' }],
    ] as const) {
      const foreign = await env.request(method, `/bookings/${booking.id}${suffix}`, { token, ...(body ? { body } : {}) });
      const unknown = await env.request(method, `/bookings/bk_does_not_exist${suffix}`, { token, ...(body ? { body } : {}) });
      expect([foreign.statusCode, foreign.json<{ error: string }>().error]).toEqual([unknown.statusCode, unknown.json<{ error: string }>().error]);
      expect(foreign.json<{ message: string }>().message.replace(booking.id, 'ID')).toBe(
        unknown.json<{ message: string }>().message.replace('bk_does_not_exist', 'ID'),
      );
    }
  });

  it('the OpenAPI document declares security on every operation, public ones saying why', async () => {
    const doc = (await env.request('GET', '/openapi.json')).json<{
      components: { securitySchemes: Record<string, { type: string; scheme: string }> };
      paths: Record<string, Record<string, { security?: unknown[]; description?: string }>>;
    }>();
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['admin', 'host', 'kiosk', 'recordsViewer', 'reviewer', 'visitor']);
    // the shared token is kept for the bootstrap and automation, and says so
    expect((doc.components.securitySchemes.admin as { description?: string }).description).toMatch(/bootstrap.*automation/);
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        expect(op.security, `${method} ${path}`).toBeDefined();
        if ((op.security ?? []).length === 0 || JSON.stringify(op.security?.[0]) === '{}') expect(op.description, `${method} ${path}`).toMatch(/^Public: /m);
      }
    }
    expect(doc.paths['/api/v1/sync/pull']?.get?.security).toEqual([{ kiosk: [] }]);
    expect(doc.paths['/api/v1/bookings/{id}/decision']?.post?.security).toEqual([{ admin: [] }, { host: [] }, { reviewer: [] }]);
    expect(doc.paths['/api/v1/me/bookings/{id}/pass']?.get?.security).toEqual([{ visitor: [] }]);
  });
});
