/**
 * Retention: personal data is kept only settings.retentionDays. Visits (checked in before the cut-off),
 * bookings (window ended before it) and answered outbox commands (made before it) are deleted; a command
 * still pending, and the visit it belongs to, are kept whatever their age.
 * In slices (issue 12: no event-loop block over 50 ms on the kiosk): a slice deletes chunks of rows, table after table,
 * in one transaction until its time is up; the caller yields between slices (../dataRetention.ts). A backlog of a
 * year's visits is then many short slices instead of one statement holding the loop for seconds.
 */
import type { KioskDb } from './openDb';

export interface PurgeCounts {
  visits: number;
  bookings: number;
  commands: number;
}

export interface SliceOptions {
  /** a slice stops starting chunks after this long (at least one chunk runs); default SLICE_MS */
  maxMs?: number;
  /** rows deleted per table per chunk; default CHUNK_ROWS */
  chunk?: number;
}

/**
 * A slice's work stops after 5 ms (at least one chunk): its commit then writes the pages it dirtied to the WAL, which
 * took as long again as the work (measured: 15 ms of deletes, then 5–65 ms of commit), so the block is about twice
 * this; an automatic WAL checkpoint at a commit (every ~1,000 pages) still adds its write and fsync to that slice.
 */
export const SLICE_MS = 5;
export const CHUNK_ROWS = 100;

const STEPS: readonly (keyof PurgeCounts)[] = ['visits', 'bookings', 'commands'];
const CHUNKS: Record<keyof PurgeCounts, string> = {
  visits: `DELETE FROM visits WHERE rowid IN (SELECT rowid FROM visits WHERE checked_in_at < @cutoff
     AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.id IN (visits.checkin_command_id, visits.checkout_command_id) AND o.state = 'pending') LIMIT @chunk)`,
  bookings: `DELETE FROM bookings WHERE rowid IN (SELECT rowid FROM bookings WHERE window_end < @cutoff
     AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.booking_id = bookings.id AND o.state = 'pending') LIMIT @chunk)`,
  commands: `DELETE FROM outbox WHERE seq IN (SELECT seq FROM outbox WHERE at < @cutoff AND state <> 'pending' LIMIT @chunk)`,
};

export const retentionCutoff = (now: Date, retentionDays: number): string => new Date(now.getTime() - retentionDays * 86_400_000).toISOString();

export const noPurge = (): PurgeCounts => ({ visits: 0, bookings: 0, commands: 0 });

/** One slice of the purge, one transaction: what it deleted, and whether nothing due is left. */
export function purgeSlice(db: KioskDb, cutoff: string, options: SliceOptions = {}): { counts: PurgeCounts; done: boolean } {
  const { maxMs = SLICE_MS, chunk = CHUNK_ROWS } = options;
  const deadline = performance.now() + maxMs;
  // no fsync at a slice's commit (synchronous=NORMAL for it alone): a purge lost to a power cut is done again at the
  // next run, and the next commit at FULL syncs the WAL up to it; the fsync was most of a slice's block on a busy disk
  const synchronous = db.pragma('synchronous', { simple: true }) as number;
  db.pragma('synchronous = NORMAL');
  try {
    return purgeChunks(db, cutoff, chunk, deadline);
  } finally {
    db.pragma(`synchronous = ${synchronous}`);
  }
}

function purgeChunks(db: KioskDb, cutoff: string, chunk: number, deadline: number): { counts: PurgeCounts; done: boolean } {
  return db.transaction(() => {
    const counts = noPurge();
    for (const step of STEPS) {
      for (;;) {
        const n = db.prepare(CHUNKS[step]).run({ cutoff, chunk }).changes;
        counts[step] += n;
        if (n < chunk) break; // this table is done
        if (performance.now() >= deadline) return { counts, done: false };
      }
    }
    return { counts, done: true };
  })();
}

/** The whole purge at once (one slice without a time limit): for tools and tests; the core purges in slices. */
export function purgeOlderThan(db: KioskDb, now: Date, retentionDays: number): PurgeCounts {
  return purgeSlice(db, retentionCutoff(now, retentionDays), { maxMs: Number.POSITIVE_INFINITY }).counts;
}
