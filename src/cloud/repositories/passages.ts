/** SQL on passages: the entries and exits kiosks reported, one row per command. */
import type { PassagesTable } from '../db/schema';
import type { Db } from './db';

export async function insertPassage(db: Db, row: PassagesTable): Promise<void> {
  await db.insertInto('passages').values(row).execute();
}

/** A booking's entries and exits, oldest first. */
export async function listPassagesOfBooking(db: Db, bookingId: string): Promise<PassagesTable[]> {
  return db.selectFrom('passages').selectAll().where('booking_id', '=', bookingId).orderBy('at').orderBy('id').execute();
}

/** The entries and exits of these bookings in [from, to), oldest first. */
export async function listPassagesOfBookingsBetween(db: Db, bookingIds: readonly string[], range: { from: string; to: string }): Promise<PassagesTable[]> {
  if (bookingIds.length === 0) return [];
  return db
    .selectFrom('passages')
    .selectAll()
    .where('booking_id', 'in', [...bookingIds])
    .where('at', '>=', range.from)
    .where('at', '<', range.to)
    .orderBy('at')
    .orderBy('id')
    .execute();
}
