/**
 * The end-of-window sweep (issue 9 item 7): an arrived visit whose window has ended with no exit recorded becomes
 * left (at its window's end), flagged `expired_from = 'arrived'` (Booking.exitUnrecorded: 未登记离开), so it stops
 * showing as on site; one whose last recorded passage is an exit (a multi-day visit's last day) left at that exit,
 * unflagged. One set-based UPDATE, not row by row; each swept booking gets its own change_seq (kiosks pull
 * by change_seq, a page may not split a number), taken as one block of the counter. Safe with several processes on
 * one database: on PostgreSQL a transaction-scoped advisory lock lets one sweep run at a time (the others skip), and
 * the counter row's lock orders it with every other writer; SQLite has one writer. Run periodically
 * (startVisitSweep) and before the reads that list who is on site.
 */
import { sql, type Kysely } from 'kysely';
import type { CloudDialect } from '../db/database';
import { CHANGE_SEQ } from '../db/changeSeq';
import type { CloudSchema } from '../db/schema';

/** The advisory lock key of the sweep (any constant int4; the same in every process), paired with the schema's hash. */
export const VISIT_SWEEP_LOCK_KEY = 907_011;

/** How often a cloud process sweeps. */
export const VISIT_SWEEP_INTERVAL_MS = 60_000;

/** Closes every arrived visit whose window ended by `now`; returns how many (0 when another process holds the sweep). */
export async function sweepEndedVisits(db: Kysely<CloudSchema>, dialect: CloudDialect, now: Date): Promise<number> {
  const nowIso = now.toISOString();
  return db.transaction().execute(async (trx) => {
    if (dialect === 'postgres') {
      // keyed by the schema too: advisory locks are database-wide, and two clouds (or test runs) in other schemas of
      // the same database must not skip each other's sweep; processes of one cloud still exclude each other
      const lock = await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(${VISIT_SWEEP_LOCK_KEY}::int, hashtext(current_schema())) as locked`.execute(
        trx,
      );
      if (lock.rows[0]?.locked !== true) return 0;
    }
    // lock the counter first: no writer changes a booking until this commits, so the count below stays true
    const before = await trx
      .updateTable('counters')
      .set((eb) => ({ value: eb('value', '+', 0) }))
      .where('name', '=', CHANGE_SEQ)
      .returning('value')
      .executeTakeFirstOrThrow();
    const due = await trx
      .selectFrom('bookings')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('status', '=', 'arrived')
      .where('window_end', '<=', nowIso)
      .executeTakeFirstOrThrow();
    const n = Number(due.n);
    if (n === 0) return 0;
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-conversion -- PostgreSQL returns a bigint column as a string
    const base = Number(before.value);
    await trx
      .updateTable('counters')
      .set({ value: base + n })
      .where('name', '=', CHANGE_SEQ)
      .execute();
    // a visitor whose last recorded passage is an exit left then (its exit was recorded); the others are flagged
    const res = await sql`
      update bookings set status = 'left', left_at = coalesce(due.last_exit_at, bookings.window_end),
        expired_from = case when due.last_exit_at is null then 'arrived' else null end, updated_at = ${nowIso},
        change_seq = ${base} + due.rn
      from (
        select b.id, row_number() over (order by b.id) as rn,
          (select case when p.direction = 'exit' then p.at end from passages p where p.booking_id = b.id order by p.at desc, p.id desc limit 1) as last_exit_at
        from bookings b where b.status = 'arrived' and b.window_end <= ${nowIso}
      ) as due
      where bookings.id = due.id`.execute(trx);
    return Number(res.numAffectedRows ?? 0n);
  });
}

/**
 * Sweeps now and then every interval until the returned stop is called, which also waits for a sweep under way (the
 * timer does not keep a process alive).
 */
export function startVisitSweep(run: () => Promise<number>, onError: (err: unknown) => void, intervalMs = VISIT_SWEEP_INTERVAL_MS): () => Promise<void> {
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = running.then(() => run().then(() => undefined, onError));
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  tick();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
