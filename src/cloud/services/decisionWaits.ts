/**
 * A kiosk waiting for the host's decision on a walk-in (long-poll). The wait does not poll: it sleeps until the
 * process's change notifier (db/changeNotifications.ts: LISTEN/NOTIFY on PostgreSQL, so a decision taken by any cloud
 * process on the same database wakes it; a temporary trigger on SQLite) says the booking may have changed, then reads
 * its status and updated_at (one indexed row). It ends at the deadline, when the client goes away, or when the app closes.
 */
import type { BookingChanges } from '../db/changeNotifications';
import type { Db } from '../repositories/db';
import { findBookingStatusOfSite } from '../repositories/bookings';

let active = 0;
/** Waits in progress in this process (for tests and metrics). */
export const activeDecisionWaits = (): number => active;

/**
 * Waits until the booking is no longer pending or changed since `since` (its updated_at), for at most `waitMs`.
 * Returns why the wait ended ('changed' also when the booking could not be read: the caller reads it again and says why).
 */
export async function waitForBookingChange(
  db: Db,
  changes: BookingChanges,
  siteId: string,
  bookingId: string,
  since: string,
  waitMs: number,
  signal: AbortSignal,
): Promise<'changed' | 'timeout' | 'aborted'> {
  if (signal.aborted) return 'aborted';
  active++;
  try {
    return await new Promise((resolve) => {
      let done = false;
      let reading = false;
      let again = false;
      const finish = (why: 'changed' | 'timeout' | 'aborted') => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        unwatch();
        signal.removeEventListener('abort', onAbort);
        resolve(why);
      };
      const onAbort = () => finish('aborted');
      // one read at a time; a wake during a read reads once more after it
      const read = async (): Promise<void> => {
        if (reading) {
          again = true;
          return;
        }
        reading = true;
        try {
          do {
            again = false;
            const now = await findBookingStatusOfSite(db, bookingId, siteId);
            if (!now || now.status !== 'pending' || now.updated_at !== since) finish('changed');
            // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- set by a wake (or finish) during the await above
          } while (again && !done);
        } catch {
          finish('changed');
        } finally {
          reading = false;
        }
      };
      const unwatch = changes.watch(bookingId, () => {
        if (!done) void read();
      });
      const timer = setTimeout(() => finish('timeout'), Math.max(0, waitMs));
      signal.addEventListener('abort', onAbort);
      // once after watching: a change committed between the caller's read and the watch sent its notice to no one
      void read();
    });
  } finally {
    active--;
  }
}
