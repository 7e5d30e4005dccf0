import type { Migration } from './migration';

export const migration: Migration = {
  version: 2,
  name: 'visits and the command outbox',
  up(db) {
    db.exec(`
      CREATE TABLE visits (
        id TEXT PRIMARY KEY,
        kiosk_id TEXT NOT NULL,
        booking_id TEXT,
        visitor_name TEXT NOT NULL,
        visitor_phone_masked TEXT NOT NULL,
        host_name TEXT NOT NULL,
        temperature_c REAL,
        checked_in_at TEXT NOT NULL,
        checked_out_at TEXT,
        pass_id TEXT NOT NULL,
        pass_token TEXT NOT NULL,
        checkin_command_id TEXT,
        checkout_command_id TEXT
      );
      CREATE INDEX visits_checked_in_at ON visits (checked_in_at);
      CREATE INDEX visits_booking_id ON visits (booking_id);
      CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        payload TEXT NOT NULL,
        at TEXT NOT NULL,
        signature TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'conflict', 'rejected')),
        result TEXT
      );
      CREATE INDEX outbox_state ON outbox (state, seq);
    `);
  },
};
