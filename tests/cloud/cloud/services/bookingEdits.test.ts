/**
 * Issue 13 item 1: `returned` is its own state (seeds 000, 001) that the applicant amends and resubmits, and an edit
 * of a pending booking re-triggers approval; kiosks, today's and older ones, are told a returned booking is pending.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { BookingEdit } from '../../../../src/shared/api';
import { Booking } from '../../../../src/shared/domain';
import { PullResponse, type PushResponse } from '../../../../src/shared/sync';
import { moveBookingStatus } from '../../../../src/cloud/repositories/bookings';
import { ADMIN_TOKEN, checkin, CloudTestEnv, DIALECTS, freshEnvPerTest, signCommand } from '../../../support/cloud/harness';

/** The pull as a kiosk built before `returned` existed parses it: its status enum, written out. */
const TodaysKioskPull = PullResponse.extend({
  bookings: z.array(Booking.extend({ status: z.enum(['pending', 'approved', 'rejected', 'cancelled', 'arrived', 'left', 'expired']) })),
});

const edit = (over: Partial<BookingEdit> = {}): BookingEdit => ({
  visitor: { name: '张伟', phone: '13912345678', idType: 'resident_id', idNumber: '11010519491231002X', company: '某某科技' },
  companions: [{ name: '周杰', phone: '13712345670' }],
  reason: '商务洽谈（补充单位）',
  windowStart: '2026-11-22T03:00:00.000Z',
  windowEnd: '2026-11-22T08:00:00.000Z',
  ...over,
});

