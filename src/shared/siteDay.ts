/**
 * A site's calendar day, one rule for the cloud (the booking list's ?date=, the sync window, the demo) and the
 * kiosk ("today": its search, its visits of the day): days in the site's IANA zone, Asia/Shanghai when the site
 * names none. Pure (Intl only; formats shared through dateTimeFormats).
 */
import { dateTimeFormat } from './dateTimeFormats';

/** The zone of a site that names none (and of the kiosk before it knows its site). */
export const DEFAULT_TIMEZONE = 'Asia/Shanghai';

/** The zone a site's days are counted in. */
export const siteTimeZone = (site: { timezone?: string | null } | undefined): string => site?.timezone || DEFAULT_TIMEZONE;

/** The zone's offset from UTC, in ms, at an instant. */
function zoneOffsetMs(instantMs: number, timeZone: string): number {
  const parts = dateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instantMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? '0');
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(instantMs / 1000) * 1000;
}

/** YYYY-MM-DD of an instant in a zone. */
export function localDate(instant: Date | string, timeZone: string): string {
  const d = typeof instant === 'string' ? new Date(instant) : instant;
  return dateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

/** Day starts already worked out (a zone's rules for a date do not change in a process's life); bounded. */
const dayStarts = new Map<string, number>();
const KEPT_DAY_STARTS = 4096;

/** The instant a local calendar day starts in a zone. */
export function startOfLocalDay(date: string, timeZone: string): Date {
  const key = `${timeZone} ${date}`;
  const known = dayStarts.get(key);
  if (known !== undefined) return new Date(known);
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`not a date: ${date}`);
  const guess = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  let t = guess - zoneOffsetMs(guess, timeZone);
  t = guess - zoneOffsetMs(t, timeZone);
  if (dayStarts.size >= KEPT_DAY_STARTS) dayStarts.clear();
  dayStarts.set(key, t);
  return new Date(t);
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

interface DayRange {
  from: string;
  to: string;
  today: string;
}

/** The last range made per zone and span, with the local day it holds: [its start, the next day's start), as ms. */
const keptRanges = new Map<string, { range: DayRange; dayStart: number; dayEnd: number }>();

/**
 * [start of (today - before), start of (today + after + 1)) in the zone, as ISO instants. Every sync pull asks for one
 * (issue 12: its date arithmetic was a tenth of an empty pull): the same local day's is kept, made again only when
 * `now` is outside that day (the next day, or a clock set back).
 */
export function dayRange(now: Date, timeZone: string, before: number, after: number): DayRange {
  const key = `${timeZone}|${before}|${after}`;
  const at = now.getTime();
  const kept = keptRanges.get(key);
  if (kept !== undefined && at >= kept.dayStart && at < kept.dayEnd) return { ...kept.range };
  const today = localDate(now, timeZone);
  const range = {
    today,
    from: startOfLocalDay(addDays(today, -before), timeZone).toISOString(),
    to: startOfLocalDay(addDays(today, after + 1), timeZone).toISOString(),
  };
  if (keptRanges.size >= 64) keptRanges.clear();
  keptRanges.set(key, { range, dayStart: startOfLocalDay(today, timeZone).getTime(), dayEnd: startOfLocalDay(addDays(today, 1), timeZone).getTime() });
  return { ...range };
}

export function isValidTimeZone(tz: string): boolean {
  try {
    dateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Whether [start, end] touches the local day of `now`. */
export function touchesLocalDay(start: string, end: string, now: Date, timeZone: string): boolean {
  const today = localDate(now, timeZone);
  return localDate(start, timeZone) <= today && localDate(end, timeZone) >= today;
}

/** A generous UTC range around now that contains the whole local day in any zone (±26 h), for index scans. */
export function searchRangeAround(now: Date): { from: string; to: string } {
  const h = 3_600_000;
  return { from: new Date(now.getTime() - 26 * h).toISOString(), to: new Date(now.getTime() + 26 * h).toISOString() };
}
