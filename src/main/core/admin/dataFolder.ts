/** The about section's measures of the kiosk's data folder and database. */
import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { KioskDb } from '../db/openDb';

/** Bytes of every regular file under `dir` (symbolic links not followed); unreadable entries count 0. */
export function folderBytes(dir: string): number {
  let total = 0;
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return 0;
  }
  for (const name of entries) {
    const path = join(dir, name);
    try {
      const stat = lstatSync(path);
      if (stat.isDirectory()) total += folderBytes(path);
      else if (stat.isFile()) total += stat.size;
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

/** PRAGMA quick_check: ok, or the first problems it names. */
export function quickCheck(db: KioskDb): { ok: boolean; problems: string[] } {
  const rows = db.pragma('quick_check(20)') as { quick_check: string }[];
  const lines = rows.map((r) => r.quick_check);
  const ok = lines.length === 1 && lines[0] === 'ok';
  return { ok, problems: ok ? [] : lines.slice(0, 20).map((l) => l.slice(0, 400)) };
}
