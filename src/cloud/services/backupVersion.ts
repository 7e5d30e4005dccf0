/** What backup and restore (backup.ts, pgBackup.ts) share: their errors and the check of a backup's schema version. */
import { CLOUD_MIGRATIONS } from '../db/migrations/index';

/** Kysely's migrations table: its names are the schema version of a database or a backup. */
export const MIGRATION_TABLE = 'kysely_migration';

export type BackupErrorCode =
  | 'backup_missing'
  | 'backup_corrupt'
  | 'backup_not_passdesk'
  | 'backup_newer'
  | 'backup_older'
  | 'backup_schema_mismatch'
  | 'database_in_use'
  | 'pg_tool_missing';

export class BackupError extends Error {
  constructor(
    readonly code: BackupErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'BackupError';
  }
}

/** Refuses a backup whose migrations this build does not know (made by a newer build), or that has none. */
export function checkBackupVersion(names: readonly string[]): string {
  if (names.length === 0) throw new BackupError('backup_not_passdesk', 'the file holds no Passdesk cloud database (no migrations table): nothing was restored');
  const known = new Set(CLOUD_MIGRATIONS.map((m) => m.name));
  const unknown = names.filter((n) => !known.has(n)).sort();
  const latest = CLOUD_MIGRATIONS.at(-1)!.name;
  if (unknown.length > 0) {
    throw new BackupError(
      'backup_newer',
      `the backup's schema is newer than this build's (it has migration ${unknown.join(', ')}; this build knows up to ${latest}): restore it with the build that made it, or a newer one; nothing was restored`,
    );
  }
  return [...names].sort().at(-1)!;
}

/**
 * Refuses to restore a backup over a database of a newer schema (PostgreSQL: pg_restore --clean replaces only what the
 * backup holds, so the newer tables would stay, and the server could not migrate the restored schema forward): the
 * database's migrations the backup does not have. SQLite replaces the file whole: no such check there.
 */
export function checkTargetNotNewer(backupNames: readonly string[], targetNames: readonly string[], where: string): void {
  const backup = new Set(backupNames);
  const newer = targetNames.filter((n) => !backup.has(n)).sort();
  if (newer.length === 0) return;
  const backupLatest = [...backupNames].sort().at(-1) ?? '(none)';
  throw new BackupError(
    'backup_older',
    `the database (${where}) has a newer schema than the backup (it has migration ${newer.join(', ')}; the backup goes up to ${backupLatest}): restore into an empty schema (drop it first, or a new database), and the cloud migrates the backup up to this build's schema when it starts; nothing was restored`,
  );
}

export interface RestoreResult {
  /** the newest migration of the backup restored */
  version: string;
}
