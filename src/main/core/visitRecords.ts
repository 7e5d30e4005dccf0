/**
 * What the kiosk knows of a visit beyond its row (issue 9 item 7): its entries and exits, each once (by the id of the
 * outbox command that reported it: the check-in, a later day's entry, a gate passage, a sign-out), where its visitor
 * stands today, today's visits including the later days of multi-day visits first checked in before today, and the
 * end-of-window sweep: an arrived visit whose window has ended with no exit recorded becomes left (未登记离开), so it
 * stops showing as on site. The cloud runs the same sweep on its own (src/cloud/services/visitSweep.ts).
 */
import type { Visit } from '../../shared/domain';
import { addDays, localDate, startOfLocalDay } from '../../shared/siteDay';
import { isMultiDayWindow } from '../../shared/visitDays';
import { getBooking } from './db/bookingsStore';
import type { KioskDb } from './db/openDb';
import { getVisit } from './db/visitsStore';

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

interface CommandRow {
  id: string;
  kind: string;
  payload: string;
  at: string;
}

/** The visit's entries and exits, oldest first: its check-in, then the passages and sign-outs of its booking made here. */
export function passagesOfVisit(db: KioskDb, visit: Visit): Passage[] {
  const ids = db.prepare('SELECT checkin_command_id AS checkin FROM visits WHERE id = ?').get(visit.id) as { checkin: string | null } | undefined;
  const first: Passage = { id: ids?.checkin ?? visit.id, direction: 'entry', at: visit.checkedInAt };
  if (visit.bookingId === undefined) return [first];
  const rows = db
    .prepare(`SELECT id, kind, payload, at FROM outbox WHERE booking_id = ? AND kind IN ('passage', 'checkout') ORDER BY at, seq`)
    .all(visit.bookingId) as CommandRow[];
  const later = rows.flatMap((r): Passage[] => {
    if (r.kind === 'checkout') return [{ id: r.id, direction: 'exit', at: r.at }];
    const direction = (JSON.parse(r.payload) as { direction?: unknown }).direction;
    return direction === 'entry' || direction === 'exit' ? [{ id: r.id, direction, at: r.at }] : [];
  });
  return [first, ...later.filter((p) => Date.parse(p.at) >= Date.parse(first.at))];
}

/** in after the last of today's passages is an entry, out after an exit, none when the visitor has not come today. */
export function todayStateOf(passages: readonly Passage[], now: Date, timeZone: string): TodayState {
  const today = localDate(now, timeZone);
  const last = passages.filter((p) => localDate(p.at, timeZone) === today).at(-1);
  return last === undefined ? 'none' : last.direction === 'entry' ? 'in' : 'out';
}

/** The visit with its passages, today's state, whether it spans days and whether the sweep closed it. */
export function withVisitRecord(db: KioskDb, visit: Visit, now: Date, timeZone: string): Visit {
  const booking = visit.bookingId !== undefined ? getBooking(db, visit.bookingId) : undefined;
  const passages = passagesOfVisit(db, visit);
  const out: Visit = { ...visit, passages };
  if (booking && isMultiDayWindow(booking, timeZone)) out.multiDay = true;
  // a visit closed by the sweep: left at its window's end, no exit
  if (booking?.exitUnrecorded === true && visit.checkedOutAt !== undefined && passages.at(-1)?.direction !== 'exit') out.exitUnrecorded = true;
  out.todayState = visit.checkedOutAt !== undefined && out.exitUnrecorded === true ? 'out' : todayStateOf(passages, now, timeZone);
  return out;
}

/**
 * Today's visits at this kiosk (site day): those checked in today, and those checked in on an earlier day whose
 * window covers today and that were not ended before today (a multi-day visit's later days), each with its record.
 */
export function visitsOfToday(db: KioskDb, now: Date, timeZone: string): Visit[] {
  sweepEndedVisits(db, now);
  const today = localDate(now, timeZone);
  const from = startOfLocalDay(today, timeZone).toISOString();
  const to = startOfLocalDay(addDays(today, 1), timeZone).toISOString();
  const rows = db
    .prepare(
      `SELECT v.id FROM visits v WHERE v.checked_in_at >= @from AND v.checked_in_at < @to
       UNION
       SELECT v.id FROM bookings b CROSS JOIN visits v ON v.booking_id = b.id
        WHERE b.window_start < @to AND b.window_end > @from AND v.checked_in_at < @from
          AND (v.checked_out_at IS NULL OR v.checked_out_at >= @from)`,
    )
    .all({ from, to }) as { id: string }[]; // from the bookings of today's window (CROSS JOIN keeps that order), not all visits
  return rows
    .map((r) => getVisit(db, r.id)?.visit)
    .filter((v): v is Visit => v !== undefined)
    .map((v) => withVisitRecord(db, v, now, timeZone))
    .sort((a, b) => a.checkedInAt.localeCompare(b.checkedInAt));
}
