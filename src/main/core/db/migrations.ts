/**
 * The kiosk's local SQLite schema as an ordered list of numbered migrations. `PRAGMA user_version` holds
 * the version reached; each migration runs in its own transaction, so a failure leaves the previous version.
 * Never edit a released migration: add the next one.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { toPlainJson, toPlainText } from '../../../shared/domain';

type Db = BetterSqlite3.Database;

export interface Migration {
  version: number;
  name: string;
  up(db: Db): void;
}

export const migrations: readonly Migration[] = [
  {
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
  },
  {
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
  },
  {
    version: 3,
    name: 'outbox commands know their booking (a pending check-in keeps the local status)',
    up(db) {
      db.exec(`
        ALTER TABLE outbox ADD COLUMN booking_id TEXT;
        UPDATE outbox SET booking_id = json_extract(payload, '$.bookingId');
        CREATE INDEX outbox_booking ON outbox (booking_id, state);
      `);
    },
  },
  {
    version: 4,
    name: 'the cloud settings last applied (a local choice stands until the cloud changes that setting)',
    up(db) {
      db.exec(`ALTER TABLE sync_state ADD COLUMN cloud_settings_json TEXT`);
    },
  },
  {
    version: 5,
    name: 'conflicts are acknowledged by staff (kept, no longer counted); a refused batch keeps the cloud code',
    up(db) {
      db.exec(`
        ALTER TABLE outbox ADD COLUMN acknowledged_at TEXT;
        ALTER TABLE outbox ADD COLUMN error_code TEXT;
      `);
    },
  },
  {
    version: 6,
    name: 'a pass key vouches for one site (NULL: the cloud key, any site)',
    up(db) {
      // every kiosk key this database holds came from its own site's pull or its own enrolment
      db.exec(`
        ALTER TABLE pass_keys ADD COLUMN site_id TEXT;
        UPDATE pass_keys SET site_id = (SELECT site_id FROM kiosk_identity WHERE id = 1) WHERE issuer <> 'cloud';
      `);
    },
  },
  {
    version: 7,
    name: 'passes revoked at the cloud (pulled): refused offline',
    up(db) {
      db.exec(`
        CREATE TABLE revoked_passes (
          pass_id TEXT PRIMARY KEY,
          revoked_at TEXT NOT NULL,
          reason TEXT NOT NULL
        );
      `);
    },
  },
  {
    version: 8,
    name: 'bookings found by the visit that arrived on them (a compact kiosk pass names only its visit)',
    up(db) {
      db.exec(`CREATE INDEX bookings_arrived_visit ON bookings (json_extract(json, '$.arrivedVisitId'))`);
    },
  },
  {
    version: 9,
    name: 'text stored before the plain-text rules made to pass them (no control, format or bidi characters)',
    up(db) {
      const cleanJson = (text: string): string => JSON.stringify(toPlainJson(JSON.parse(text)));
      for (const table of ['bookings', 'hosts', 'blacklist']) {
        const update = db.prepare(`UPDATE ${table} SET json = ? WHERE id = ?`);
        for (const row of db.prepare(`SELECT id, json FROM ${table}`).all() as { id: string; json: string }[]) {
          const next = cleanJson(row.json);
          if (next !== row.json) update.run(next, row.id);
        }
      }
      const visit = db.prepare('UPDATE visits SET visitor_name = ?, host_name = ? WHERE id = ?');
      for (const v of db.prepare('SELECT id, visitor_name, host_name FROM visits').all() as { id: string; visitor_name: string; host_name: string }[]) {
        const [visitor, host] = [toPlainText(v.visitor_name, 'name'), toPlainText(v.host_name, 'name')];
        if (visitor !== v.visitor_name || host !== v.host_name) visit.run(visitor, host, v.id);
      }
      const site = db.prepare('SELECT site_json FROM sync_state').get() as { site_json: string | null } | undefined;
      if (site?.site_json) db.prepare('UPDATE sync_state SET site_json = ?').run(cleanJson(site.site_json));
      const identity = db.prepare('SELECT name FROM kiosk_identity WHERE id = 1').get() as { name: string } | undefined;
      if (identity) db.prepare('UPDATE kiosk_identity SET name = ? WHERE id = 1').run(toPlainText(identity.name, 'name'));
    },
  },
];

export const LATEST_SCHEMA_VERSION = migrations[migrations.length - 1]?.version ?? 0;

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the database to `target` (default: the latest). Refuses a database newer than this code knows:
 * running old code on it would misread it.
 */
export function migrate(db: Db, target: number = LATEST_SCHEMA_VERSION): number {
  const current = schemaVersion(db);
  if (current > LATEST_SCHEMA_VERSION) {
    throw new Error(`the kiosk database is at schema version ${current}, newer than this Passdesk knows (${LATEST_SCHEMA_VERSION})`);
  }
  for (const m of migrations) {
    if (m.version <= current || m.version > target) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return schemaVersion(db);
}
