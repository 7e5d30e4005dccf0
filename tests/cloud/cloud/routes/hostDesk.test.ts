/**
 * Issue 13 item 3, the host's inbox (GET /host/bookings: 待处理 / 已处理 / 抄送我, newest first, paged, masked), the
 * hosts a staff booking is copied to (ccHostIds) and 代约 (a host's staff booking for their own visitor: approved at
 * once only where the site's policy, hostProxyBookingsApproved, says so).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Booking, Host } from '../../../../src/shared/domain';
import type { HostInbox } from '../../../../src/shared/hostDesk';
import { ADMIN_TOKEN, CloudTestEnv, DIALECTS } from '../../../support/cloud/harness';

describe.each(DIALECTS)('the host’s desk (%s)', (dialect) => {
  // one cloud for the block (a PostgreSQL one takes a while to make): each test its own hosts; the site's policy
  // and the blacklist entry of the 代约 test come last
  let env: CloudTestEnv;
  beforeAll(async () => {
    env = await CloudTestEnv.create(dialect);
  });
  afterAll(async () => env.dispose());
  let phones = 0;
  const newHost = (name: string) => env.createHost({ name, phone: `1380013${String(8100 + ++phones)}` });
  const inbox = async (token: string, query: string) => {
    const res = await env.request('GET', `/host/bookings?${query}`, { token });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<HostInbox>();
  };
  async function twoHosts(): Promise<{ li: Host; liToken: string; wang: Host; wangToken: string }> {
    const li = await newHost('李明');
    const wang = await newHost('王芳');
    return { li, liToken: await env.hostToken(li.id), wang, wangToken: await env.hostToken(wang.id) };
  }
  const later = (minutes: number) => (env.clock = new Date(env.clock.getTime() + minutes * 60_000));

  it('待处理: the host’s pending and returned bookings, newest first, a page at a time, phone and ID masked; 已处理: what they decided', async () => {
    const { li, liToken, wang } = await twoHosts();
    const made: Booking[] = [];
    for (let i = 0; i < 5; i++) {
      later(1);
      made.push(await env.createBooking(li, { visitor: { name: `访客${i}`, phone: `1391234567${i}`, idType: 'resident_id', idNumber: '11010519491231002X' } }));
    }
    await env.createBooking(wang); // another host's: never in Li's boxes
    later(1);
    expect((await env.decide(made[0]!.id, 'reject', '时间冲突', liToken)).statusCode).toBe(200);
    later(1);
    expect((await env.decide(made[1]!.id, 'return', '请补充单位', liToken)).statusCode).toBe(200);
    later(1);
    expect((await env.decide(made[2]!.id, 'approve', undefined, ADMIN_TOKEN)).statusCode).toBe(200); // the admin's, not Li's

    const first = await inbox(liToken, 'box=pending&limit=2');
    expect(first.items.map((i) => i.id)).toEqual([made[4]!.id, made[3]!.id]);
    expect(first.items[0]).toMatchObject({ visitorName: '访客4', visitorPhoneMasked: '139****5674', visitorIdMasked: '110***********002X' });
    expect(first.items[0]!.statusLabel).toEqual({ 'zh-CN': '待确认', en: 'To confirm' });
    expect(JSON.stringify(first)).not.toContain('13912345674');
    expect(JSON.stringify(first)).not.toContain('11010519491231002X');
    const second = await inbox(liToken, `box=pending&limit=2&cursor=${first.nextCursor!}`);
    expect(second.items.map((i) => [i.id, i.status, i.decisionReason])).toEqual([[made[1]!.id, 'returned', '请补充单位']]);
    expect(second.nextCursor).toBeUndefined();

    const handled = await inbox(liToken, 'box=handled');
    expect(handled.items.map((i) => [i.id, i.decision, i.status])).toEqual([
      [made[1]!.id, 'return', 'returned'],
      [made[0]!.id, 'reject', 'rejected'],
    ]);
    expect(handled.items[1]).toMatchObject({ decisionReason: '时间冲突', decidedAt: expect.any(String) as string });
    expect((await env.request('GET', '/host/bookings?box=pending&cursor=not-a-cursor', { token: liToken })).json()).toMatchObject({
      error: 'cursor_invalid',
    });
    expect((await env.request('GET', '/host/bookings?box=other', { token: liToken })).statusCode).toBe(400);
    const now = env.clock;
    later(7 * 24 * 60); // every window has ended: expired (before the sweep job records it), no longer awaiting Li
    expect((await inbox(liToken, 'box=pending')).items).toEqual([]);
    env.clock = now;
  });

  it('抄送我: staff copy a booking to other hosts of the site; they read it in their inbox but cannot decide it', async () => {
    const { li, liToken, wang, wangToken } = await twoHosts();
    const zhao = await newHost('赵强');
    const b = await env.createBooking(li, { source: 'staff', hostId: li.id, ccHostIds: [wang.id, zhao.id, wang.id] }, liToken);
    const cc = await inbox(wangToken, 'box=cc');
    expect(cc.items.map((i) => [i.id, i.hostId, i.visitorPhoneMasked])).toEqual([[b.id, li.id, '139****5678']]);
    expect((await inbox(await env.hostToken(zhao.id), 'box=cc')).items).toHaveLength(1);
    expect((await inbox(liToken, 'box=cc')).items).toEqual([]);
    expect((await env.decide(b.id, 'approve', undefined, wangToken)).statusCode).toBe(404);

    const before = await env.count('bookings');
    for (const [ccHostIds, error] of [
      [[li.id], 'cc_is_host'],
      [['host_nobody'], 'cc_host_unknown'],
    ] as const) {
      const res = await env.request('POST', '/bookings', {
        token: liToken,
        body: env.bookingInput(li, { source: 'staff', hostId: li.id, ccHostIds: [...ccHostIds] }),
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json<{ error: string }>().error).toBe(error);
    }
    // a visitor names no one to copy: refused before anything is looked up
    const anon = await env.request('POST', '/bookings', { body: env.bookingInput(li, { ccHostIds: [wang.id] }) });
    expect(anon.statusCode).toBe(401);
    expect(await env.count('bookings')).toBe(before);
  });

  it('代约: a host’s booking for their own visitor waits for a decision unless the site’s policy approves it at once', async () => {
    const { li, liToken, wang } = await twoHosts();
    const proxy = { source: 'staff' as const, hostId: li.id };
    const waiting = await env.createBooking(li, proxy, liToken);
    expect(waiting.status).toBe('pending');
    const on = await env.request('POST', '/admin/sites/site_test/settings', { token: ADMIN_TOKEN, body: { hostProxyBookingsApproved: true } });
    expect(on.statusCode, on.body).toBe(200);
    const approved = await env.createBooking(li, proxy, liToken);
    expect(approved).toMatchObject({ status: 'approved', decisionReason: '受访人代约 / booked by the host' });
    const approval = await env.kysely.selectFrom('approvals').selectAll().where('booking_id', '=', approved.id).executeTakeFirstOrThrow();
    expect(approval).toMatchObject({ action: 'approve', from_status: 'pending', to_status: 'approved', actor: `host:${li.id}` });
    // only the host's own visitor, only as 代约: an admin's staff booking and a visitor's application still wait
    expect((await env.createBooking(li, proxy, ADMIN_TOKEN)).status).toBe('pending');
    expect((await env.createBooking(li, {})).status).toBe('pending');
    expect((await env.request('POST', '/bookings', { token: liToken, body: env.bookingInput(wang, { source: 'staff', hostId: wang.id }) })).statusCode).toBe(
      403,
    );
    // the blacklist still refuses it
    await env.request('POST', '/admin/blacklist', { token: ADMIN_TOKEN, body: { siteId: 'site_test', phone: '13912345678', reason: '测试' } });
    const refused = await env.request('POST', '/bookings', { token: liToken, body: env.bookingInput(li, proxy) });
    expect(refused.statusCode).toBe(409);
    expect(refused.json<{ error: string }>().error).toBe('blacklisted');
  });

  it('the inbox is a host’s: the admin token is refused (403), no token 401', async () => {
    expect((await env.request('GET', '/host/bookings', { token: ADMIN_TOKEN })).statusCode).toBe(403);
    expect((await env.request('GET', '/host/bookings')).statusCode).toBe(401);
  });
});
