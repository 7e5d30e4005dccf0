/**
 * The cloud's kiosk commands of issue 9 item 7 (src/cloud/services/kioskCommands.ts), on SQLite and PostgreSQL:
 * a `passage` (a pass let through at a gate) is recorded once per command id and leaves the booking as it was; a
 * passage for a booking this site does not have is rejected. Multi-day visits (src/shared/visitDays.ts): a later
 * check-in is a re-entry (no already_arrived), a sign-out is one exit while the window lasts unless staff end the visit.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { PushResponse, UnsignedCommand } from '../../../../src/shared/sync';
import { checkin, CloudTestEnv, DIALECTS, freshEnvPerTest, signCommand, type Kiosk } from '../../../support/cloud/harness';

describe.each(DIALECTS)('kiosk commands: gate passages (%s)', (dialect) => {
  let env: CloudTestEnv;
  freshEnvPerTest(dialect, (e) => (env = e));

  const push = async (kiosk: Kiosk, cmd: UnsignedCommand) => {
    const res = await env.request('POST', '/sync/push', { token: kiosk.credential, body: { commands: [await signCommand(kiosk, cmd)] } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<PushResponse>().results[0]!;
  };
  const passage = (
    kiosk: Kiosk,
    payload: { direction: 'entry' | 'exit'; bookingId?: string; visitId?: string },
    at = '2026-11-22T02:30:00.000Z',
  ): UnsignedCommand => ({
    id: randomUUID(),
    kioskId: kiosk.kioskId,
    at,
    kind: 'passage',
    payload: { passId: payload.visitId ?? payload.bookingId ?? 'x', ...payload },
  });
  const passagesOf = (bookingId: string) =>
    env.kysely.selectFrom('passages').select(['direction', 'at', 'visit_id', 'kiosk_id']).where('booking_id', '=', bookingId).orderBy('at').execute();

  it('records an entry and an exit once each (a repeated command is a duplicate), the booking left as it was', async () => {
    const host = await env.createHost();
    const booking = await env.approvedBooking(host);
    const kiosk = await env.enrolKiosk();
    const visitId = randomUUID();
    expect(await push(kiosk, checkin(kiosk, booking.id, { visitId }))).toMatchObject({ status: 'applied', booking: { status: 'arrived' } });
    const entry = passage(kiosk, { direction: 'entry', visitId }, '2026-11-22T02:10:00.000Z');
    expect(await push(kiosk, entry)).toMatchObject({ status: 'applied', booking: { id: booking.id, status: 'arrived' } });
    expect(await push(kiosk, entry)).toMatchObject({ status: 'duplicate' });
    const exit = passage(kiosk, { direction: 'exit', bookingId: booking.id, visitId });
    expect(await push(kiosk, exit)).toMatchObject({ status: 'applied', booking: { status: 'arrived' } });
    expect(await passagesOf(booking.id)).toEqual([
      { direction: 'entry', at: '2026-11-22T02:10:00.000Z', visit_id: visitId, kiosk_id: kiosk.kioskId },
      { direction: 'exit', at: '2026-11-22T02:30:00.000Z', visit_id: visitId, kiosk_id: kiosk.kioskId },
    ]);
    const row = await env.kysely.selectFrom('bookings').select('status').where('id', '=', booking.id).executeTakeFirstOrThrow();
    expect(row.status).toBe('arrived');
  });

  it('rejects a passage for a booking this site does not have (booking_unknown), records nothing', async () => {
    const kiosk = await env.enrolKiosk();
    expect(await push(kiosk, passage(kiosk, { direction: 'entry', bookingId: 'b_nowhere' }))).toMatchObject({ status: 'rejected', code: 'booking_unknown' });
    expect(await push(kiosk, passage(kiosk, { direction: 'exit', visitId: randomUUID() }))).toMatchObject({ status: 'rejected', code: 'booking_unknown' });
    expect(await env.kysely.selectFrom('passages').selectAll().execute()).toEqual([]);
  });
});

describe.each(DIALECTS)('kiosk commands: multi-day visits (%s)', (dialect) => {
  let env: CloudTestEnv;
  freshEnvPerTest(dialect, (e) => (env = e));

  const push = async (kiosk: Kiosk, cmd: UnsignedCommand) => {
    const res = await env.request('POST', '/sync/push', { token: kiosk.credential, body: { commands: [await signCommand(kiosk, cmd)] } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<PushResponse>().results[0]!;
  };
  const checkout = (kiosk: Kiosk, bookingId: string, visitId: string, at: string, endVisit?: true): UnsignedCommand => ({
    id: randomUUID(),
    kioskId: kiosk.kioskId,
    at,
    kind: 'checkout',
    payload: { visitId, bookingId, ...(endVisit ? { endVisit } : {}) },
  });
  const status = async (id: string) => (await env.kysely.selectFrom('bookings').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

  it('day 1 in and out, day 2 in at another kiosk (reentry), staff end the visit; the passages in order', async () => {
    const host = await env.createHost();
    // 10:00 on 11-22 to 18:00 on 11-24, Asia/Shanghai
    const booking = await env.approvedBooking(host, { windowStart: '2026-11-22T02:00:00.000Z', windowEnd: '2026-11-24T10:00:00.000Z' });
    const a = await env.enrolKiosk();
    const b = await env.enrolKiosk();
    const v1 = randomUUID();
    expect(await push(a, checkin(a, booking.id, { visitId: v1, at: '2026-11-22T02:05:00.000Z' }))).toMatchObject({
      status: 'applied',
      booking: { status: 'arrived' },
    });
    expect(await push(a, checkout(a, booking.id, v1, '2026-11-22T09:00:00.000Z'))).toMatchObject({
      status: 'applied',
      code: 'exit_recorded',
      booking: { status: 'arrived' },
    });
    const v2 = randomUUID();
    const day2 = checkin(b, booking.id, { visitId: v2, at: '2026-11-23T01:00:00.000Z' });
    expect(await push(b, day2)).toMatchObject({ status: 'applied', code: 'reentry', booking: { status: 'arrived', arrivedVisitId: v1 } });
    expect(await push(b, day2)).toMatchObject({ status: 'duplicate', code: 'reentry' });
    expect(await status(booking.id)).toBe('arrived');
    expect(await push(b, checkout(b, booking.id, v2, '2026-11-23T09:00:00.000Z', true))).toMatchObject({ status: 'applied', booking: { status: 'left' } });
    const rows = await env.kysely.selectFrom('passages').select(['direction', 'visit_id']).where('booking_id', '=', booking.id).orderBy('at').execute();
    expect(rows).toEqual([
      { direction: 'exit', visit_id: v1 },
      { direction: 'entry', visit_id: v2 },
    ]);
    // ended by staff: a later check-in is a conflict again
    expect(await push(a, checkin(a, booking.id, { at: '2026-11-24T01:00:00.000Z' }))).toMatchObject({ status: 'conflict', code: 'already_arrived' });
  });

  it('a one-day visit keeps the one-visit rule: a second check-in is already_arrived, a sign-out ends it', async () => {
    const host = await env.createHost();
    const booking = await env.approvedBooking(host, { windowStart: '2026-11-22T02:00:00.000Z', windowEnd: '2026-11-22T09:00:00.000Z' });
    const kiosk = await env.enrolKiosk();
    const v1 = randomUUID();
    expect(await push(kiosk, checkin(kiosk, booking.id, { visitId: v1, at: '2026-11-22T02:05:00.000Z' }))).toMatchObject({ status: 'applied' });
    expect(await push(kiosk, checkin(kiosk, booking.id, { at: '2026-11-22T03:00:00.000Z' }))).toMatchObject({ status: 'conflict', code: 'already_arrived' });
    expect(await push(kiosk, checkout(kiosk, booking.id, v1, '2026-11-22T05:00:00.000Z'))).toMatchObject({ status: 'applied', booking: { status: 'left' } });
  });
});
