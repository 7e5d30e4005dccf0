/** Bookings as stored: row ⇄ Booking, reads, and the expiry sweep (pending/approved/returned past their window). */
import { sql, type Kysely, type Transaction } from 'kysely';
import { z } from 'zod';
import { kioskStatus, statusesFrom, transitionOf } from '../../shared/bookingStates';
import { Booking, BookingSource, BookingStatus, Companion, VisitorIdentity, type KioskBooking } from '../../shared/domain';
import { lockChangeSeq, setChangeSeq } from '../db/changeSeq';
import type { BookingsTable, CloudSchema } from '../db/schema';
import { notFound } from '../errors';
import { randomCrockford } from '../../platform/secrets';
import { bookingCodeTaken, countEndedBookings, findBookingRow } from '../repositories/bookings';
import type { Db } from '../repositories/db';

/** What a booking made by an application, an invitation or the demo has not had yet: a decision, an arrival, an exit. */
export const NOT_YET_DECIDED_OR_VISITED = {
  decision_reason: null,
  arrived_at: null,
  arrived_visit_id: null,
  arrived_kiosk_id: null,
  left_at: null,
  expired_from: null,
} as const satisfies Partial<BookingsTable>;

/** The walk-in columns of a booking made otherwise (an application, an invitation, the demo). */
export const NOT_A_WALK_IN = {
  visit_type: null,
  remarks: null,
  belongings: null,
  main_booking_id: null,
  visitor_id: null,
  approval_kind: null,
  temperature_c: null,
  temperature_override_reason: null,
} as const satisfies Partial<BookingsTable>;

export function toBooking(row: BookingsTable): Booking {
  const b: Booking = {
    id: row.id,
    code: row.code,
    siteId: row.site_id,
    hostId: row.host_id,
    source: BookingSource.parse(row.source),
    status: BookingStatus.parse(row.status),
    visitor: VisitorIdentity.parse(JSON.parse(row.visitor)),
    companions: z.array(Companion).parse(JSON.parse(row.companions)),
    groupSize: row.group_size,
    reason: row.reason,
    windowStart: row.window_start,
    windowEnd: row.window_end,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
  if (row.area !== null) b.area = row.area;
  if (row.decision_reason !== null) b.decisionReason = row.decision_reason;
  if (row.arrived_at !== null) b.arrivedAt = row.arrived_at;
  if (row.arrived_visit_id !== null) b.arrivedVisitId = row.arrived_visit_id;
  if (row.left_at !== null) b.leftAt = row.left_at;
  // closed from arrived by the end-of-window sweep (visitSweep.ts): no exit was recorded
  if (row.status === 'left' && row.expired_from === 'arrived') b.exitUnrecorded = true;
  if (row.visit_type !== null) b.visitType = row.visit_type;
  if (row.remarks !== null) b.remarks = row.remarks;
  if (row.belongings !== null) b.belongings = row.belongings;
  if (row.main_booking_id !== null) b.mainBookingId = row.main_booking_id;
  return b;
}

/** A booking as a kiosk is told it (pull, command results): a returned booking is pending to a kiosk. */
export function toKioskBooking(row: BookingsTable): KioskBooking {
  const b = toBooking(row);
  return { ...b, status: kioskStatus(b.status) };
}

export const bookingUnknown = (id: string) => notFound('booking_unknown', `no booking ${id}`);

export async function getBookingRow(db: Db, id: string): Promise<BookingsTable> {
  const row = await findBookingRow(db, id);
  if (!row) throw bookingUnknown(id);
  return row;
}

/** A booking code no booking has yet. */
export async function uniqueBookingCode(db: Db): Promise<string> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const code = randomCrockford(8);
    if (!(await bookingCodeTaken(db, code))) return code;
  }
  throw new Error('could not find a free booking code');
}

/**
 * Marks pending/approved/returned bookings (bookingStates.ts: expire) whose window has ended by `now` as expired, each with a new change_seq so kiosks
 * learn of it: one set-based UPDATE inside the caller's transaction (the periodic sweep job, sweepJob.ts, or a staff
 * read). It locks the change counter first, so no writer changes a booking until the caller commits and the count it
 * takes stays true; the swept bookings get one block of the counter, numbered by id. Returns how many changed.
 */
export async function expireEndedBookings(trx: Transaction<CloudSchema>, nowIso: string): Promise<number> {
  const base = await lockChangeSeq(trx);
  const due = await countEndedBookings(trx, statusesFrom('expire'), nowIso);
  if (due === 0) return 0;
  await setChangeSeq(trx, base + due);
  const res = await sql`
    update bookings set status = ${transitionOf('expire').to}, expired_from = bookings.status, updated_at = ${nowIso}, change_seq = ${base} + due.rn
    from (
      select b.id, row_number() over (order by b.id) as rn
      from bookings b where b.status in (${sql.join(statusesFrom('expire'))}) and b.window_end <= ${nowIso}
    ) as due
    where bookings.id = due.id`.execute(trx);
  return Number(res.numAffectedRows ?? 0n);
}

/**
 * The expiry sweep at once, for the staff reads and decisions that must not act on a booking whose window has ended
 * (a kiosk's pull never sweeps: the periodic job does, sweepJob.ts). A cheap indexed check first; returns how many changed.
 */
export async function sweepExpiredBookings(db: Kysely<CloudSchema>, now: Date): Promise<number> {
  const nowIso = now.toISOString();
  if ((await countEndedBookings(db, statusesFrom('expire'), nowIso)) === 0) return 0;
  return db.transaction().execute((trx) => expireEndedBookings(trx, nowIso));
}
