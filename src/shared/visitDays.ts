/**
 * Multi-day visits (issue 9 item 7): what an entry or an exit means for a visit, one rule for the kiosk and the
 * cloud. A visit window that spans several of the site's days (siteDay.ts) lets its visitor in and out every day
 * inside it:
 * - the first check-in issues the pass (the booking becomes arrived); a later check-in, or the same pass scanned
 *   again, is one more entry (no already_arrived) while the window lasts;
 * - an exit (a sign-out at the desk, a gate exit) is one event and does not end the visit while the window lasts;
 * - the visit is ended ("left") only by staff (a sign-out that says so: `endVisit`), or by its window ending (the
 *   pass expires then: nobody is let in on it after).
 * A visit inside one site day keeps the desk's one-visit rule: a sign-out ends it, a second check-in is already_arrived.
 */
import { localDate } from './siteDay';

export interface VisitWindow {
  windowStart: string;
  windowEnd: string;
}

/** The window's first and last instants fall on different days of the site. */
export function isMultiDayWindow(window: VisitWindow, timeZone: string): boolean {
  const lastInstant = new Date(Date.parse(window.windowEnd) - 1);
  return localDate(window.windowStart, timeZone) !== localDate(lastInstant, timeZone);
}

/** A visitor already arrived on this booking may enter again at `at`: a multi-day window that has not ended. */
export function mayEnterAgain(window: VisitWindow, at: Date, timeZone: string): boolean {
  return isMultiDayWindow(window, timeZone) && at.getTime() <= Date.parse(window.windowEnd);
}

/** Whether an exit at `at` ends the visit: staff say so, the visit is of one day, or its window has ended. */
export function exitEndsVisit(window: VisitWindow, at: Date, timeZone: string, endVisit = false): boolean {
  return endVisit || !isMultiDayWindow(window, timeZone) || at.getTime() >= Date.parse(window.windowEnd);
}
