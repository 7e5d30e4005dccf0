/**
 * A signed-in visitor's own bookings (issue 13 item 2), on SQLite and PostgreSQL: only theirs (another's answers 404
 * as one that does not exist), by state in the applicant's words; applying while signed in (their phone forced),
 * amending a returned booking (pending again), cancelling; "my pass" only once approved and valid only inside the
 * window; and today's pass found by phone and code without an account (seed 003).
 */
import { describe, expect, it } from 'vitest';
import type { Booking, Host } from '../../../../src/shared/domain';
import type { FoundPasses, MyBooking } from '../../../../src/shared/signIn';
import type { IssuedPass } from '../../../../src/shared/sync';
import { ADMIN_TOKEN, CloudTestEnv, DIALECTS, freshEnvPerTest } from '../../../support/cloud/harness';

const VISITOR = '13912345678';
const OTHER = '13912340000';

describe.each(DIALECTS)('a visitor’s own bookings (%s)', (dialect) => {
  let env: CloudTestEnv;
  freshEnvPerTest(dialect, (e) => (env = e));

  it('a visitor sees only their own bookings, in the applicant’s words; another’s answers 404 and is not touched', async () => {
    const host: Host = await env.createHost();
    const mine = await env.createBooking(host);
    const theirs = await env.approvedBooking(host, { visitor: { name: '赵六', phone: OTHER } });
    const token = await env.signIn(VISITOR);
    const list = await env.request('GET', '/me/bookings', { token });
    expect(list.json<{ bookings: MyBooking[] }>().bookings.map((b) => [b.id, b.statusLabel['zh-CN'], b.editable])).toEqual([[mine.id, '已发起', true]]);
    expect((await env.request('GET', '/me/bookings?status=approved', { token })).json()).toEqual({ bookings: [] });
    expect((await env.request('GET', '/me/bookings?status=bogus', { token })).statusCode).toBe(400);
    expect((await env.request('GET', `/me/bookings/${mine.id}`, { token })).json<MyBooking>()).toMatchObject({ id: mine.id, status: 'pending' });
    const absent = await env.request('GET', '/me/bookings/bk_nope', { token });
    for (const [method, path, body] of [
      ['GET', `/me/bookings/${theirs.id}`],
      ['GET', `/me/bookings/${theirs.id}/pass`],
      ['POST', `/me/bookings/${theirs.id}/cancel`],
      ['PUT', `/me/bookings/${theirs.id}`, (({ source: _s, hostPhone: _h, ...edit }) => edit)(env.bookingInput(host))],
    ] as const) {
      const res = await env.request(method, path, { token, ...(body ? { body } : {}) });
      expect(res.statusCode, `${method} ${path}`).toBe(404);
      expect(res.json<{ error: string }>().error).toBe(absent.json<{ error: string }>().error);
    }
    const after = await env.request('GET', `/bookings/${theirs.id}`, { token: ADMIN_TOKEN });
    expect(after.json<Booking>()).toMatchObject({ status: 'approved', visitor: { phone: OTHER }, updatedAt: theirs.updatedAt });
    // a visitor is no staff: the staff routes refuse them
    expect((await env.request('GET', `/bookings/${mine.id}`, { token })).statusCode).toBe(403);
  });

  it('a visitor applies while signed in (their phone forced), amends a returned booking (pending again) and cancels it', async () => {
    const host = await env.createHost();
    const token = await env.signIn(VISITOR);
    const input = env.bookingInput(host, { visitor: { name: '张伟', phone: OTHER } });
    const applied = await env.request('POST', '/bookings', { token, body: input });
    expect(applied.statusCode).toBe(201);
    const booking = applied.json<Booking>();
    expect(booking).toMatchObject({ status: 'pending', source: 'self', visitor: { phone: VISITOR } });
    expect((await env.request('POST', '/bookings', { token, body: { ...input, source: 'invited' } })).statusCode).toBe(403);
    // a visitor cannot fill other hosts' 抄送我 boxes
    const copied = await env.request('POST', '/bookings', { token, body: { ...input, ccHostIds: [(await env.createHost({ phone: '13800007777' })).id] } });
    expect(copied.statusCode).toBe(403);
    const past = await env.request('POST', '/bookings', {
      token,
      body: { ...input, windowStart: '2026-11-21T01:00:00.000Z', windowEnd: '2026-11-21T09:00:00.000Z' },
    });
    expect(past.json()).toMatchObject({ error: 'window_in_past' });
    expect(await env.count('bookings')).toBe(1);

    expect((await env.decide(booking.id, 'return', '请补充单位')).statusCode).toBe(200);
    const returned = (await env.request('GET', `/me/bookings/${booking.id}`, { token })).json<MyBooking>();
    expect(returned).toMatchObject({ status: 'returned', statusLabel: { 'zh-CN': '已退回' }, editable: true, decisionReason: '请补充单位' });
    const { source: _s, hostPhone: _h, ...edit } = env.bookingInput(host, { visitor: { name: '张伟', phone: OTHER, company: '某公司' } });
    const amended = await env.request('PUT', `/me/bookings/${booking.id}`, { token, body: edit });
    expect(amended.json<MyBooking>()).toMatchObject({ status: 'pending', statusLabel: { 'zh-CN': '已发起' }, visitor: { phone: VISITOR, company: '某公司' } });
    expect((await env.decide(booking.id, 'approve')).statusCode).toBe(200);
    const again = await env.request('PUT', `/me/bookings/${booking.id}`, { token, body: edit });
    expect(again.json()).toMatchObject({ error: 'booking_not_editable' });
    const cancelled = await env.request('POST', `/me/bookings/${booking.id}/cancel`, { token });
    expect(cancelled.json<MyBooking>()).toMatchObject({ status: 'cancelled', statusLabel: { 'zh-CN': '已取消' }, editable: false });
  });

  it('my pass only once approved, valid only inside the window; today’s pass found by phone and code without an account', async () => {
    const host = await env.createHost();
    const later = { windowStart: '2026-11-22T06:00:00.000Z', windowEnd: '2026-11-22T08:00:00.000Z' };
    const booking = await env.createBooking(host, later);
    await env.approvedBooking(host, { ...later, visitor: { name: '赵六', phone: OTHER } });
    const token = await env.signIn(VISITOR);
    const early = await env.request('GET', `/me/bookings/${booking.id}/pass`, { token });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ error: 'booking_state' });
    expect((await env.decide(booking.id, 'approve')).statusCode).toBe(200);
    const pass = (await env.request('GET', `/me/bookings/${booking.id}/pass`, { token })).json<IssuedPass>();
    expect(pass.payload).toMatchObject({ bid: booking.id, site: env.siteId });
    const staffPass = (await env.request('GET', `/bookings/${booking.id}/pass`, { token: ADMIN_TOKEN })).json<IssuedPass>();
    expect(pass.payload).toEqual(staffPass.payload); // one function issues both
    const verify = () => env.request('POST', '/passes/verify', { body: { token: pass.token } });
    expect((await verify()).json()).toMatchObject({ error: 'pass_not_yet_valid' });

    // found by phone and code (seed 003): today's approved bookings of that phone only
    await env.request('POST', '/auth/codes', { body: { siteId: env.siteId, phone: VISITOR, audience: 'visitor' } });
    const found = await env.request('POST', '/passes/find', { body: { siteId: env.siteId, phone: VISITOR, code: env.lastCodeFor(VISITOR) } });
    expect(found.json<FoundPasses>().passes.map((p) => [p.booking.id, p.pass.payload.bid])).toEqual([[booking.id, booking.id]]);
    const reused = await env.request('POST', '/passes/find', { body: { siteId: env.siteId, phone: VISITOR, code: env.lastCodeFor(VISITOR) } });
    expect(reused.json()).toMatchObject({ error: 'code_invalid' });

    env.clock = new Date('2026-11-22T06:30:00.000Z');
    expect((await verify()).json()).toMatchObject({ valid: true });
    env.clock = new Date('2026-11-22T08:30:00.000Z');
    const ended = await env.request('GET', `/me/bookings/${booking.id}/pass`, { token });
    expect(ended.json()).toMatchObject({ error: 'booking_state' });
    expect((await verify()).json()).toMatchObject({ error: 'pass_expired' });
  });
});
