/**
 * What the kiosk knows of a visit beyond its row (issue 9 item 7): its entries and exits, each once (by the id of the
 * outbox command that reported it: the check-in, a later day's entry, a gate passage, a sign-out), where its visitor
 * stands today, today's visits including the later days of multi-day visits first checked in before today, and the
 * end-of-window sweep: an arrived visit whose window has ended with no exit recorded becomes left (未登记离开), so it
 * stops showing as on site. The cloud runs the same sweep on its own (src/cloud/services/visitSweep.ts).
 */
import type { Visit } from '../../shared/domain';
import { localDate } from '../../shared/siteDay';
import { isMultiDayWindow } from '../../shared/visitDays';
import { getBooking } from './db/bookingsStore';
import { rawRows, type KioskDb } from './db/openDb';
import type { DayBooking } from './db/visitsStore';

type Passage = NonNullable<Visit['passages']>[number];
type TodayState = NonNullable<Visit['todayState']>;

/**
 * Closes the visits whose window has ended without an exit: each such booking becomes left at its window's end,
 * flagged exitUnrecorded, and its open visits here are checked out then (no command: the cloud sweeps its own copy).
 * Two statements in one transaction, set-based.
 */
export function sweepEndedVisits(db: KioskDb, now: Date): { bookings: number; visits: number } {
  const nowIso = now.toISOString();
  return db.transaction(() => {
    const visits = db
      .prepare(
        `UPDATE visits SET checked_out_at = (SELECT b.window_end FROM bookings b WHERE b.id = visits.booking_id)
          WHERE checked_out_at IS NULL AND booking_id IS NOT NULL
            AND EXISTS (SELECT 1 FROM bookings b WHERE b.id = visits.booking_id AND b.window_end <= ?
                          AND (b.status = 'arrived' OR json_extract(b.json, '$.exitUnrecorded') = 1))`,
      )
      .run(nowIso).changes;
    const bookings = db
      .prepare(
        `UPDATE bookings SET status = 'left', updated_at = @now,
            json = json_set(json, '$.status', 'left', '$.leftAt', window_end, '$.exitUnrecorded', json('true'), '$.updatedAt', @now)
          WHERE status = 'arrived' AND window_end <= @now`,
      )
      .run({ now: nowIso }).changes;
    return { bookings, visits };
  })();
}

type CommandRow = [id: string, kind: string, payload: string, at: string, bookingId: string];

const COMMANDS_OF_BOOKINGS = `SELECT id, kind, payload, at, booking_id FROM outbox
  WHERE booking_id IN (SELECT value FROM json_each(?)) AND kind IN ('passage', 'checkout') ORDER BY at, seq`;

/** The passage and sign-out commands made here for these bookings, oldest first, by booking (one statement). */
export function commandsOfBookings(db: KioskDb, bookingIds: readonly string[]): Map<string, CommandRow[]> {
  const out = new Map<string, CommandRow[]>();
  if (bookingIds.length === 0) return out;
  for (const row of rawRows(db, COMMANDS_OF_BOOKINGS, JSON.stringify(bookingIds)) as CommandRow[]) {
    const list = out.get(row[4]);
    if (list) list.push(row);
    else out.set(row[4], [row]);
  }
  return out;
}

/** The visit's entries and exits from its check-in command's id and its booking's commands (oldest first). */
export function passagesFrom(visit: Visit, checkinCommandId: string | undefined, rows: readonly CommandRow[]): Passage[] {
  const first: Passage = { id: checkinCommandId ?? visit.id, direction: 'entry', at: visit.checkedInAt };
  if (visit.bookingId === undefined) return [first];
  const later = rows.flatMap(([id, kind, payload, at]): Passage[] => {
    if (kind === 'checkout') return [{ id, direction: 'exit', at }];
    const direction = (JSON.parse(payload) as { direction?: unknown }).direction;
    return direction === 'entry' || direction === 'exit' ? [{ id, direction, at }] : [];
  });
  const since = Date.parse(first.at);
  return [first, ...later.filter((p) => Date.parse(p.at) >= since)];
}

