/**
 * An administrator account of one site beyond the authorization matrix (tests/support/cloud/authzMatrix.ts): a list item
 * of another site named under its own site, the people export without a site named, and the lists narrowed to its site
 * (kiosk conflicts, the notification outbox).
 */
import { describe, expect, it } from 'vitest';
import type { SiteListItem } from '../../../../src/shared/siteLists';
import { staffSession } from '../../../support/cloud/accounts';
import { ADMIN_TOKEN, CloudTestEnv, DIALECTS, freshEnvPerTest } from '../../../support/cloud/harness';

const AT = '2026-11-22T02:00:00.000Z';

describe.each(DIALECTS)('an administrator account of one site (%s)', (dialect) => {
  let env: CloudTestEnv;
  freshEnvPerTest(dialect, (e) => (env = e));

  /** site_b and an administrator account of it; site_test's administrator account */
  async function twoSites(): Promise<{ adminA: string; adminB: string }> {
    const siteB = await env.request('POST', '/admin/sites', { token: ADMIN_TOKEN, body: { id: 'site_b', name: '乙园区', timezone: 'Asia/Shanghai' } });
    expect(siteB.statusCode, siteB.body).toBe(201);
    const adminA = await staffSession(env, { phone: '13700000201', roles: ['site_admin'] });
    const adminB = await staffSession(env, { phone: '13700000202', roles: ['site_admin'], siteId: 'site_b' });
    return { adminA, adminB };
  }

  it('renames a list item only under its own site: another site’s item is 404 there, and unchanged', async () => {
    const { adminA, adminB } = await twoSites();
    const made = await env.request('POST', '/admin/sites/site_test/lists/area', { token: ADMIN_TOKEN, body: { name: '主楼' } });
    const item = made.json<SiteListItem>();
    const rename = (site: string, token: string) =>
      env.request('PUT', `/admin/sites/${site}/list-items/${item.id}`, { token, body: { name: '办公楼', retired: true } });
    expect((await rename('site_b', adminB)).statusCode).toBe(404);
    expect((await rename('site_test', adminB)).statusCode).toBe(403);
    const row = await env.kysely.selectFrom('site_list_items').selectAll().where('id', '=', item.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ site_id: 'site_test', name: '主楼', retired: 0 });
    const own = await rename('site_test', adminA);
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json<SiteListItem>()).toMatchObject({ id: item.id, name: '办公楼', retired: true });
  });

  it('exports and deletes a person’s data only naming its own site', async () => {
    const { adminA } = await twoSites();
    const call = (what: 'export' | 'delete', body: object) => env.request('POST', `/admin/people/${what}`, { token: adminA, body });
    expect((await call('export', { phone: '13912345678' })).statusCode).toBe(403);
    expect((await call('delete', { phone: '13912345678' })).statusCode).toBe(403);
    expect((await call('export', { phone: '13912345678', siteId: 'site_b' })).statusCode).toBe(403);
    expect((await call('export', { phone: '13912345678', siteId: 'site_test' })).statusCode).toBe(200);
    const audit = await env.kysely.selectFrom('audit_log').select(['action', 'subject']).where('action', 'like', 'person.%').execute();
    expect(audit).toEqual([{ action: 'person.export', subject: 'site_test' }]);
  });

  it('lists the kiosk conflicts and the notifications of its own site only', async () => {
    const { adminA, adminB } = await twoSites();
    const kiosk = await env.enrolKiosk('东门');
    await env.kysely
      .insertInto('applied_commands')
      .values({
        id: 'cmd-1',
        kiosk_id: kiosk.kioskId,
        kind: 'checkin',
        booking_id: null,
        visit_id: null,
        status: 'rejected',
        code: 'x',
        message: null,
        result: '{}',
        at: AT,
        applied_at: AT,
      })
      .execute();
    await env.kysely
      .insertInto('notification_outbox')
      .values({
        id: 'ntf-1',
        kind: 'application',
        site_id: 'site_test',
        booking_id: null,
        recipient_phone: null,
        recipient_masked: '138****8001',
        template: 'x',
        params: '{}',
        idempotency_key: 'ntf-1',
        status: 'failed',
        attempts: 3,
        next_attempt_at: AT,
        claim_token: null,
        claimed_until: null,
        last_error: null,
        provider: null,
        provider_message_id: null,
        created_at: AT,
        updated_at: AT,
        sent_at: null,
      })
      .execute();
    const lists = async (token: string) => {
      const conflicts = await env.request('GET', '/admin/conflicts', { token });
      const notifications = await env.request('GET', '/admin/notifications', { token });
      expect([conflicts.statusCode, notifications.statusCode]).toEqual([200, 200]);
      return [conflicts.json<{ conflicts: unknown[] }>().conflicts.length, notifications.json<{ notifications: unknown[] }>().notifications.length];
    };
    expect(await lists(ADMIN_TOKEN)).toEqual([1, 1]);
    expect(await lists(adminA)).toEqual([1, 1]);
    expect(await lists(adminB)).toEqual([0, 0]);
  });
});
