import { describe, expect, it } from 'vitest';
import type { Booking } from '../../../../src/shared/domain';
import { runSweepJob } from '../../../../src/cloud/services/sweepJob';
import { ADMIN_TOKEN, CloudTestEnv, DIALECTS, freshEnvPerTest } from '../../../support/cloud/harness';

describe.each(DIALECTS)('hosts and bookings (%s)', (dialect) => {
  let env: CloudTestEnv;
  freshEnvPerTest(dialect, (e) => (env = e));

  it('reports health and serves an OpenAPI document', async () => {
    const health = await env.request('GET', '/healthz');
    expect(health.json()).toEqual({ ok: true, db: dialect });
    const doc = await env.request('GET', '/openapi.json');
    expect(doc.statusCode).toBe(200);
    expect(Object.keys(doc.json<{ paths: object }>().paths)).toContain('/api/v1/sync/push');
  });

  it('creates and lists hosts (admin only)', async () => {
    const host = await env.createHost();
    expect(host).toMatchObject({ name: '李明', phone: '13800138001', canReceiveVisitors: true, siteId: 'site_test' });
    expect((await env.request('GET', '/hosts')).statusCode).toBe(401);
    const list = await env.request('GET', '/hosts', { token: ADMIN_TOKEN });
    expect(list.json<{ hosts: unknown[] }>().hosts).toHaveLength(1);
    const dup = await env.request('POST', '/hosts', { token: ADMIN_TOKEN, body: { name: '别人', phone: '13800138001' } });
    expect(dup.statusCode).toBe(409);
  });

  it('finds a host by phone; to a signed-in caller a host without visit permission or unknown is 404 无此受访人', async () => {
    const ok = await env.createHost();
    const closed = await env.createHost({ name: '赵强', phone: '13800138004', canReceiveVisitors: false });
    const b = await env.createBooking(ok);
    expect(b).toMatchObject({ hostId: ok.id, status: 'pending', source: 'self', groupSize: 1 });
    expect(b.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
    for (const over of [{ hostPhone: closed.phone }, { hostPhone: '13999999999' }, { hostPhone: undefined, hostId: closed.id }]) {
      const res = await env.request('POST', '/bookings', { token: ADMIN_TOKEN, body: env.bookingInput(ok, over) });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({ error: 'host_not_found', message: '无此受访人 / no such host' });
      // anonymously the same application is "received" and never becomes a booking (tests/security/bookingAbuse)
      expect((await env.request('POST', '/bookings', { body: env.bookingInput(ok, over) })).statusCode).toBe(202);
    }
    expect(await env.count('bookings')).toBe(1);
  });

  it('rejects a resident ID with a wrong check digit and stores nothing', async () => {
    const host = await env.createHost();
    const res = await env.request('POST', '/bookings', {
      body: env.bookingInput(host, { visitor: { name: '张伟', phone: '13912345678', idType: 'resident_id', idNumber: '110105194912310021' } }),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'id_number_invalid' });
    expect(await env.count('bookings')).toBe(0);
  });

  it('needs an admin or host bearer for invited/staff/group bookings', async () => {
    const host = await env.createHost();
    const other = await env.createHost({ name: '王芳', phone: '13800138002' });
    const anon = await env.request('POST', '/bookings', { body: env.bookingInput(host, { source: 'invited' }) });
    expect(anon.statusCode).toBe(401);
    const token = await env.hostToken(host.id);
    const asOther = await env.request('POST', '/bookings', { token, body: env.bookingInput(other, { source: 'invited' }) });
    expect(asOther.statusCode).toBe(403);
    const group = await env.createBooking(
      host,
      { source: 'group', groupSize: 10, companions: [{ name: '周杰', phone: '13712345670' }, { name: '吴敏' }] },
      ADMIN_TOKEN,
    );
    expect(group).toMatchObject({ source: 'group', groupSize: 10, companions: [{ name: '周杰', phone: '13712345670' }, { name: '吴敏' }] });
    const invited = await env.createBooking(host, { source: 'invited', hostPhone: undefined, hostId: host.id }, token);
    expect(invited.source).toBe('invited');
    const tooSmall = await env.request('POST', '/bookings', {
      token: ADMIN_TOKEN,
      body: env.bookingInput(host, { source: 'group', groupSize: 1, companions: [{ name: '吴敏' }] }),
    });
    expect(tooSmall.statusCode).toBe(400);
    expect(await env.count('bookings')).toBe(2);
  });

  it('approves, rejects (reason required), returns and cancels, with 409 on illegal transitions', async () => {
    const host = await env.createHost();
    const a = await env.createBooking(host);
    const approve = await env.decide(a.id, 'approve');
    expect(approve.json<Booking>().status).toBe('approved');
    expect((await env.decide(a.id, 'approve')).statusCode).toBe(409);
    expect((await env.decide(a.id, 'reject', 'no')).json()).toMatchObject({ error: 'booking_not_pending' });

    const r = await env.createBooking(host);
    const noReason = await env.decide(r.id, 'reject');
    expect(noReason.statusCode).toBe(400);
    expect((await env.decide(r.id, 'reject', '当天不在')).json<Booking>()).toMatchObject({ status: 'rejected', decisionReason: '当天不在' });
    expect((await env.request('POST', `/bookings/${r.id}/cancel`, { token: ADMIN_TOKEN })).statusCode).toBe(409);

    const ret = await env.createBooking(host);
    const returned = await env.decide(ret.id, 'return', '请补充单位');
    expect(returned.json<Booking>()).toMatchObject({ status: 'returned', decisionReason: '请补充单位' });

    const cancelled = await env.request('POST', `/bookings/${a.id}/cancel`, { token: ADMIN_TOKEN });
    expect(cancelled.json<Booking>().status).toBe('cancelled');
    expect((await env.request('POST', `/bookings/${a.id}/cancel`, { token: ADMIN_TOKEN })).statusCode).toBe(409);

    const stored = await env.kysely.selectFrom('bookings').select(['id', 'status']).execute();
    expect(Object.fromEntries(stored.map((s) => [s.id, s.status]))).toEqual({ [a.id]: 'cancelled', [r.id]: 'rejected', [ret.id]: 'returned' });
    const approvals = await env.kysely.selectFrom('approvals').select(['booking_id', 'action', 'actor', 'reason']).orderBy('at').execute();
    expect(approvals.map((x) => x.action).sort()).toEqual(['approve', 'cancel', 'reject', 'return']);
    expect(approvals.find((x) => x.action === 'reject')).toMatchObject({ actor: 'admin', reason: '当天不在' });
  });

  it('lets a host decide and read only their own bookings (another host’s answers 404, as an unknown id does)', async () => {
    const mine = await env.createHost();
    const theirs = await env.createHost({ name: '王芳', phone: '13800138002' });
    const token = await env.hostToken(mine.id);
    const b1 = await env.createBooking(mine);
    const b2 = await env.createBooking(theirs);
    expect((await env.decide(b2.id, 'approve', undefined, token)).statusCode).toBe(404);
    expect((await env.decide(b1.id, 'approve', undefined, token)).json<Booking>().status).toBe('approved');
    const list = await env.request('GET', '/bookings?date=2026-11-22', { token });
    expect(list.json<{ bookings: Booking[] }>().bookings.map((b) => b.id)).toEqual([b1.id]);
    expect((await env.request('GET', `/bookings/${b2.id}`, { token })).statusCode).toBe(404);
    const all = await env.request('GET', '/bookings?date=2026-11-22&status=pending', { token: ADMIN_TOKEN });
    expect(all.json<{ bookings: Booking[] }>().bookings.map((b) => b.id)).toEqual([b2.id]);
    const otherDay = await env.request('GET', '/bookings?date=2026-11-23', { token: ADMIN_TOKEN });
    expect(otherDay.json<{ bookings: Booking[] }>().bookings).toEqual([]);
    expect((await env.request('GET', '/bookings', { token: 'nonsense-token' })).statusCode).toBe(401);
  });

  it('reads a booking past its window as expired with no sweep run: no approval, no cancel, no pass, listed as expired; the sweep job records it', async () => {
    const host = await env.createHost();
    const pending = await env.createBooking(host);
    const approved = await env.approvedBooking(host);
    const stored = (id: string) => env.kysely.selectFrom('bookings').select(['status', 'change_seq']).where('id', '=', id).executeTakeFirstOrThrow();
    const before = [await stored(pending.id), await stored(approved.id)];
    const read = async (id: string) => (await env.request('GET', `/bookings/${id}`, { token: ADMIN_TOKEN })).json<Booking>().status;
    const listed = async (query: string) =>
      (await env.request('GET', `/bookings?date=2026-11-22${query}`, { token: ADMIN_TOKEN }))
        .json<{ bookings: Booking[] }>()
        .bookings.map((b) => [b.id, b.status]);
    env.clock = new Date('2026-11-22T08:59:59.999Z'); // the last instant of the window (it ends at 09:00)
    expect([await read(pending.id), await read(approved.id)]).toEqual(['pending', 'approved']);
    env.clock = new Date('2026-11-22T09:00:00.000Z'); // ended
    expect([await read(pending.id), await read(approved.id)]).toEqual(['expired', 'expired']);
    const approve = await env.decide(pending.id, 'approve');
    expect([approve.statusCode, approve.json<{ error: string }>().error]).toEqual([409, 'booking_not_pending']);
    expect((await env.request('POST', `/bookings/${approved.id}/cancel`, { token: ADMIN_TOKEN })).statusCode).toBe(409);
    const pass = await env.request('GET', `/bookings/${approved.id}/pass`, { token: ADMIN_TOKEN });
    expect([pass.statusCode, pass.json<{ error: string }>().error]).toEqual([409, 'booking_state']);
    const both = [pending.id, approved.id].sort();
    expect((await listed('&status=expired')).sort()).toEqual(both.map((id) => [id, 'expired']));
    expect(await listed('&status=pending')).toEqual([]);
    expect(await listed('&status=approved')).toEqual([]);
    expect((await listed('')).map(([, status]) => status)).toEqual(['expired', 'expired']);
    // none of those requests swept: the rows are as they were, until the periodic job records the expiry
    expect([await stored(pending.id), await stored(approved.id)]).toEqual(before);
    expect(await runSweepJob(env.kysely, env.db.dialect, env.clock)).toEqual({ expired: 2, left: 0, ran: true });
    const after = [await stored(pending.id), await stored(approved.id)];
    expect(after.map((r) => r.status)).toEqual(['expired', 'expired']);
    expect(after.every((r, i) => r.change_seq > before[i]!.change_seq)).toBe(true);
    expect([await read(pending.id), await read(approved.id)]).toEqual(['expired', 'expired']);
    expect((await listed('&status=expired')).sort()).toEqual(both.map((id) => [id, 'expired']));
  });
});
