/**
 * Backup and restore of the cloud database (issue 14 §8). SQLite: the online backup API (better-sqlite3
 * `db.backup()`: a consistent copy while the server goes on writing), made standalone (journal mode DELETE, no -wal
 * to carry); PostgreSQL: pg_dump's custom format and pg_restore (pgBackup.ts). A restore first checks the file —
 * integrity (SQLite `integrity_check`; pg_restore reading every block) and schema version (its migrations table holds
 * no migration this build does not know) — and refuses, changing nothing, when either fails or when a cloud server
 * holds the database (SQLite: another connection keeps it open; PostgreSQL: a server's presence lock, server.ts).
 * Then it replaces the database whole: SQLite by renaming the checked copy over it; PostgreSQL by pg_restore --clean in
 * one transaction.
 */
import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import type { CloudDatabase } from '../db/database';
import { ensurePrivateDir, privateSqliteFiles, SQLITE_SIDE_FILES, tightenFile } from '../../platform/privateFiles';
import { messageOf } from '../../shared/errorText';
import { dumpPostgres, restorePostgres } from './pgBackup';
import { BackupError, checkBackupVersion, MIGRATION_TABLE, type RestoreResult } from './backupVersion';

export { BackupError } from './backupVersion';

export interface BackupResult {
  file: string;
  /** the newest migration of the database backed up */
  version: string;
}

/** Writes a consistent backup of the open database to `file` (created 0600; replaced whole only when complete). */
export async function backupDatabase(db: CloudDatabase, file: string): Promise<BackupResult> {
  const version = await versionOf(db);
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  try {
    if (db.connection?.kind === 'postgres') {
      await dumpPostgres(db.connection.url, db.connection.pgSchema ?? 'public', partial);
    } else if (db.connection?.kind === 'sqlite') {
      await db.connection.handle.backup(partial);
      const copy = new SqliteDatabase(partial);
      try {
        copy.pragma('journal_mode = DELETE'); // standalone: one file, nothing in a -wal beside it
      } finally {
        copy.close();
      }
    } else {
      throw new Error('this database offers no connection to back up');
    }
    tightenFile(partial);
    renameSync(partial, file);
  } catch (err) {
    rmSync(partial, { force: true });
    throw err;
  }
  return { file, version };
}

/** The newest migration of the open database; refused when it has none (never started by a cloud). */
async function versionOf(db: CloudDatabase): Promise<string> {
  let names: string[];
  try {
    names = (await sql<{ name: string }>`select name from ${sql.table(MIGRATION_TABLE)}`.execute(db.kysely)).rows.map((r) => r.name);
  } catch {
    names = [];
  }
  const newest = names.sort().at(-1);
  if (newest === undefined)
    throw new BackupError('backup_not_passdesk', 'the database holds no Passdesk cloud schema (no migrations table; never started?): nothing was backed up');
  return newest;
}

export interface RestoreTarget {
  /** postgres://… ; SQLite (sqlitePath) when absent */
  databaseUrl?: string;
  sqlitePath?: string;
  pgSchema?: string;
}

export async function restoreDatabase(target: RestoreTarget, file: string): Promise<RestoreResult> {
  if (!existsSync(file)) throw new BackupError('backup_missing', `no backup file ${file}`);
  if (target.databaseUrl !== undefined && target.databaseUrl !== '') return restorePostgres(target.databaseUrl, target.pgSchema ?? 'public', file);
  return restoreSqlite(target.sqlitePath ?? './data/cloud.sqlite', file);
}

/** The checked copy's migrations; throws backup_corrupt when SQLite cannot read it whole. */
function checkSqliteCopy(path: string): string {
  let copy: SqliteDatabase.Database | undefined;
  try {
    copy = new SqliteDatabase(path, { fileMustExist: true });
    const result = copy.pragma('integrity_check') as { integrity_check: string }[];
    if (result.length !== 1 || result[0]?.integrity_check !== 'ok') {
      throw new Error(
        result
          .map((r) => r.integrity_check)
          .slice(0, 3)
          .join('; '),
      );
    }
    const hasTable = copy.prepare(`select 1 from sqlite_master where type = 'table' and name = ?`).get(MIGRATION_TABLE) !== undefined;
    const names = hasTable ? (copy.prepare(`select name from ${MIGRATION_TABLE}`).all() as { name: string }[]).map((r) => r.name) : [];
    return checkBackupVersion(names);
  } catch (err) {
    if (err instanceof BackupError) throw err;
    throw new BackupError('backup_corrupt', `the backup fails SQLite's integrity check (truncated or damaged: ${messageOf(err)}): nothing was restored`);
  } finally {
    copy?.close();
  }
}

/** Refuses when another connection (a running cloud) holds the database: leaving WAL mode needs it alone. */
function claimSqlite(path: string): SqliteDatabase.Database | undefined {
  if (!existsSync(path)) return undefined;
  const probe = new SqliteDatabase(path, { fileMustExist: true });
  try {
    probe.pragma('busy_timeout = 0');
    probe.pragma('journal_mode = DELETE');
    return probe;
  } catch (err) {
    probe.close();
    throw new BackupError('database_in_use', `the database ${path} is open in a running cloud (${messageOf(err)}): stop the server, then restore`);
  }
}

function restoreSqlite(targetPath: string, file: string): RestoreResult {
  const dir = dirname(targetPath);
  const staged = `${targetPath}.restoring`;
  rmSync(staged, { force: true });
  ensurePrivateDir(dir);
  try {
    copyFileSync(file, staged);
    tightenFile(staged);
    const version = checkSqliteCopy(staged);
    const probe = claimSqlite(targetPath);
    try {
      renameSync(staged, targetPath);
      for (const side of SQLITE_SIDE_FILES) rmSync(`${targetPath}${side}`, { force: true });
    } finally {
      probe?.close();
    }
    privateSqliteFiles(targetPath, dir);
    return { version };
  } finally {
    for (const side of ['', ...SQLITE_SIDE_FILES]) rmSync(`${staged}${side}`, { force: true });
  }
}
