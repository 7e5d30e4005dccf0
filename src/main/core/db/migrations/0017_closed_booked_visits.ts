import type { Migration } from './migration';

/**
 * The booked visits closed, by when (issue 12): with the open visits' index (0015) and the check-in time's, today's
 * list reads the visits checked in today, the open ones and those closed since the day began (a multi-day visit's
 * later day), never every visit of every booking in today's window (43 ms on 100,000 bookings / 1,000,000 visits).
 */
export const migration: Migration = {
  version: 17,
  name: 'index of the booked visits by their exit (the today list)',
  up(db) {
    db.exec(`CREATE INDEX visits_closed_on_booking ON visits (checked_out_at) WHERE checked_out_at IS NOT NULL AND booking_id IS NOT NULL;`);
  },
};
