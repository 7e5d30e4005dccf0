/**
 * The end-of-window visit sweep (issue 9 item 7): an arrived visit whose window has ended with no exit recorded becomes
 * left (at its window's end), flagged `expired_from = 'arrived'` (Booking.exitUnrecorded: 未登记离开), so it stops
 * showing as on site; one whose last recorded passage is an exit (a multi-day visit's last day) left at that exit,
 * unflagged. One set-based UPDATE, not row by row; each swept booking gets its own change_seq (kiosks pull
 * by change_seq, a page may not split a number), taken as one block of the counter. Run by the periodic sweep job
 * (sweepJob.ts), never inside a request.
 */
import { sql, type Transaction } from 'kysely';
import { statusesFrom, transitionOf } from '../../shared/bookingStates';
import { countEndedBookings } from '../repositories/bookings';
import { lockChangeSeq, setChangeSeq } from '../db/changeSeq';
import type { CloudSchema } from '../db/schema';

/** Closes every arrived visit whose window ended by `nowIso`, inside the caller's transaction; returns how many. */
export async function closeEndedVisits(trx: Transaction<CloudSchema>, nowIso: string): Promise<number> {
  // lock the counter first: no writer changes a booking until this commits, so the count below stays true
  const base = await lockChangeSeq(trx);
  const n = await countEndedBookings(trx, statusesFrom('close'), nowIso);
  if (n === 0) return 0;
  await setChangeSeq(trx, base + n);
  // a visitor whose last recorded passage is an exit left then (its exit was recorded); the others are flagged
  const res = await sql`
    update bookings set status = ${transitionOf('close').to}, left_at = coalesce(due.last_exit_at, bookings.window_end),
      expired_from = case when due.last_exit_at is null then 'arrived' else null end, updated_at = ${nowIso},
      change_seq = ${base} + due.rn
    from (
      select b.id, row_number() over (order by b.id) as rn,
        (select case when p.direction = 'exit' then p.at end from passages p where p.booking_id = b.id order by p.at desc, p.id desc limit 1) as last_exit_at
      from bookings b where b.status in (${sql.join(statusesFrom('close'))}) and b.window_end <= ${nowIso}
    ) as due
    where bookings.id = due.id`.execute(trx);
  return Number(res.numAffectedRows ?? 0n);
}
