/**
 * SQL of the site dashboard (issue 14 §7). Visits are counted by their entry (arrived_at) through the keyset index of
 * migration 0019 (site_id, arrived_at, id; arrived bookings only): a series of ranges is counted by one range count
 * per range (the site's days and hours worked out by the caller, so any zone and a day the clocks change are exact),
 * never by a function of each row. Refusals and hits come from the kiosks' applied commands (by code and time, index
 * of migration 0025) and the audit log (by time).
 */
import { PostgresAdapter, sql } from 'kysely';
import type { Db } from './db';

export interface InstantRange {
  /** ISO instants, [from, to) */
  from: string;
  to: string;
}

/** The number of the site's visits that entered in each range, in the ranges' order. */
export async function countVisitsInRanges(db: Db, siteId: string, ranges: readonly InstantRange[]): Promise<number[]> {
  if (ranges.length === 0) return [];
  const rows = sql.join(ranges.map((r, i) => sql`(${sql.lit(i)}, ${r.from}, ${r.to})`));
  const result = await sql<{ i: number | string; n: number | string }>`
    with r (i, lo, hi) as (values ${rows})
    select r.i as i,
      (select count(*) from bookings b where b.site_id = ${siteId} and b.arrived_at >= r.lo and b.arrived_at < r.hi) as n
    from r order by r.i`.execute(db);
  const out = ranges.map(() => 0);
  for (const row of result.rows) out[Number(row.i)] = Number(row.n);
  return out;
}

/** Of the visits that entered in the range, those still on site (arrived, no exit yet). */
export async function countOnSite(db: Db, siteId: string, range: InstantRange): Promise<number> {
  const row = await db
    .selectFrom('bookings')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('site_id', '=', siteId)
    .where('arrived_at', '>=', range.from)
    .where('arrived_at', '<', range.to)
    .where('status', '=', 'arrived')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * The visits that entered in the range by their host's department (its text as the host has it) and their source, in
 * one pass over the visits index (dashboard_visits_idx holds the host and the source beside the entry).
 */
export async function countVisitsByDepartmentAndSource(
  db: Db,
  siteId: string,
  range: InstantRange,
): Promise<{ department: string; source: string; visits: number }[]> {
  const rows = await db
    .selectFrom('bookings as b')
    .innerJoin('hosts as h', 'h.id', 'b.host_id')
    .select((eb) => ['h.department as department', 'b.source as source', eb.fn.countAll<number | string>().as('n')])
    .where('b.site_id', '=', siteId)
    .where('b.arrived_at', '>=', range.from)
    .where('b.arrived_at', '<', range.to)
    .groupBy(['h.department', 'b.source'])
    .execute();
  return rows.map((r) => ({ department: r.department, source: r.source, visits: Number(r.n) }));
}

/** The kiosk reports that a refusal or a hit leaves (its applied command's code), by code and status. */
export const SAFETY_CODES = ['temperature_abnormal', 'blacklisted', 'blacklist_warn', 'blacklist_reported'] as const;

/** The site's kiosks' commands of the range with a refusal or hit code, counted by code and status. */
export async function countKioskRefusals(db: Db, siteId: string, range: InstantRange): Promise<{ code: string; status: string; n: number }[]> {
  const rows = await db
    .selectFrom('applied_commands as c')
    .innerJoin('kiosks as k', 'k.id', 'c.kiosk_id')
    .select((eb) => ['c.code as code', 'c.status as status', eb.fn.countAll<number | string>().as('n')])
    .where('k.site_id', '=', siteId)
    .where('c.code', 'in', SAFETY_CODES)
    .where('c.at', '>=', range.from)
    .where('c.at', '<', range.to)
    .groupBy(['c.code', 'c.status'])
    .execute();
  return rows.map((r) => ({ code: r.code ?? '', status: r.status, n: Number(r.n) }));
}

/** Applications refused by the blacklist in the range (their audit entries name the host; the host names the site). */
export async function countApplicationsRefused(db: Db, siteId: string, range: InstantRange): Promise<number> {
  const hostOf =
    db.getExecutor().adapter instanceof PostgresAdapter ? sql<string>`(a.detail::json ->> 'hostId')` : sql<string>`json_extract(a.detail, '$.hostId')`;
  const result = await sql<{ n: number | string }>`
    select count(*) as n from audit_log a join hosts h on h.id = ${hostOf}
    where a.at >= ${range.from} and a.at < ${range.to} and a.action = 'booking.blacklisted' and h.site_id = ${siteId}`.execute(db);
  return Number(result.rows[0]?.n ?? 0);
}

/** The site's kiosks that are not revoked, with when each last pulled. */
export async function listSiteKiosks(db: Db, siteId: string): Promise<{ id: string; name: string; last_seen_at: string | null }[]> {
  return db
    .selectFrom('kiosks as k')
    .leftJoin('kiosk_status as s', 's.kiosk_id', 'k.id')
    .select(['k.id as id', 'k.name as name', 's.last_seen_at as last_seen_at'])
    .where('k.site_id', '=', siteId)
    .where('k.revoked', '=', 0)
    .orderBy('k.name')
    .execute();
}

/** The counted closed days of a site in [first, last], with when each was counted. */
export async function findDayCounts(db: Db, siteId: string, first: string, last: string): Promise<{ day: string; visits: number; counted_at: string }[]> {
  return db
    .selectFrom('site_day_counts')
    .select(['day', 'visits', 'counted_at'])
    .where('site_id', '=', siteId)
    .where('day', '>=', first)
    .where('day', '<=', last)
    .execute();
}

/** Keeps the counts of closed days (replacing those counted before). */
export async function saveDayCounts(db: Db, siteId: string, counts: readonly { day: string; visits: number }[], countedAt: string): Promise<void> {
  if (counts.length === 0) return;
  await db
    .insertInto('site_day_counts')
    .values(counts.map((c) => ({ site_id: siteId, day: c.day, visits: c.visits, counted_at: countedAt })))
    .onConflict((oc) => oc.columns(['site_id', 'day']).doUpdateSet((eb) => ({ visits: eb.ref('excluded.visits'), counted_at: eb.ref('excluded.counted_at') })))
    .execute();
}
