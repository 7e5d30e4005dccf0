/**
 * The cloud's periodic sweep job (issue 12): the expiry sweep (pending/approved/returned bookings past their window
 * become expired, expireEndedBookings below) and the end-of-window visit sweep (arrived visits past their window
 * become left, visitSweep.closeEndedVisits), in one transaction. The cloud server process runs it on a timer
 * (startSweepJob, server.ts); no request runs it, so a kiosk's pull and today's list only read. Safe with several
 * processes on one database: on PostgreSQL a transaction-scoped advisory lock, keyed by the schema too, lets one job
 * run at a time (the others skip), and the change counter's row lock orders it with every other writer; SQLite has one
 * writer. It also deletes the sessions (visitors', hosts', staff's) and one-time sign-in codes that expired more than a
 * day before (sessions.ts, signIn.ts), which signing in once purged only lazily, when someone signed in again.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { CloudDialect } from '../db/database';
import { statusesFrom, transitionOf } from '../../shared/bookingStates';
import { lockChangeSeq, setChangeSeq } from '../db/changeSeq';
import type { CloudSchema } from '../db/schema';
import { countEndedBookings } from '../repositories/bookings';
import { closeEndedVisits } from './visitSweep';
import { announceExpiredBlacklist } from '../repositories/blacklistAdmin';
import { purgeExpiredSessions } from './sessions';
import { purgeExpiredSignInCodes } from './signIn';

/** The advisory lock key of the job (any constant int4; the same in every process), paired with the schema's hash. */
export const SWEEP_LOCK_KEY = 907_011;

/** How often the cloud server process runs the job by default (PASSDESK_SWEEP_INTERVAL_SECONDS). */
export const SWEEP_INTERVAL_MS = 60_000;

export interface SweepResult {
  /** pending/approved bookings that became expired */
  expired: number;
  /** arrived visits that became left */
  left: number;
  /** false when another process held the job (PostgreSQL): this run did nothing */
  ran: boolean;
}

/**
 * Marks pending/approved/returned bookings (bookingStates.ts: expire) whose window has ended by `now` as expired, each
 * with a new change_seq so kiosks learn of it: one set-based UPDATE inside the job's transaction. It locks the change
 * counter first, so no writer changes a booking until the job commits and the count it takes stays true; the swept
 * bookings get one block of the counter, numbered by id. Returns how many changed. Reads between two runs show the
 * same (bookingRecords.bookingAsOf).
 */
export async function expireEndedBookings(trx: Transaction<CloudSchema>, nowIso: string): Promise<number> {
  const base = await lockChangeSeq(trx);
  const due = await countEndedBookings(trx, statusesFrom('expire'), nowIso);
  if (due === 0) return 0;
  await setChangeSeq(trx, base + due);
  const res = await sql`
    update bookings set status = ${transitionOf('expire').to}, expired_from = bookings.status, updated_at = ${nowIso}, change_seq = ${base} + due.rn
    from (
      select b.id, row_number() over (order by b.id) as rn
      from bookings b where b.status in (${sql.join(statusesFrom('expire'))}) and b.window_end <= ${nowIso}
    ) as due
    where bookings.id = due.id`.execute(trx);
  return Number(res.numAffectedRows ?? 0n);
}

/** Runs both sweeps and the purge of expired sessions and codes as of `now`, once across every process of this cloud. */
export async function runSweepJob(db: Kysely<CloudSchema>, dialect: CloudDialect, now: Date): Promise<SweepResult> {
  const nowIso = now.toISOString();
  return db.transaction().execute(async (trx) => {
    if (dialect === 'postgres') {
      // keyed by the schema too: advisory locks are database-wide, and two clouds (or test runs) in other schemas of
      // the same database must not skip each other's job; processes of one cloud still exclude each other
      const lock = await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(${SWEEP_LOCK_KEY}::int, hashtext(current_schema())) as locked`.execute(trx);
      if (lock.rows[0]?.locked !== true) return { expired: 0, left: 0, ran: false };
    }
    const expired = await expireEndedBookings(trx, nowIso);
    const left = await closeEndedVisits(trx, nowIso);
    // blacklist entries past their expiry leave the kiosks' lists (one new change each)
    await announceExpiredBlacklist(trx, nowIso);
    // expired sessions and sign-in codes: set-based deletes (each column indexed), under the job's lock
    await purgeExpiredSessions(trx, now);
    await purgeExpiredSignInCodes(trx, now);
    return { expired, left, ran: true };
  });
}

/**
 * Runs the job now and then every interval until the returned stop is called, which also waits for a run under way
 * (the timer does not keep a process alive). A tick while a run is under way is skipped: runs never overlap or queue
 * up in one process.
 */
export function startSweepJob(run: () => Promise<unknown>, onError: (err: unknown) => void, intervalMs = SWEEP_INTERVAL_MS): () => Promise<void> {
  let running: Promise<void> | undefined;
  let stopped = false;
  const tick = () => {
    if (running !== undefined || stopped) return;
    running = Promise.resolve()
      .then(run)
      .then(() => undefined, onError)
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  tick();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
