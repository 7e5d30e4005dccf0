/**
 * Today's visits at this kiosk (site day), kept between calls (issue 12: every desk look-up p99 ≤ 2 ms). The desk asks
 * at every event and every few seconds; most often nothing changed, sometimes one visitor checked in or out.
 * - Nothing written since the last read (SQLite's total_changes on the core's one connection): the kept list.
 * - Something written: per-connection TEMP triggers have noted which visits the writes touched (a visit inserted or
 *   updated, a booking's or a command's visits), so only those are read again (`dayVisitsAmong`) and put in place;
 *   a write that touched no visit (sync state, settings, a booking nobody visited) costs nothing more.
 * - A delete (retention), a command's state (a sync run: the "not yet synced" marks), many touched visits, a new day,
 *   another time zone or an open visit's window ending: the whole list is read again (`visitsOfDay`: two statements
 *   whatever the history).
 * Only reads the day's rows: the end-of-window sweep runs at start, after each sync and on a timer
 * (dataRetention.ts), and a window that ended since is shown as the sweep will leave it. The visits answered are
 * shared with later calls: read them, never change them.
 */
import type { Visit } from '../../shared/domain';
import { addDays, localDate, startOfLocalDay } from '../../shared/siteDay';
import type { KioskDb } from './db/openDb';
import { dayVisitsAmong, visitsOfDay, type DayVisit } from './db/visitsStore';
import { asSwept, commandsOfBookings, passagesFrom, recordOf, type DayBounds } from './visitRecords';

/** The list last read for a database, and until when it holds. */
interface TodayList {
  changes: number;
  timeZone: string;
  from: string;
  to: string;
  /** the latest `now` it was read or brought up to date at, and the first instant at which a window's end changes it */
  readAt: string;
  validUntil: string;
  visits: readonly Visit[];
}

const todayLists = new WeakMap<KioskDb, TodayList>();

/** more touched visits than this: one read of the whole day is cheaper than finding each */
const MAX_TOUCHED = 64;
/** the mark of a write whose visits are not worth finding (deletes, command states): read the whole day again */
const ALL = '*';

/**
 * The connection's notes of touched visits: a TEMP table and TEMP triggers (this connection only, never in the file,
 * so no migration), created at the first call. Each trigger is one insert (a booking's visits by visits.booking_id's
 * index). No unique key: an upsert's conflict policy would override the triggers' own (OR IGNORE) and fail the write,
 * so a visit may be noted twice and is read once (DISTINCT).
 */
const TOUCH_NOTES = `
  CREATE TEMP TABLE IF NOT EXISTS today_touched (id TEXT NOT NULL);
  CREATE TEMP TRIGGER IF NOT EXISTS today_visit_in AFTER INSERT ON main.visits
    BEGIN INSERT INTO today_touched VALUES (new.id); END;
  CREATE TEMP TRIGGER IF NOT EXISTS today_visit_up AFTER UPDATE ON main.visits
    BEGIN INSERT INTO today_touched VALUES (new.id); END;
  CREATE TEMP TRIGGER IF NOT EXISTS today_visit_out AFTER DELETE ON main.visits
    BEGIN INSERT INTO today_touched VALUES ('${ALL}'); END;
  CREATE TEMP TRIGGER IF NOT EXISTS today_booking_in AFTER INSERT ON main.bookings
    BEGIN INSERT INTO today_touched SELECT id FROM main.visits WHERE booking_id = new.id; END;
  CREATE TEMP TRIGGER IF NOT EXISTS today_booking_up AFTER UPDATE ON main.bookings
    BEGIN INSERT INTO today_touched SELECT id FROM main.visits WHERE booking_id IN (old.id, new.id); END;
  CREATE TEMP TRIGGER IF NOT EXISTS today_booking_out AFTER DELETE ON main.bookings
    BEGIN INSERT INTO today_touched VALUES ('${ALL}'); END;
  CREATE TEMP TRIGGER IF NOT EXISTS today_command_in AFTER INSERT ON main.outbox WHEN new.booking_id IS NOT NULL
    BEGIN INSERT INTO today_touched SELECT id FROM main.visits WHERE booking_id = new.booking_id; END;
  CREATE TEMP TRIGGER IF NOT EXISTS today_command_state AFTER UPDATE OF state, booking_id ON main.outbox
    WHEN old.state IS NOT new.state OR old.booking_id IS NOT new.booking_id
    BEGIN INSERT INTO today_touched VALUES ('${ALL}'); END;
  CREATE TEMP TRIGGER IF NOT EXISTS today_command_out AFTER DELETE ON main.outbox
    BEGIN INSERT INTO today_touched VALUES ('${ALL}'); END;`;

