/**
 * What the kiosk clears after every successful sync (and at start): personal data past the retention days (visits,
 * bookings, commands, face photos and consents) and visits whose window has ended with no exit recorded (marked
 * left). Runs in the core's process on its database.
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
  log: Pick<Logger, 'info'>;
}

/** One retention run: the purge and the end-of-window sweep, each logged when it changed something. */
export function createDataRetention({ db, dataDir, now, retentionDays, log }: DataRetentionDeps): () => void {
  return () => {
    const days = retentionDays();
    const n = purgeOlderThan(db, now(), days);
    purgeFaceData(db, facePhotoDir(dataDir), new Date(now().getTime() - days * 86_400_000).toISOString());
    if (n.visits + n.bookings + n.commands > 0) log.info(`retention: removed ${n.visits} visits, ${n.bookings} bookings, ${n.commands} commands`);
    const ended = sweepEndedVisits(db, now());
    if (ended.bookings > 0) log.info(`end of window: ${ended.bookings} visits left with no exit recorded`);
  };
}
