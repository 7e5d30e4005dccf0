/** "Today" at the kiosk: the calendar day in the site's time zone (the process zone until the site is known). */

export const processTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** YYYY-MM-DD of an instant in a zone. */
export function localDate(instant: Date | string, timeZone: string): string {
  const d = typeof instant === 'string' ? new Date(instant) : instant;
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
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
