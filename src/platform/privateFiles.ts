/**
 * Files that hold people's data or keys (the kiosk's and the cloud's SQLite databases with their -wal/-shm files,
 * settings, secrets, key files) are readable by their owner only: folders 0700, files 0600. Folders and files
 * found too open are tightened at start. A shared sticky folder (such as /tmp) is left alone: its files still are
 * 0600. Used by the cloud and the kiosk core alike (Node only). Windows has no POSIX modes: nothing to do there
 * (the folder's ACL protects it).
 */
import { chmodSync, closeSync, lstatSync, mkdirSync, openSync } from 'node:fs';
import { resolve } from 'node:path';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

const POSIX = process.platform !== 'win32';
const STICKY = 0o1000;

function isMissing(err: unknown): boolean {
  return (err as NodeJS.ErrnoException).code === 'ENOENT';
}

/** Creates `dir` (and missing parents) mode 0700, or tightens it to 0700 when it is more open. */
export function ensurePrivateDir(dir: string): void {
  const path = resolve(dir);
  mkdirSync(path, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (!POSIX) return;
  const { mode } = lstatSync(path);
  if ((mode & STICKY) !== 0) return; // a shared folder like /tmp: not ours to close
  if ((mode & 0o777) !== PRIVATE_DIR_MODE) chmodSync(path, PRIVATE_DIR_MODE);
}

/** Tightens `path` to 0600 when it exists and is more open; a missing file is fine. */
export function tightenFile(path: string): void {
  if (!POSIX) return;
  try {
    const { mode } = lstatSync(path);
    if ((mode & 0o777 & ~PRIVATE_FILE_MODE) !== 0) chmodSync(path, PRIVATE_FILE_MODE);
  } catch (err) {
    if (!isMissing(err)) throw err;
  }
}

/** Creates `path` empty with mode 0600 when missing (whatever the umask), tightens it otherwise. */
export function ensurePrivateFile(path: string): void {
  closeSync(openSync(path, 'a', PRIVATE_FILE_MODE));
  tightenFile(path);
}

/** The files SQLite keeps beside a database: SQLite creates them with the database file's mode. */
export const SQLITE_SIDE_FILES = ['-wal', '-shm', '-journal'] as const;

/**
 * Before opening a SQLite database file: its folder 0700, the file created 0600 (so the -wal and -shm files SQLite
 * makes copy that mode) and any existing side file tightened. Call again after opening (cheap) to be sure.
 */
export function privateSqliteFiles(dbPath: string, dir: string): void {
  ensurePrivateDir(dir);
  ensurePrivateFile(dbPath);
  for (const suffix of SQLITE_SIDE_FILES) tightenFile(`${dbPath}${suffix}`);
}
