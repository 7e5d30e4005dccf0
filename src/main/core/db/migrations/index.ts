/**
 * The kiosk's local SQLite schema as an ordered list of numbered migrations, one file each (`NNNN_<name>.ts`).
 * `PRAGMA user_version` holds the version reached; each migration runs in its own transaction, so a failure
 * leaves the previous version. Never edit a released migration: add the next file and list it below (a static
 * list, no folder scan, so bundling and tsx see the same set; tests/kiosk/main/core/db/migrationFiles.test.ts checks the folder).
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { Migration } from './migration';
import { migration as m0001 } from './0001_identity_sync_reference';
import { migration as m0002 } from './0002_visits_outbox';
import { migration as m0003 } from './0003_outbox_booking';
import { migration as m0004 } from './0004_cloud_settings';
import { migration as m0005 } from './0005_conflict_acknowledgement';
import { migration as m0006 } from './0006_pass_key_site';
import { migration as m0007 } from './0007_revoked_passes';
import { migration as m0008 } from './0008_bookings_arrived_visit';
import { migration as m0009 } from './0009_plain_text';
import { migration as m0010 } from './0010_walk_in';
import { migration as m0011 } from './0011_admin_pin_attempts';
import { migration as m0012 } from './0012_walkin_waits';
import { migration as m0013 } from './0013_face_consents';
import { migration as m0014 } from './0014_registered_photos';
import { migration as m0015 } from './0015_open_booked_visits';
import { migration as m0016 } from './0016_desk_lookups';
import { migration as m0017 } from './0017_outbox_counts_cloud_clock';
import { migration as m0018 } from './0018_sent_commands_cleared';

export type { Migration } from './migration';

type Db = BetterSqlite3.Database;

export const migrations: readonly Migration[] = [
  m0001,
  m0002,
  m0003,
  m0004,
  m0005,
  m0006,
  m0007,
  m0008,
  m0009,
  m0010,
  m0011,
  m0012,
  m0013,
  m0014,
  m0015,
  m0016,
  m0017,
  m0018,
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