describe.each(DIALECTS)('booking edits and the returned state (%s)', (dialect) => {
  let env: CloudTestEnv;
  freshEnvPerTest(dialect, (e) => (env = e));
  const put = (id: string, body: unknown, token = ADMIN_TOKEN) => env.request('PUT', `/bookings/${id}`, { token, body });
  const row = (id: string) => env.kysely.selectFrom('bookings').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('return → returned (pending to kiosks, never checked in) → amended and resubmitted → pending → approved', async () => {
    const host = await env.createHost();
    const kiosk = await env.enrolKiosk();
    const b = await env.createBooking(host);
    const returned = await env.decide(b.id, 'return', '请补充单位');
    expect(returned.json<Booking>()).toMatchObject({ status: 'returned', decisionReason: '请补充单位' });
    expect((await env.decide(b.id, 'approve')).json()).toMatchObject({ error: 'booking_not_pending' });

    const pulled = await env.request('GET', '/sync/pull', { token: kiosk.credential });
    const pull = TodaysKioskPull.parse(pulled.json());
    expect(pull.bookings.map((x) => [x.id, x.status])).toEqual([[b.id, 'pending']]);
    const pushed = await env.request('POST', '/sync/push', { token: kiosk.credential, body: { commands: [await signCommand(kiosk, checkin(kiosk, b.id))] } });
    const [result] = pushed.json<PushResponse>().results;
    expect(result).toMatchObject({ status: 'conflict', code: 'booking_not_approved', booking: { status: 'pending' } });
    expect((await row(b.id)).status).toBe('returned');

    const token = await env.hostToken(host.id);
    const amended = await put(b.id, edit(), token);
    expect(amended.statusCode, amended.body).toBe(200);
    const after = amended.json<Booking>();
    expect(after).toMatchObject({ status: 'pending', reason: '商务洽谈（补充单位）', groupSize: 2, windowStart: '2026-11-22T03:00:00.000Z' });
    expect(after.visitor.company).toBe('某某科技');
    expect(after.decisionReason).toBeUndefined();
    expect((await env.decide(b.id, 'approve', undefined, token)).json<Booking>().status).toBe('approved');
    const approvals = await env.kysely
      .selectFrom('approvals')
      .select(['action', 'from_status', 'to_status'])
      .where('booking_id', '=', b.id)
      .orderBy('at')
      .execute();
    expect(approvals.map((a) => `${a.action}:${a.from_status}>${a.to_status}`)).toEqual([
      'return:pending>returned',
      'resubmit:returned>pending',
      'approve:pending>approved',
    ]);
  });

  it('a decision on a row read before an edit committed changes nothing: the guard is the row read, not only its status', async () => {
    const host = await env.createHost();
    const b = await env.createBooking(host);
    const readByApproval = await row(b.id);
    expect((await put(b.id, edit())).statusCode).toBe(200); // committed meanwhile: still pending, other people
    const at = { updated_at: new Date().toISOString() };
    expect(await moveBookingStatus(env.kysely, b.id, readByApproval.status, 'approve', at, readByApproval.change_seq)).toBe(0);
    expect((await row(b.id)).status).toBe('pending');
    const current = await row(b.id);
    expect(await moveBookingStatus(env.kysely, b.id, current.status, 'approve', at, current.change_seq)).toBe(1);
  });

  it('an edit for a host who has since lost visit permission is refused (无此受访人) and changes nothing', async () => {
    const host = await env.createHost();
    const b = await env.createBooking(host);
    await env.decide(b.id, 'return', '请补充单位');
    await env.kysely.updateTable('hosts').set({ can_receive_visitors: 0 }).where('id', '=', host.id).execute();
    const before = await row(b.id);
    const refused = await put(b.id, edit());
    expect(refused.statusCode).toBe(404);
    expect(refused.json()).toMatchObject({ error: 'host_not_found' });
    expect(await row(b.id)).toEqual(before);
  });

  it('an edit of a pending booking re-triggers approval; an approved one is refused in words; a returned one may be cancelled or expire', async () => {
    const host = await env.createHost();
    const pending = await env.createBooking(host);
    const res = await put(pending.id, edit({ companions: [] }));
    expect(res.json<Booking>()).toMatchObject({ status: 'pending', groupSize: 1 });
    expect(await env.count('approvals')).toBe(1);

    const approved = await env.approvedBooking(host);
    const before = await row(approved.id);
    const refused = await put(approved.id, edit());
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toEqual({
      error: 'booking_not_editable',
      message: '预约已确认，不能修改：请取消后重新预约 / an approved booking cannot be edited: cancel it and book again',
    });
    expect(await row(approved.id)).toEqual(before);

    const toCancel = await env.createBooking(host);
    await env.decide(toCancel.id, 'return', '时间不合适');
    expect((await env.request('POST', `/bookings/${toCancel.id}/cancel`, { token: ADMIN_TOKEN })).json<Booking>().status).toBe('cancelled');
    expect((await put(toCancel.id, edit())).json()).toMatchObject({ error: 'booking_not_editable' });

    const toExpire = await env.createBooking(host);
    await env.decide(toExpire.id, 'return', '时间不合适');
    env.clock = new Date('2026-11-22T10:00:00.000Z');
    const read = await env.request('GET', `/bookings/${toExpire.id}`, { token: ADMIN_TOKEN });
    expect(read.json<Booking>().status).toBe('expired');
  });

  it('a bad edit gets a clear error and changes nothing; another host’s booking answers 404', async () => {
    const host = await env.createHost();
    const other = await env.createHost({ name: '王芳', phone: '13800138002' });
    const b = await env.createBooking(host);
    await env.decide(b.id, 'return', '请补充单位');
    const before = await row(b.id);
    const cases: [BookingEdit, number, string][] = [
      [edit({ windowStart: '2026-11-21T01:00:00.000Z', windowEnd: '2026-11-21T09:00:00.000Z' }), 400, 'window_in_past'],
      [edit({ windowEnd: '2026-12-10T09:00:00.000Z' }), 400, 'window_too_long'],
      [edit({ windowStart: '2026-11-22T08:00:00.000Z', windowEnd: '2026-11-22T03:00:00.000Z' }), 400, 'invalid_request'],
      [edit({ visitor: { name: '<img src=x onerror=alert(1)>', phone: '13912345678', idType: 'resident_id' } }), 400, 'invalid_request'],
      [edit({ companions: [{ name: '周\u202e杰' }] }), 400, 'invalid_request'],
      [edit({ visitor: { name: '张伟', phone: '13912345678', idType: 'resident_id', idNumber: '110105194912310021' } }), 400, 'id_number_invalid'],
      [edit({ companions: [{ name: '周杰', idType: 'resident_id', idNumber: '110105194913310021' }] }), 400, 'id_number_invalid'],
    ];
    for (const [body, status, error] of cases) {
      const res = await put(b.id, body);
      expect([res.statusCode, res.json<{ error: string }>().error], JSON.stringify(body)).toEqual([status, error]);
    }
    const otherHost = await put(b.id, edit(), await env.hostToken(other.id));
    expect(otherHost.statusCode).toBe(404);
    expect((await env.request('PUT', `/bookings/${b.id}`, { body: edit() })).statusCode).toBe(401);
    expect(await row(b.id)).toEqual(before);
    expect(await env.count('approvals')).toBe(1);
  });
});
