import type { Migration } from './migration';

export const migration: Migration = {
  version: 3,
  name: 'outbox commands know their booking (a pending check-in keeps the local status)',
  up(db) {
    db.exec(`
      ALTER TABLE outbox ADD COLUMN booking_id TEXT;
      UPDATE outbox SET booking_id = json_extract(payload, '$.bookingId');
      CREATE INDEX outbox_booking ON outbox (booking_id, state);
    `);
  },
};