/** The visit's entries and exits, oldest first: its check-in, then the passages and sign-outs of its booking made here. */
export function passagesOfVisit(db: KioskDb, visit: Visit): Passage[] {
  const ids = db.prepare('SELECT checkin_command_id AS checkin FROM visits WHERE id = ?').get(visit.id) as { checkin: string | null } | undefined;
  const rows = visit.bookingId !== undefined ? (commandsOfBookings(db, [visit.bookingId]).get(visit.bookingId) ?? []) : [];
  return passagesFrom(visit, ids?.checkin ?? undefined, rows);
}

/** in after the last of today's passages is an entry, out after an exit, none when the visitor has not come today. */
export function todayStateOf(passages: readonly Passage[], now: Date, timeZone: string): TodayState {
  const today = localDate(now, timeZone);
  const last = passages.filter((p) => localDate(p.at, timeZone) === today).at(-1);
  return last === undefined ? 'none' : last.direction === 'entry' ? 'in' : 'out';
}

/** The site day's bounds [from, to), in ms. */
export interface DayBounds {
  from: number;
  to: number;
}

/** todayStateOf with the site day's bounds known: no date formatted per passage. */
function todayStateIn(passages: readonly Passage[], day: DayBounds): TodayState {
  const last = passages.findLast((p) => {
    const at = Date.parse(p.at);
    return at >= day.from && at < day.to;
  });
  return last === undefined ? 'none' : last.direction === 'entry' ? 'in' : 'out';
}

/** isMultiDayWindow, without formatting a date when the window's first and last instants both fall within the day. */
function isMultiDayIn(booking: DayBooking, timeZone: string, day: DayBounds | undefined): boolean {
  const start = Date.parse(booking.windowStart);
  const last = Date.parse(booking.windowEnd) - 1;
  if (day && start >= day.from && last < day.to && start <= last) return false;
  return isMultiDayWindow(booking, timeZone);
}

/** The record of a visit from what was read for it: its booking (if any) and its passages; `day`: today's bounds, if known. */
export function recordOf(visit: Visit, booking: DayBooking | undefined, passages: Passage[], now: Date, timeZone: string, day?: DayBounds): Visit {
  const out: Visit = { ...visit, passages };
  if (booking && isMultiDayIn(booking, timeZone, day)) out.multiDay = true;
  // a visit closed by the sweep: left at its window's end, no exit
  if (booking?.exitUnrecorded === true && visit.checkedOutAt !== undefined && passages.at(-1)?.direction !== 'exit') out.exitUnrecorded = true;
  out.todayState =
    visit.checkedOutAt !== undefined && out.exitUnrecorded === true ? 'out' : day ? todayStateIn(passages, day) : todayStateOf(passages, now, timeZone);
  return out;
}

/** The visit with its passages, today's state, whether it spans days and whether the sweep closed it. */
export function withVisitRecord(db: KioskDb, visit: Visit, now: Date, timeZone: string): Visit {
  const booking = visit.bookingId !== undefined ? getBooking(db, visit.bookingId) : undefined;
  return recordOf(visit, booking, passagesOfVisit(db, visit), now, timeZone);
}

/**
 * A visit and its booking as the end-of-window sweep (sweepEndedVisits, same conditions) leaves them, without
 * writing: the list only reads, and shows a window that ended since the last sweep as the sweep will record it.
 */
export function asSwept(visit: Visit, booking: DayBooking | undefined, nowIso: string): { visit: Visit; booking: DayBooking | undefined } {
  if (!booking || visit.checkedOutAt !== undefined) return { visit, booking };
  const end = booking.windowEnd; // the bookings table's window_end column, as sweepEndedVisits compares it
  if (end > nowIso || (booking.status !== 'arrived' && booking.exitUnrecorded !== true)) return { visit, booking };
  const swept = booking.status === 'arrived' ? { ...booking, status: 'left' as const, leftAt: end, exitUnrecorded: true as const } : booking;
  return { visit: { ...visit, checkedOutAt: end }, booking: swept };
}
