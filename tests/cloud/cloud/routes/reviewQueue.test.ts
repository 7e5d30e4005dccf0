/**
 * The reviewers' queue (GET /review/bookings, issue 14 item 1), on SQLite and PostgreSQL: a reviewer sees only their
 * departments' bookings, the visitor masked, box by box; an administrator sees the site's; a records viewer none.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReviewList } from '../../../../src/shared/review';
import { staffSession } from '../../../support/cloud/accounts';
import { ADMIN_TOKEN, CloudTestEnv, DIALECTS, T0 } from '../../../support/cloud/harness';

describe.each(DIALECTS)('the reviewers’ queue (%s)', (dialect) => {
  let env: CloudTestEnv;
  beforeAll(async () => {
    env = await CloudTestEnv.create(dialect);
  });
  afterAll(async () => {
    await env.dispose();
  });

  it('lists a reviewer’s departments’ bookings by box, masked; an administrator the site’s; a records viewer is refused', async () => {
    env.clock = new Date(T0);
    const ours = await env.createHost({ name: '周一', phone: '13800136101', department: '研发部' });
    const theirs = await env.createHost({ name: '吴二', phone: '13800136102', department: '财务部' });
    const a = await env.createBooking(ours, { visitor: { name: '郑三丰', phone: '13912346101' } });
    const b = await env.createBooking(theirs, { visitor: { name: '钱四', phone: '13912346102' } });
    const reviewer = await staffSession(env, { phone: '13700006101', roles: ['reviewer'], departments: ['研发部'] });
    const box = async (name: string, token: string) => {
      const res = await env.request('GET', `/review/bookings?box=${name}`, { token });
      expect(res.statusCode).toBe(200);
      return res.json<ReviewList>().items;
    };
    const pending = await box('pending', reviewer);
    expect(pending).toEqual([
      expect.objectContaining({ id: a.id, visitorNameMasked: '郑*丰', visitorPhoneMasked: '139****6101', hostName: '周一', department: '研发部', people: 1 }),
    ]);
    expect(JSON.stringify(pending)).not.toContain('13912346101');
    expect((await box('pending', ADMIN_TOKEN)).map((i) => i.id).sort()).toEqual([a.id, b.id].sort());

    expect((await env.decide(a.id, 'return', '请补充单位', reviewer)).statusCode).toBe(200);
    expect(await box('pending', reviewer)).toEqual([]);
    expect((await box('returned', reviewer)).map((i) => [i.id, i.decisionReason])).toEqual([[a.id, '请补充单位']]);
    expect((await env.decide(b.id, 'approve', undefined, ADMIN_TOKEN)).statusCode).toBe(200);
    expect(await box('decided', reviewer)).toEqual([]);
    expect((await box('decided', ADMIN_TOKEN)).map((i) => i.id)).toEqual([b.id]);

    // one booking: the reviewer's department's (masked), another's 403, none 404
    const one = await env.request('GET', `/review/bookings/${a.id}`, { token: reviewer });
    expect(one.json()).toMatchObject({ id: a.id, visitorNameMasked: '郑*丰', hostName: '周一', status: 'returned' });
    expect((await env.request('GET', `/review/bookings/${b.id}`, { token: reviewer })).statusCode).toBe(403);
    expect((await env.request('GET', '/review/bookings/bk_none', { token: reviewer })).statusCode).toBe(404);
    expect((await env.request('GET', `/review/bookings/${b.id}`, { token: ADMIN_TOKEN })).statusCode).toBe(200);
    // a booking of another site, even of a department of the same name, answers as one that does not exist
    expect(
      (await env.request('POST', '/admin/sites', { token: ADMIN_TOKEN, body: { id: 'site_b', name: '乙园区', timezone: 'Asia/Shanghai' } })).statusCode,
    ).toBe(201);
    const hostB = await env.request('POST', '/hosts', {
      token: ADMIN_TOKEN,
      body: { siteId: 'site_b', name: '冯五', phone: '13800136103', department: '研发部', canReceiveVisitors: true },
    });
    expect(hostB.statusCode, hostB.body).toBe(201);
    const c = await env.createBooking(hostB.json(), { visitor: { name: '孙六', phone: '13912346103' } });
    const elsewhere = await env.request('GET', `/review/bookings/${c.id}`, { token: reviewer });
    expect(elsewhere.statusCode).toBe(404);
    expect(elsewhere.json()).toMatchObject({ error: 'booking_unknown' });

    const viewer = await staffSession(env, { phone: '13700006102', roles: ['records_viewer'] });
    expect((await env.request('GET', '/review/bookings', { token: viewer })).statusCode).toBe(403);
    expect((await env.request('GET', '/review/bookings?box=nope', { token: reviewer })).statusCode).toBe(400);
  });
});
