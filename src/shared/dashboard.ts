/**
 * The site dashboard (issue 14 §7): every series of one site in one reply, counted in the site's time zone, and the
 * names of the series each downloadable as CSV. Visits are bookings a visitor arrived on (checked in at a kiosk or
 * registered at its desk), counted by their entry. The breakdowns and the safety counts cover the last
 * DASHBOARD_PERIOD_DAYS site days, today included; the daily series the last 12 months.
 */
import { z } from 'zod';
import { BookingSource, Id, Instant } from './domain';

/** the days the breakdowns (department, source) and the safety counts cover, today included */
export const DASHBOARD_PERIOD_DAYS = 30;
/** a kiosk not heard from for this long (or never) is offline */
export const KIOSK_OFFLINE_AFTER_MINUTES = 10;

const LocalDate = z.iso.date();

export const DashboardSeries = z.enum(['hours', 'days', 'departments', 'sources', 'safety', 'kiosks']);
export type DashboardSeries = z.infer<typeof DashboardSeries>;

export const DashboardCsvQuery = z.object({ series: DashboardSeries });

/**
 * What the cloud records of refusals and hits: a walk-in refused for its temperature, a check-in or walk-in refused by
 * the blacklist, a check-in let through with a blacklist warning (all reported by kiosks), and an application refused
 * by the blacklist (its audit entry).
 */
export const SafetyKind = z.enum(['temperature_refused', 'blacklist_refused', 'blacklist_warned', 'application_refused']);
export type SafetyKind = z.infer<typeof SafetyKind>;

export const DashboardFigures = z.object({
  /** visits whose entry was today */
  arrivalsToday: z.number().int(),
  /** of those, still on site (no exit yet) */
  onSiteNow: z.number().int(),
  /** visits in the last 12 months */
  visitsYear: z.number().int(),
  temperatureRefusals: z.number().int(),
  /** blacklist refusals and warnings, at the kiosk and at application */
  blacklistHits: z.number().int(),
  kiosksOffline: z.number().int(),
  kiosks: z.number().int(),
});
export type DashboardFigures = z.infer<typeof DashboardFigures>;

export const DashboardKiosk = z.object({
  kioskId: Id,
  name: z.string(),
  /** absent: never heard from */
  lastSeenAt: Instant.optional(),
  online: z.boolean(),
});
export type DashboardKiosk = z.infer<typeof DashboardKiosk>;

export const Dashboard = z.object({
  siteId: Id,
  timezone: z.string(),
  /** the site's day it is */
  today: LocalDate,
  /** the first day of the breakdowns' period (DASHBOARD_PERIOD_DAYS days up to today) */
  periodFrom: LocalDate,
  generatedAt: Instant,
  figures: DashboardFigures,
  /** today's arrivals per local hour (23 or 25 hours on a day the clocks change) */
  hours: z.array(z.object({ start: Instant, hour: z.string(), visits: z.number().int() })),
  /** visits per site day, the last 12 months, oldest first */
  days: z.array(z.object({ day: LocalDate, visits: z.number().int() })),
  /** visits of the period by the host's department, most first */
  departments: z.array(z.object({ department: z.string(), visits: z.number().int() })),
  /** visits of the period by how the visit was initiated, every source */
  sources: z.array(z.object({ source: BookingSource, visits: z.number().int() })),
  /** refusals and hits of the period */
  safety: z.array(z.object({ kind: SafetyKind, count: z.number().int() })),
  /** the site's kiosks (revoked ones left out), offline first */
  kiosks: z.array(DashboardKiosk),
});
export type Dashboard = z.infer<typeof Dashboard>;
