/**
 * What the kiosk clears after every successful sync (and at start): personal data past the retention days (visits,
 * bookings, commands, face photos and consents) and visits whose window has ended with no exit recorded (marked
 * left). The end-of-window sweep also runs on a timer (every minute): today's list only reads (issue 12). Runs in the
 * core's process on its database.
 */
import type { KioskDb } from './db/openDb';
import { purgeOlderThan } from './db/retention';
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
}

export interface DataRetention {
  /** the purge and the sweep, now */
  readonly run: () => void;
  /** stops the sweep's timer */
  readonly stop: () => void;
}

export const SWEEP_EVERY_MS = 60_000;

/**
 * Retention for the core's life: one run at once (at start), then `run` after each successful sync, and the
 * end-of-window sweep alone every `sweepEveryMs` until `stop`; each logged when it changed something.
 */
export function createDataRetention({ db, dataDir, now, retentionDays, log, sweepEveryMs = SWEEP_EVERY_MS }: DataRetentionDeps): DataRetention {
  const sweep = () => {
    const ended = sweepEndedVisits(db, now());
    if (ended.bookings > 0) log.info(`end of window: ${ended.bookings} visits left with no exit recorded`);
  };
  const run = () => {
    const days = retentionDays();
    const n = purgeOlderThan(db, now(), days);
    purgeFaceData(db, facePhotoDir(dataDir), new Date(now().getTime() - days * 86_400_000).toISOString());
    if (n.visits + n.bookings + n.commands > 0) log.info(`retention: removed ${n.visits} visits, ${n.bookings} bookings, ${n.commands} commands`);
    sweep();
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
  return { run, stop: () => clearInterval(timer) };
}
