import { bookingIdKey } from '../bookingIdKey';
import type { Migration } from './migration';

/**
 * The desk's look-ups at a busy site's size (issue 12):
 * - the booked visits closed, by when: with the open visits' index (0015) and the check-in time's, today's list reads
 *   the visits checked in today, the open ones and those closed since the day began (a multi-day visit's later day),
 *   never every visit of every booking in today's window (43 ms on 100,000 bookings / 1,000,000 visits);
 * - the bookings by the hashed ID numbers of their visitor and companions (a scanned ID card walked ~2,000 bookings
 *   of the search window and parsed each), filled here from the bookings held and kept by upsertBooking;
 * - the commands by time, so that the retention purge reads only what it removes, not the whole outbox.
 */
export const migration: Migration = {
  version: 16,
  name: 'indexes of the desk look-ups: booked visits by exit, bookings by ID number, commands by time',
  up(db) {
    db.exec(`
      CREATE INDEX visits_closed_on_booking ON visits (checked_out_at) WHERE checked_out_at IS NOT NULL AND booking_id IS NOT NULL;
      CREATE TABLE booking_id_keys (
        id_key TEXT NOT NULL,
        booking_id TEXT NOT NULL REFERENCES bookings (id) ON DELETE CASCADE,
        PRIMARY KEY (id_key, booking_id)
      ) WITHOUT ROWID;
      CREATE INDEX booking_id_keys_booking ON booking_id_keys (booking_id);
      CREATE INDEX outbox_at ON outbox (at);
    `);
    const insert = db.prepare('INSERT OR IGNORE INTO booking_id_keys (id_key, booking_id) VALUES (?, ?)');
    for (const row of db.prepare('SELECT id, json FROM bookings').all() as { id: string; json: string }[]) {
      const b = JSON.parse(row.json) as { visitor?: { idNumber?: string }; companions?: { idNumber?: string }[] };
      for (const key of [b.visitor?.idNumber, ...(b.companions ?? []).map((c) => c.idNumber)].map(bookingIdKey)) {
        if (key !== undefined) insert.run(key, row.id);
      }
    }
  },
};