const noted = new WeakSet<KioskDb>();

/** Rows changed on this connection since it opened (every write of the core goes through its one connection). */
const changesOf = (db: KioskDb): number => (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;

/** The touched visits noted since the last call, forgotten as they are read; ALL among them when any write asks so. */
function takeTouched(db: KioskDb): string[] {
  const ids = db
    .prepare('SELECT DISTINCT id FROM temp.today_touched LIMIT ?')
    .pluck()
    .all(MAX_TOUCHED + 1) as string[];
  db.prepare('DELETE FROM temp.today_touched').run();
  return ids.length > MAX_TOUCHED ? [ALL] : ids;
}

/** Each row made into its record (shared, frozen); `validUntil` moved to the earliest open window's end among them. */
function recordsOf(
  db: KioskDb,
  rows: readonly DayVisit[],
  now: Date,
  timeZone: string,
  day: DayBounds,
  until: string,
): { visits: Visit[]; validUntil: string } {
  const nowIso = now.toISOString();
  const bookingIds = [...new Set(rows.flatMap((r) => (r.visit.bookingId !== undefined ? [r.visit.bookingId] : [])))];
  const commands = commandsOfBookings(db, bookingIds);
  let validUntil = until;
  const visits = rows.map((r) => {
    const { visit, booking } = asSwept(r.visit, r.booking, nowIso);
    if (booking && visit.checkedOutAt === undefined && booking.windowEnd > nowIso && booking.windowEnd < validUntil) validUntil = booking.windowEnd;
    const passages = passagesFrom(visit, r.checkinCommandId, visit.bookingId !== undefined ? (commands.get(visit.bookingId) ?? []) : []);
    return Object.freeze(recordOf(visit, booking, passages, now, timeZone, day));
  });
  return { visits, validUntil };
}

const byCheckIn = (a: Visit, b: Visit): number =>
  a.checkedInAt < b.checkedInAt ? -1 : a.checkedInAt > b.checkedInAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/**
 * Today's visits at this kiosk (site day): those checked in today, and those checked in on an earlier day whose
 * window covers today and that were not ended before today (a multi-day visit's later days), each with its record,
 * by check-in time then id.
 */
export function visitsOfToday(db: KioskDb, now: Date, timeZone: string): Visit[] {
  if (!noted.has(db)) {
    db.exec(TOUCH_NOTES);
    noted.add(db);
  }
  const today = localDate(now, timeZone);
  const from = startOfLocalDay(today, timeZone).toISOString();
  const nowIso = now.toISOString();
  const kept = todayLists.get(db);
  const current = kept && kept.timeZone === timeZone && kept.from === from && kept.readAt <= nowIso && nowIso < kept.validUntil ? kept : undefined;
  const changes = changesOf(db);
  if (current && current.changes === changes) return [...current.visits];

  const touched = takeTouched(db);
  if (current && touched.length === 0) {
    todayLists.set(db, { ...current, changes: changesOf(db) });
    return [...current.visits];
  }
  if (current && !touched.includes(ALL)) {
    const day = { from: Date.parse(current.from), to: Date.parse(current.to) };
    const again = recordsOf(db, dayVisitsAmong(db, touched, current.from, current.to), now, timeZone, day, current.validUntil);
    const gone = new Set(touched);
    const visits = [...current.visits.filter((v) => !gone.has(v.id)), ...again.visits].sort(byCheckIn);
    todayLists.set(db, { ...current, changes: changesOf(db), readAt: nowIso, validUntil: again.validUntil, visits });
    return [...visits];
  }

  const to = startOfLocalDay(addDays(today, 1), timeZone).toISOString();
  const day = { from: Date.parse(from), to: Date.parse(to) };
  const { visits, validUntil } = recordsOf(db, visitsOfDay(db, from, to), now, timeZone, day, to);
  todayLists.set(db, { changes: changesOf(db), timeZone, from, to, readAt: nowIso, validUntil, visits });
  return [...visits];
}
