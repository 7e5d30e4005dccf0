/**
 * A reviewer's departments by department id (issue 14 item 1, migration 0027), on SQLite and PostgreSQL: an account is
 * created and edited with ids of its site's departments; an unknown id or another site's is a 400 that stores nothing;
 * a renamed department keeps its reviewers, who still decide its hosts' bookings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account } from '../../../../src/shared/accounts';
import { departmentIds, staffSignIn, STAFF_PASSWORD } from '../../../support/cloud/accounts';
import { ADMIN_TOKEN, CloudTestEnv, DIALECTS, T0 } from '../../../support/cloud/harness';

describe.each(DIALECTS)('reviewer departments by id (%s)', (dialect) => {
  let env: CloudTestEnv;
  beforeAll(async () => {
    env = await CloudTestEnv.create(dialect);
  });
  afterAll(async () => {
    await env.dispose();
  });

  const create = (body: Record<string, unknown>) =>
    env.request('POST', '/admin/accounts', { token: ADMIN_TOKEN, body: { siteId: env.siteId, name: '审核员', password: STAFF_PASSWORD, ...body } });
  const stored = async () => ({
    accounts: (await env.kysely.selectFrom('accounts').select('id').execute()).length,
    departments: (await env.kysely.selectFrom('reviewer_departments').select('account_id').execute()).length,
  });

  it('a renamed department keeps its reviewer, who still decides its hosts’ bookings and no other', async () => {
    env.clock = new Date(T0);
    const [ops] = await departmentIds(env, ['运维部']);
    const made = await create({ phone: '13700007011', roles: ['reviewer'], departmentIds: [ops] });
    expect(made.statusCode).toBe(201);
    const renamed = await env.request('POST', `/admin/departments/${ops}`, { token: ADMIN_TOKEN, body: { name: '运营部' } });
    expect(renamed.statusCode).toBe(200);
    const host = await env.createHost({ name: '冯七', phone: '13800137011', department: '运营部' });
    const otherHost = await env.createHost({ name: '陈八', phone: '13800137012', department: '财务部' });
    const ours = await env.createBooking(host, { visitor: { name: '郑三', phone: '13912347011' } });
    const theirs = await env.createBooking(otherHost, { visitor: { name: '钱四', phone: '13912347012' } });
    const token = await staffSignIn(env, '13700007011');
    const me = await env.request('GET', '/auth/staff/me', { token });
    expect(me.json<Account>().departments).toEqual([{ id: ops, name: '运营部' }]);
    const listed = (await env.request('GET', '/bookings', { token })).json<{ bookings: { id: string }[] }>().bookings.map((b) => b.id);
    expect(listed).toEqual([ours.id]);
    expect((await env.decide(theirs.id, 'approve', undefined, token)).statusCode).toBe(403);
    expect((await env.decide(ours.id, 'approve', undefined, token)).statusCode).toBe(200);
  });

  it('creates a reviewer with department ids; an unknown or another site’s id is 400 department_unknown, nothing stored', async () => {
    // a second site (after the other test: the harness's hosts are of the one site there is)
    const siteB = await env.request('POST', '/admin/sites', { token: ADMIN_TOKEN, body: { id: 'site_b', name: '乙园区', timezone: 'Asia/Shanghai' } });
    expect(siteB.statusCode).toBe(201);
    const [rd, fin] = await departmentIds(env, ['研发部', '财务部']);
    const [other] = await departmentIds(env, ['研发部'], 'site_b');
    const before = await stored();
    for (const ids of [['dep_none'], [rd, other]]) {
      const res = await create({ phone: '13700007001', roles: ['reviewer'], departmentIds: ids });
      expect(res.statusCode).toBe(400);
      expect(res.json<{ error: string }>().error).toBe('department_unknown');
    }
    expect((await create({ phone: '13700007001', roles: ['reviewer'], departmentIds: [rd, rd] })).statusCode).toBe(400);
    expect(await stored()).toEqual(before);

    const made = await create({ phone: '13700007001', roles: ['reviewer'], departmentIds: [fin, rd] });
    expect(made.statusCode).toBe(201);
    const account = made.json<Account>();
    expect(account.departments).toEqual(
      [
        { id: rd, name: '研发部' },
        { id: fin, name: '财务部' },
      ].sort((a, b) => (a.name < b.name ? -1 : 1)),
    );

    // edit: replaced by ids; a refused edit keeps what was there
    const edit = (ids: string[]) => env.request('POST', `/admin/accounts/${account.id}/departments`, { token: ADMIN_TOKEN, body: { departmentIds: ids } });
    expect((await edit([other!])).statusCode).toBe(400);
    expect((await edit([])).statusCode).toBe(400);
    const edited = await edit([rd!]);
    expect(edited.statusCode).toBe(200);
    expect(edited.json<Account>().departments).toEqual([{ id: rd, name: '研发部' }]);
    const viewer = await create({ phone: '13700007002', roles: ['records_viewer'] });
    const notReviewer = await env.request('POST', `/admin/accounts/${viewer.json<Account>().id}/departments`, {
      token: ADMIN_TOKEN,
      body: { departmentIds: [rd] },
    });
    expect(notReviewer.statusCode).toBe(409);
  });
});
