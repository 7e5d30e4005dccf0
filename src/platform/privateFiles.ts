/**
 * Files that hold people's data or keys (the kiosk's and the cloud's SQLite databases with their -wal/-shm files,
 * settings, secrets, key files) are readable by their owner only: folders 0700, files 0600. Folders and files
 * found too open are tightened at start. A shared sticky folder (such as /tmp) is left alone: its files still are
 * 0600. Used by the cloud and the kiosk core alike (Node only). Windows has no POSIX modes: nothing to do there
 * (the folder's ACL protects it).
 */
import { chmodSync, closeSync, lstatSync, mkdirSync, openSync, statSync } from 'node:fs';
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

/**
 * Tightens `path` when it exists and is more open than 0600: group and other bits are removed, the owner's are
 * kept (a 0400 key file stays 0400). A symlink is followed to the file it names (stat, not lstat: a symlink's own
 * mode is always 0777). A file this process may not change (a read-only mount such as a Kubernetes secret, another
 * owner's file) is left as it is, with a warning when it is readable by others. A missing file is fine.
 */
export function tightenFile(path: string, warn: (line: string) => void = (line) => console.warn(line)): void {
  if (!POSIX) return;
  let mode: number;
  try {
    ({ mode } = statSync(path));
  } catch (err) {
    if (isMissing(err)) return;
    throw err;
  }
  const tightened = mode & 0o777 & PRIVATE_FILE_MODE;
  if ((mode & 0o777) === tightened) return;
  try {
    chmodSync(path, tightened);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'EROFS' && code !== 'EACCES') throw err;
    warn(`[passdesk] ${path} is readable by others (mode ${(mode & 0o777).toString(8)}) and cannot be tightened here (${code}): fix its mode`);
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
