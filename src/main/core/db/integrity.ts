/**
 * The kiosk database checked at every start (issue 12's fault drills): `PRAGMA quick_check` before anything reads
 * it (a file SQLite cannot even open as a database counts as damaged too). A damaged file is never deleted and
 * never silently replaced: it is renamed aside with the time (`kiosk.sqlite.damaged-<UTC time>`, its `-wal` and
 * `-shm` beside it under the same name, so that `sqlite3 … .recover` reads it whole), a marker
 * (`database-damaged.json`: the kept file, when, what the check said) is written, and the kiosk refuses to start —
 * now and at every start after, while the marker is there — with KioskDatabaseDamagedError, which the shells show
 * as a start-up error screen (zh-CN and English).
 *
 * Why refuse rather than start on a fresh database: the damaged file may hold arrivals confirmed to visitors that
 * the cloud has not heard of yet, the kiosk's enrolment and its PIN lock-out counts. A fresh one would look like a
 * new, unenrolled kiosk (useless at the desk until an administrator enrols it anyway), would drop those arrivals from
 * the sync silently and would hide the fault. So the desk says plainly that staff must call the administrator, who
 * copies the kept file for recovery and then removes the marker: the next start creates a new database, to enrol.
 */
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { writeFileAtomic } from '../atomicFile';
import { DAMAGED_MARKER, KioskDatabaseDamagedError, type DatabaseDamage } from './databaseDamage';
import { DB_FILE, kioskDbPath, openKioskDb, type KioskDb } from './openDb';

export type { KioskDb } from './openDb';
export { DAMAGED_MARKER, KioskDatabaseDamagedError, type DatabaseDamage } from './databaseDamage';

/** ok, or the problems `PRAGMA quick_check` (or opening the file) names; the file is opened, checked and closed. */
export function checkDatabaseFile(path: string): { ok: true } | { ok: false; problems: string[] } {
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { fileMustExist: true });
    const lines = (db.pragma('quick_check(20)') as { quick_check: string }[]).map((r) => r.quick_check.slice(0, 400));
    return lines.length === 1 && lines[0] === 'ok' ? { ok: true } : { ok: false, problems: lines };
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    // SQLITE_CORRUPT and its extended codes (_VTAB, _SEQUENCE, _INDEX), and a file that is no database at all
    if (typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB'))
      return { ok: false, problems: [`${code}: ${(err as Error).message}`] };
    throw err; // not damage (permissions, a locked file): said as it is
  } finally {
    db?.close();
  }
}

/**
 * Throws KioskDatabaseDamagedError when the data folder's marker says its database was found damaged, or when the
 * database there fails the check now (then kept aside and the marker written first). A missing database is fine: a
 * new kiosk.
 */
export function refuseDamagedDatabase(dataDir: string, now: Date): void {
  const marker = join(dataDir, DAMAGED_MARKER);
  if (existsSync(marker)) throw new KioskDatabaseDamagedError(readMarker(marker));
  const path = kioskDbPath(dataDir);
  if (!existsSync(path)) return;
  const checked = checkDatabaseFile(path);
  if (checked.ok) return;
  const keptName = `${DB_FILE}.damaged-${now.toISOString().replace(/[:.]/g, '-')}`;
  const keptAs = join(dataDir, keptName);
  for (const suffix of ['-wal', '-shm', '']) if (existsSync(`${path}${suffix}`)) renameSync(`${path}${suffix}`, `${keptAs}${suffix}`);
  const damage: DatabaseDamage = { keptAs, detectedAt: now.toISOString(), problems: checked.problems.slice(0, 20) };
  writeFileAtomic(marker, `${JSON.stringify(damage, null, 2)}\n`);
  throw new KioskDatabaseDamagedError(damage);
}

/** The kiosk database of a data folder, checked first (refuseDamagedDatabase), then opened and migrated. */
export function openCheckedKioskDb(dataDir: string, now: Date): KioskDb {
  refuseDamagedDatabase(dataDir, now);
  return openKioskDb(kioskDbPath(dataDir));
}

function readMarker(marker: string): DatabaseDamage {
  try {
    const raw = JSON.parse(readFileSync(marker, 'utf8')) as Partial<DatabaseDamage>;
    return {
      keptAs: typeof raw.keptAs === 'string' ? raw.keptAs : '?',
      detectedAt: typeof raw.detectedAt === 'string' ? raw.detectedAt : '?',
      problems: Array.isArray(raw.problems) ? raw.problems.map(String) : [],
    };
  } catch {
    return { keptAs: '?', detectedAt: '?', problems: [`${DAMAGED_MARKER} unreadable`] };
  }
}
