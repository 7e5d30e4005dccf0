/**
 * Opens (creating if needed) the kiosk database in WAL mode and migrates it to the latest schema. The folder is
 * 0700, the database and its -wal/-shm files 0600 (tightened when found more open).
 * synchronous=FULL: with WAL, NORMAL may lose the last committed transactions on power loss — a check-in the
 * visitor saw confirmed, its outbox command with it. FULL syncs the WAL at every commit (cost: `npm run bench -- checkin-write`).
 * Its statements are kept per SQL text once migrated (src/platform/statementCache.ts: the kiosk prepares the same
 * texts all day, and preparing costs more than running most of them; issue 12): never leave one mid-`iterate()`.
 */
import Database from 'better-sqlite3';
import { dirname, join } from 'node:path';
import { privateSqliteFiles } from '../../../platform/privateFiles';
import { keptStatements } from '../../../platform/statementCache';
import { migrate } from './migrations';

export type KioskDb = Database.Database;

export const DB_FILE = 'kiosk.sqlite';

export function kioskDbPath(dataDir: string): string {
  return join(dataDir, DB_FILE);
}

export function openKioskDb(path: string): KioskDb {
  const onDisk = path !== ':memory:' && path !== '';
  if (onDisk) privateSqliteFiles(path, dirname(path));
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  if (onDisk) privateSqliteFiles(path, dirname(path));
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // what is deleted or cleared (a sent command's people, a purged visit, a replaced photo) is overwritten in the file,
  // not left in free pages for anyone who copies it
  db.pragma('secure_delete = ON');
  try {
    migrate(db);
  } catch (err) {
    db.close();
    throw err;
  }
  // planner statistics where missing or stale (bounded: at most 1000 rows read per index), at every start
  db.pragma('analysis_limit = 1000');
  db.pragma('optimize=0x10002');
  const kept = keptStatements((sql) => Database.prototype.prepare.call(db, sql));
  db.prepare = ((sql: string) => kept.get(sql)) as KioskDb['prepare'];
  return db;
}

/**
 * The rows of a kept statement as arrays (column order as selected), the statement left in its default mode after:
 * building an object per row costs more than reading it once rows have a dozen columns (issue 12: today's visits).
 */
export function rawRows(db: KioskDb, sql: string, ...params: unknown[]): unknown[][] {
  const statement = db.prepare(sql).raw(true);
  try {
    return statement.all(...params) as unknown[][];
  } finally {
    statement.raw(false);
  }
}
