import type { Migration } from './migration';

/**
 * Walk-ins waiting for their host (issue 9 item 5), kept across a restart: who waits (masked names, the persons' keys
 * as hashes, never a number), the host's masked name, the site's offline rule, and, once it ended, how (approved,
 * rejected…: the last `walkin.decision`, its passes included) so the desk can show and print it after a restart.
 */
export const migration: Migration = {
  version: 12,
  name: 'walk-ins waiting for their host (resumed after a restart)',
  up(db) {
    db.exec(`
      CREATE TABLE walkin_waits (
        registration_id TEXT PRIMARY KEY,
        booking_id TEXT NOT NULL,
        code TEXT NOT NULL,
        lead_name_masked TEXT NOT NULL,
        host_name_masked TEXT NOT NULL,
        offline_fallback TEXT NOT NULL,
        people TEXT NOT NULL,
        window_end TEXT NOT NULL,
        registered_at TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'waiting',
        outcome TEXT,
        settled_at TEXT
      );
      CREATE INDEX walkin_waits_registered ON walkin_waits (registered_at DESC);
    `);
  },
};
