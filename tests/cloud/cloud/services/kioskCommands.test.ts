/**
 * The cloud's kiosk commands of issue 9 item 7 (src/cloud/services/kioskCommands.ts), on SQLite and PostgreSQL:
 * a `passage` (a pass let through at a gate) is recorded once per command id and leaves the booking as it was; a
 * passage for a booking this site does not have is rejected.
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
