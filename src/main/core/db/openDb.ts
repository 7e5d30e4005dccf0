/** Opens (creating if needed) the kiosk database in WAL mode and migrates it to the latest schema. */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { migrate } from './migrations';

export type KioskDb = Database.Database;

export const DB_FILE = 'kiosk.sqlite';

export function kioskDbPath(dataDir: string): string {
  return join(dataDir, DB_FILE);
}

export function openKioskDb(path: string): KioskDb {
  mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  try {
    migrate(db);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}
