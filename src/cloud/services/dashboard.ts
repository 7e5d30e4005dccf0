/**
 * The site dashboard (issue 14 §7): the site's days and hours worked out in its zone (src/shared/siteDay.ts) as
 * instant ranges, the counts read in SQL (repositories/dashboard.ts), and the reply put together. "Today" is the
 * site's day of ctx.now().
 */
import { BookingSource } from '../../shared/domain';
import { DASHBOARD_PERIOD_DAYS, KIOSK_OFFLINE_AFTER_MINUTES, type Dashboard, type DashboardKiosk, type SafetyKind } from '../../shared/dashboard';
import { dateTimeFormat } from '../../shared/dateTimeFormats';
import { addDays, localDate, siteTimeZone, startOfLocalDay } from '../../shared/siteDay';
import {
  countApplicationsRefused,
  countKioskRefusals,
  countOnSite,
  countVisitsByDepartmentAndSource,
  countVisitsInRanges,
  listSiteKiosks,
  type InstantRange,
} from '../repositories/dashboard';
import type { Db } from '../repositories/db';
import { dayRangeOf, visitsPerDay } from './dashboardDays';
import { getSiteRow } from './sites';

const HOUR_MS = 3_600_000;

/** The first day of the 12 months that end today: the day after the same date a year before. */
export function firstDayOfYearTo(today: string): string {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  return addDays(new Date(Date.UTC(y - 1, m - 1, d)).toISOString().slice(0, 10), 1);
}

/** Each day from `first` to `last`, inclusive. */
function daysFrom(first: string, last: string): string[] {
  const out: string[] = [];
  for (let d = first; d <= last; d = addDays(d, 1)) out.push(d);
  return out;
}

/** The hours of a local day as instant ranges, each labelled by its local start (HH:mm). */
function hoursOf(day: string, timeZone: string): { range: InstantRange; hour: string }[] {
  const start = startOfLocalDay(day, timeZone).getTime();
  const end = startOfLocalDay(addDays(day, 1), timeZone).getTime();
  const label = dateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const out: { range: InstantRange; hour: string }[] = [];
  for (let t = start; t < end; t += HOUR_MS) {
    out.push({ range: { from: new Date(t).toISOString(), to: new Date(Math.min(t + HOUR_MS, end)).toISOString() }, hour: label.format(new Date(t)) });
  }
  return out;
}

/** Which dashboard kind a kiosk's refusal or hit code counts as. */
const KIND_OF_CODE: Record<string, SafetyKind> = {
  temperature_abnormal: 'temperature_refused',
  blacklisted: 'blacklist_refused',
  blacklist_warn: 'blacklist_warned',
  // a refusal the kiosk made by its own list, reported (applied) to be recorded
  blacklist_reported: 'blacklist_refused',
};

export async function siteDashboard(db: Db, siteId: string, now: Date): Promise<Dashboard> {
  const site = await getSiteRow(db, siteId);
  const timeZone = siteTimeZone(site);
  const today = localDate(now, timeZone);
  const days = daysFrom(firstDayOfYearTo(today), today);
  const hours = hoursOf(today, timeZone);
  const todayRange = dayRangeOf(today, timeZone);
  const periodFrom = addDays(today, -(DASHBOARD_PERIOD_DAYS - 1));
  const period: InstantRange = { from: startOfLocalDay(periodFrom, timeZone).toISOString(), to: todayRange.to };

  const [hourCounts, dayCounts, onSiteNow, breakdown, refusals, applicationsRefused, kioskRows] = await Promise.all([
    countVisitsInRanges(
      db,
      site.id,
      hours.map((h) => h.range),
    ),
    visitsPerDay(db, site.id, days, today, timeZone, now),
    countOnSite(db, site.id, todayRange),
    countVisitsByDepartmentAndSource(db, site.id, period),
    countKioskRefusals(db, site.id, period),
    countApplicationsRefused(db, site.id, period),
    listSiteKiosks(db, site.id),
  ]);

  const departmentVisits = new Map<string, number>();
  const sourceVisits = new Map<string, number>();
  for (const b of breakdown) {
    departmentVisits.set(b.department, (departmentVisits.get(b.department) ?? 0) + b.visits);
    sourceVisits.set(b.source, (sourceVisits.get(b.source) ?? 0) + b.visits);
  }
  const departments = [...departmentVisits]
    .map(([department, visits]) => ({ department, visits }))
    .sort((a, b) => b.visits - a.visits || (a.department < b.department ? -1 : a.department > b.department ? 1 : 0));
  const safetyCounts = new Map<SafetyKind, number>([
    ['temperature_refused', 0],
    ['blacklist_refused', 0],
    ['blacklist_warned', 0],
    ['application_refused', applicationsRefused],
  ]);
  for (const r of refusals) {
    const kind = KIND_OF_CODE[r.code];
    // a warning is a check-in let through (applied); a refusal is one the cloud turned down, or one the kiosk reported
    const counts = kind === 'blacklist_warned' || r.code === 'blacklist_reported' ? r.status === 'applied' : r.status !== 'applied';
    if (kind !== undefined && counts) safetyCounts.set(kind, (safetyCounts.get(kind) ?? 0) + r.n);
  }
  const offlineBefore = now.getTime() - KIOSK_OFFLINE_AFTER_MINUTES * 60_000;
  const kiosks: DashboardKiosk[] = kioskRows
    .map((k) => ({
      kioskId: k.id,
      name: k.name,
      ...(k.last_seen_at !== null ? { lastSeenAt: k.last_seen_at } : {}),
      online: k.last_seen_at !== null && Date.parse(k.last_seen_at) >= offlineBefore,
    }))
    .sort((a, b) => Number(a.online) - Number(b.online) || a.name.localeCompare(b.name));
  const safety = [...safetyCounts].map(([kind, count]) => ({ kind, count }));
  const arrivalsToday = hourCounts.reduce((a, b) => a + b, 0);
  return {
    siteId: site.id,
    timezone: timeZone,
    today,
    periodFrom,
    generatedAt: now.toISOString(),
    figures: {
      arrivalsToday,
      onSiteNow,
      visitsYear: dayCounts.reduce((a, b) => a + b, 0),
      temperatureRefusals: safetyCounts.get('temperature_refused') ?? 0,
      blacklistHits: (safetyCounts.get('blacklist_refused') ?? 0) + (safetyCounts.get('blacklist_warned') ?? 0) + applicationsRefused,
      kiosksOffline: kiosks.filter((k) => !k.online).length,
      kiosks: kiosks.length,
    },
    hours: hours.map((h, i) => ({ start: h.range.from, hour: h.hour, visits: hourCounts[i] ?? 0 })),
    days: days.map((day, i) => ({ day, visits: dayCounts[i] ?? 0 })),
    departments,
    sources: BookingSource.options.map((source) => ({ source, visits: sourceVisits.get(source) ?? 0 })),
    safety,
    kiosks,
  };
}
