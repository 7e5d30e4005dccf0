/** Bookings as stored: row ⇄ Booking, reads, and the expiry sweep (pending/approved past their window). */
import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import { Booking, BookingSource, BookingStatus, Companion, VisitorIdentity } from '../../shared/domain';
import { nextChangeSeq } from '../db/changeSeq';
import type { BookingsTable, CloudSchema } from '../db/schema';
import { notFound } from '../errors';

type Db = Kysely<CloudSchema> | Transaction<CloudSchema>;

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
  return b;
}

export async function findBookingRow(db: Db, id: string): Promise<BookingsTable | undefined> {
  return db.selectFrom('bookings').selectAll().where('id', '=', id).executeTakeFirst();
}

export const bookingUnknown = (id: string) => notFound('booking_unknown', `no booking ${id}`);

export async function getBookingRow(db: Db, id: string): Promise<BookingsTable> {
  const row = await findBookingRow(db, id);
  if (!row) throw bookingUnknown(id);
  return row;
}

const OPEN_STATUSES = ['pending', 'approved'] as const;

/**
 * Marks pending/approved bookings whose window has ended as expired, each with a new change_seq so kiosks
 * learn of it. Returns how many changed.
 */
export async function sweepExpiredBookings(db: Kysely<CloudSchema>, now: Date): Promise<number> {
  const nowIso = now.toISOString();
  const due = await db
    .selectFrom('bookings')
    .select('id')
    .where('status', 'in', OPEN_STATUSES)
    .where('window_end', '<=', nowIso)
    .execute();
  if (due.length === 0) return 0;
  return db.transaction().execute(async (trx) => {
    let changed = 0;
    for (const { id } of due) {
      const row = await trx.selectFrom('bookings').select('status').where('id', '=', id).executeTakeFirst();
      if (!row || !(OPEN_STATUSES as readonly string[]).includes(row.status)) continue;
      const seq = await nextChangeSeq(trx);
      const res = await trx
        .updateTable('bookings')
        .set({ status: 'expired', expired_from: row.status, updated_at: nowIso, change_seq: seq })
        .where('id', '=', id)
        .where('status', '=', row.status)
        .executeTakeFirst();
      changed += Number(res.numUpdatedRows);
    }
    return changed;
  });
}
