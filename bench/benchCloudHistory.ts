/**
 * More of what a year at a busy site leaves in the cloud, for the HTTP benches (benchCloud.ts): past visits (each an
 * applied check-in command of a past booking and its entry passage, as a kiosk's push records them, made by a kiosk
 * since replaced) and bookings to arrive on now (approved, their window open, for another host than the cloned
 * ones: the arrivals bench checks each in once). Set-based statements, so that a million rows take seconds.
 */
import { sql } from 'kysely';
import type { CloudDatabase } from '../src/cloud/db/database';
import type { BookingsTable } from '../src/cloud/db/schema';

/** The kiosk the past visits were made at (revoked: it enrolled, worked a year and was replaced). */
export const PAST_KIOSK_ID = 'ksk_bench_past';

/** The id of the i-th booking the arrivals bench checks in. */
export const arrivalBookingId = (i: number): string => `bk_arrive_${i}`;

/**
 * `visits` past visits spread over the past bookings `bk_bench_<firstPast>` … (`pastBookings` of them): one applied
 * check-in command and one entry passage each.
 */
export async function seedPastVisits(db: CloudDatabase, siteId: string, visits: number, firstPast: number, pastBookings: number, now: Date): Promise<void> {
  if (visits <= 0 || pastBookings <= 0) return;
  const k = db.kysely;
  const yearAgo = new Date(now.getTime() - 365 * 86_400_000).toISOString();
  await k
    .insertInto('kiosks')
    .values({
      id: PAST_KIOSK_ID,
      site_id: siteId,
      name: 'Replaced desk',
      credential_hash: 'bench-past-kiosk-no-credential',
      public_key: 'none',
      key_id: 'none',
      enrolled_at: yearAgo,
      revoked: 1,
      revoked_at: now.toISOString(),
    })
    .execute();
  // n = 0 … visits-1, in the dialect's own way
  const numbers =
    db.dialect === 'postgres'
      ? sql`select i from generate_series(0, ${visits - 1}) as g(i)`
      : sql`select i from (with recursive n(i) as (select 0 union all select i + 1 from n where i < ${visits - 1}) select i from n)`;
  const booking = sql`'bk_bench_' || (${firstPast} + n.i % ${pastBookings})`;
  await sql`
    insert into applied_commands (id, kiosk_id, kind, booking_id, visit_id, status, code, message, result, at, applied_at)
    select 'cmd_past_' || n.i, ${PAST_KIOSK_ID}, 'checkin', ${booking}, 'vis_past_' || n.i, 'applied', null, null, '{"status":"applied"}', ${yearAgo}, ${yearAgo}
    from (${numbers}) as n`.execute(k);
  await sql`
    insert into passages (id, site_id, kiosk_id, booking_id, visit_id, pass_id, direction, at, recorded_at)
    select 'cmd_past_' || n.i, ${siteId}, ${PAST_KIOSK_ID}, ${booking}, 'vis_past_' || n.i, 'vis_past_' || n.i, 'entry', ${yearAgo}, ${yearAgo}
    from (${numbers}) as n`.execute(k);
}

/**
 * `count` approved bookings cloned from `template` for `hostId`, their windows open now (an hour ago to ten hours on),
 * numbered as changes from `seq` + 1; returns the last change number.
 */
export async function seedArrivalBookings(
  db: CloudDatabase,
  template: BookingsTable,
  hostId: string,
  count: number,
  now: Date,
  seq: number,
  codeOf: (i: number) => string,
): Promise<number> {
  const start = new Date(now.getTime() - 3_600_000).toISOString();
  const end = new Date(now.getTime() + 10 * 3_600_000).toISOString();
  for (let done = 0; done < count; done += 500) {
    const rows: BookingsTable[] = [];
    for (let i = done; i < Math.min(count, done + 500); i++) {
      rows.push({
        ...template,
        id: arrivalBookingId(i),
        code: codeOf(i),
        host_id: hostId,
        status: 'approved',
        window_start: start,
        window_end: end,
        created_at: start,
        updated_at: start,
        change_seq: ++seq,
      });
    }
    await db.kysely.insertInto('bookings').values(rows).execute();
  }
  return seq;
}
