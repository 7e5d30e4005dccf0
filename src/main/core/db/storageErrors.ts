/**
 * A full disk under the kiosk (issue 12's fault drills): SQLite says SQLITE_FULL (its transaction is rolled back
 * whole: nothing half-written), the file system ENOSPC. Either reaches the person as the IPC error storage_full, in
 * words (zh-CN, English), never as a bare `internal`.
 */
import { IpcCallError } from '../../../shared/errorCodes';

/** true for SQLite's SQLITE_FULL (better-sqlite3's SqliteError.code) and the file system's ENOSPC / EDQUOT */
export function isStorageFull(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT';
}

export const storageFullError = (): IpcCallError<'storage_full'> =>
  new IpcCallError('storage_full', 'the kiosk’s storage is full: nothing was recorded (free space on its disk or call the administrator)');
