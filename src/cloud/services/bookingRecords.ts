/** Bookings as stored: row ⇄ Booking, reads, and the expiry rule a read applies (bookingAsOf). */
import { BookingDetails } from '../../shared/bookingDetails';
import { z } from 'zod';
import { kioskStatus, statusAsOf } from '../../shared/bookingStates';
import { Booking, BookingSource, BookingStatus, Companion, VisitorIdentity, type KioskBooking } from '../../shared/domain';
import type { BookingsTable } from '../db/schema';
import { notFound } from '../errors';
import { randomCrockford } from '../../platform/secrets';
import { bookingCodeTaken, findBookingRow } from '../repositories/bookings';
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

/** Made once: a zod schema made per row (z.array(…) in the mapper) cost more than parsing the row. */
const Companions = z.array(Companion);

export function toBooking(row: BookingsTable): Booking {
  const b: Booking = {
    id: row.id,
    code: row.code,
    siteId: row.site_id,
    hostId: row.host_id,
    source: BookingSource.parse(row.source),
    status: BookingStatus.parse(row.status),
    visitor: VisitorIdentity.parse(JSON.parse(row.visitor)),
    companions: Companions.parse(JSON.parse(row.companions)),
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
  // the seeds' model (migration 0022): kind, list items with their names, self-drive, residence, vehicles
  if (row.details !== undefined && row.details !== null) Object.assign(b, BookingDetails.parse(JSON.parse(row.details)));
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
 * A booking row as a read shows it (the one expiry rule, statusAsOf in src/shared/bookingStates.ts): a pending,
 * approved or returned booking whose window has ended by `now` reads as expired, as the periodic sweep (sweepJob.ts)
 * will record it, so staff reads and decisions are right between two sweeps without sweeping in the request.
 */
export function bookingAsOf(row: BookingsTable, now: Date): BookingsTable {
  const status = statusAsOf(row.status, row.window_end, now.toISOString());
  return status === row.status ? row : { ...row, status, expired_from: row.status };
}
