/**
 * What the kiosk clears after every successful sync (and at start): personal data past the retention days (visits,
 * bookings, commands, face photos and consents) and visits whose window has ended with no exit recorded (marked
 * left). The end-of-window sweep also runs on a timer (every minute): today's list only reads (issue 12). Runs in the
 * core's process on its database, in slices (./db/retention.ts): the first at once, the rest each after a turn of the
 * event loop, so a large backlog never holds the desk's calls for more than a slice (issue 12: ≤ 50 ms).
 */
import type { KioskDb } from './db/openDb';
import { noPurge, purgeSlice, retentionCutoff, type PurgeCounts, type SliceOptions } from './db/retention';
import type { Logger } from './log';
import { sweepEndedVisits } from './visitRecords';
import { facePhotoDir, purgeFaceData } from './face/facePhotos';

export interface DataRetentionDeps {
  db: KioskDb;
  dataDir: string;
  now: () => Date;
  retentionDays: () => number;
  log: Pick<Logger, 'info' | 'error'>;
  /** how often the end-of-window sweep runs on its own (default a minute) */
  sweepEveryMs?: number;
  /** the purge's slices (default ./db/retention.ts's) */
  slices?: SliceOptions;
}

export interface DataRetention {
  /** the purge and the sweep, now (a purge under way: once more after it) */
  readonly run: () => void;
  /** resolves when no purge is under way (at once when none is) */
  readonly settled: () => Promise<void>;
  /** stops the sweep's timer and the purge (between two slices) */
  readonly stop: () => void;
}

export const SWEEP_EVERY_MS = 60_000;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Retention for the core's life: one run at once (at start), then `run` after each successful sync, and the
 * end-of-window sweep alone every `sweepEveryMs` until `stop`; each logged when it changed something.
 */
export function createDataRetention(deps: DataRetentionDeps): DataRetention {
  const { db, dataDir, now, retentionDays, log, sweepEveryMs = SWEEP_EVERY_MS } = deps;
  let stopped = false;
  let purging: Promise<void> | undefined;
  let again = false;
  const sweep = () => {
    const ended = sweepEndedVisits(db, now());
    if (ended.bookings > 0) log.info(`end of window: ${ended.bookings} visits left with no exit recorded`);
  };
  /** the purge's slices from the first (run here) on; a promise when more remain after it */
  const purge = (): Promise<void> | undefined => {
    const days = retentionDays();
    const cutoff = retentionCutoff(now(), days);
    const total: PurgeCounts = noPurge();
    const slice = (): boolean => {
      const { counts, done } = purgeSlice(db, cutoff, deps.slices);
      for (const k of ['visits', 'bookings', 'commands'] as const) total[k] += counts[k];
      return done;
    };
    const finish = () => {
      purgeFaceData(db, facePhotoDir(dataDir), cutoff);
      if (total.visits + total.bookings + total.commands > 0) {
        log.info(`retention: removed ${total.visits} visits, ${total.bookings} bookings, ${total.commands} commands`);
      }
      sweep();
    };
    if (slice()) {
      finish();
      return undefined;
    }
    return (async () => {
      for (;;) {
        await nextTurn();
        if (stopped || !db.open) return;
        if (slice()) break;
      }
      finish();
    })();
  };
  const run = () => {
    if (stopped) return;
    if (purging) {
      again = true;
      return;
    }
    const more = purge();
    if (!more) return;
    purging = more
      .catch((err: unknown) => log.error('the retention purge failed (tried again after the next sync)', err))
      .finally(() => {
        purging = undefined;
        if (again && !stopped) {
          again = false;
          run();
        }
      });
  };
  run();
  const timer = setInterval(() => {
    try {
      if (db.open) sweep();
    } catch (err) {
      log.error('the end-of-window sweep failed (tried again at the next tick)', err);
    }
  }, sweepEveryMs);
  timer.unref();
  return {
    run,
    settled: async () => {
      while (purging) await purging;
    },
    stop: () => {
      stopped = true;
      clearInterval(timer);
    },
  };
}
