import type { Migration } from './migration';

export const migration: Migration = {
  version: 1,
  name: 'identity, sync state and reference data',
  up(db) {
    db.exec(`
      CREATE TABLE kiosk_identity (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        kiosk_id TEXT NOT NULL,
        site_id TEXT NOT NULL,
        key_id TEXT NOT NULL,
        public_key TEXT NOT NULL,
        name TEXT NOT NULL,
        cloud_url TEXT NOT NULL,
        enrolled_at TEXT NOT NULL
      );
      CREATE TABLE sync_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        cursor TEXT,
        last_pull_at TEXT,
        last_push_at TEXT,
        site_json TEXT
      );
      INSERT INTO sync_state (id) VALUES (1);
      CREATE TABLE bookings (
        id TEXT PRIMARY KEY,
        code TEXT NOT NULL,
        visitor_phone TEXT NOT NULL,
        status TEXT NOT NULL,
        host_id TEXT NOT NULL,
        window_start TEXT NOT NULL,
        window_end TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        json TEXT NOT NULL
      );
      CREATE INDEX bookings_code ON bookings (code);
      CREATE INDEX bookings_visitor_phone ON bookings (visitor_phone);
      CREATE INDEX bookings_status ON bookings (status);
      CREATE INDEX bookings_window ON bookings (window_start, window_end);
      CREATE TABLE hosts (
        id TEXT PRIMARY KEY,
        phone TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        json TEXT NOT NULL
      );
      CREATE INDEX hosts_phone ON hosts (phone);
      CREATE TABLE blacklist (
        id TEXT PRIMARY KEY,
        id_number_hash TEXT,
        phone_hash TEXT,
        active INTEGER NOT NULL,
        json TEXT NOT NULL
      );
      CREATE INDEX blacklist_id_number_hash ON blacklist (id_number_hash);
      CREATE INDEX blacklist_phone_hash ON blacklist (phone_hash);
      CREATE TABLE pass_keys (
        kid TEXT PRIMARY KEY,
        issuer TEXT NOT NULL,
        public_key TEXT NOT NULL,
        revoked INTEGER NOT NULL DEFAULT 0
      );
    `);
  },
};
