/**
 * A kiosk waiting for the host's decision on a walk-in (long-poll). The wait polls the booking's status and
 * updated_at cheaply (one indexed row read every POLL_MS), so a decision taken by any cloud process on the same
 * database is seen within POLL_MS; it ends at the deadline, when the client goes away, or when the app closes.
 */
import type { Db } from '../repositories/db';
import { findBookingStatusOfSite } from '../repositories/bookings';
import { abortableSleep as sleep } from '../../platform/abortableSleep';

export const DECISION_POLL_MS = 300;

let active = 0;
/** Waits in progress in this process (for tests and metrics). */
export const activeDecisionWaits = (): number => active;

/**
 * Waits until the booking is no longer pending or changed since `since` (its updated_at), for at most `waitMs`.
 * Returns why the wait ended.
 */
export async function waitForBookingChange(
  db: Db,
  siteId: string,
  bookingId: string,
  since: string,
  waitMs: number,
  signal: AbortSignal,
): Promise<'changed' | 'timeout' | 'aborted'> {
  const deadline = Date.now() + waitMs;
  active++;
  try {
    for (;;) {
      const left = deadline - Date.now();
      if (left <= 0) return 'timeout';
      await sleep(Math.min(DECISION_POLL_MS, left), signal);
      if (signal.aborted) return 'aborted';
      const now = await findBookingStatusOfSite(db, bookingId, siteId);
      if (!now || now.status !== 'pending' || now.updated_at !== since) return 'changed';
    }
  } finally {
    active--;
  }
}
