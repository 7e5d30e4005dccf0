/**
 * Visits per site day over 12 months without counting a year of visits on every request: the closed days (before
 * yesterday) are counted once and kept in site_day_counts; yesterday and today are always counted live (a kiosk that
 * was offline reports its arrivals late). A kept day is counted again once it is older than RECOUNT_AFTER_MS (a late
 * report of an older day, or the retention purge, shows within a day), at most RECOUNT_PER_REPLY days per reply, the
 * oldest counts first, so no reply pays for a whole year but the first on a site.
 */
import { addDays, startOfLocalDay } from '../../shared/siteDay';
import { countVisitsInRanges, findDayCounts, saveDayCounts, type InstantRange } from '../repositories/dashboard';
import type { Db } from '../repositories/db';

export const RECOUNT_AFTER_MS = 24 * 3_600_000;
export const RECOUNT_PER_REPLY = 14;

export const dayRangeOf = (day: string, timeZone: string): InstantRange => ({
  from: startOfLocalDay(day, timeZone).toISOString(),
  to: startOfLocalDay(addDays(day, 1), timeZone).toISOString(),
});

/** The visits of each day (site days, in order), the closed ones from site_day_counts where counted recently. */
export async function visitsPerDay(db: Db, siteId: string, days: readonly string[], today: string, timeZone: string, now: Date): Promise<number[]> {
  const lastClosed = addDays(today, -2);
  const closed = days.filter((d) => d <= lastClosed);
  const kept = closed.length > 0 ? await findDayCounts(db, siteId, closed[0]!, closed.at(-1)!) : [];
  const byDay = new Map(kept.map((k) => [k.day, k]));
  const staleBefore = new Date(now.getTime() - RECOUNT_AFTER_MS).toISOString();
  const missing = closed.filter((d) => !byDay.has(d));
  const stale = kept
    .filter((k) => k.counted_at < staleBefore)
    .sort((a, b) => (a.counted_at < b.counted_at ? -1 : a.counted_at > b.counted_at ? 1 : 0))
    .slice(0, RECOUNT_PER_REPLY)
    .map((k) => k.day);
  const live = days.filter((d) => d > lastClosed);
  const toCount = [...missing, ...stale, ...live];
  const counted = await countVisitsInRanges(
    db,
    siteId,
    toCount.map((d) => dayRangeOf(d, timeZone)),
  );
  const fresh = new Map(toCount.map((d, i) => [d, counted[i] ?? 0]));
  await saveDayCounts(
    db,
    siteId,
    [...missing, ...stale].map((day) => ({ day, visits: fresh.get(day) ?? 0 })),
    now.toISOString(),
  );
  return days.map((d) => fresh.get(d) ?? byDay.get(d)?.visits ?? 0);
}
