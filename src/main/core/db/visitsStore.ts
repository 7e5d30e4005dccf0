/** Visits recorded at this kiosk, with the pass issued for each. */
import { Visit, type Booking } from '../../../shared/domain';
import { rawRows, type KioskDb } from './openDb';

export interface StoredVisit {
  visit: Omit<Visit, 'synced'>;
  passToken: string;
  checkinCommandId?: string;
  checkoutCommandId?: string;
}

interface VisitRow {
  id: string;
  kiosk_id: string;
  booking_id: string | null;
  visitor_name: string;
  visitor_phone_masked: string;
  host_name: string;
  temperature_c: number | null;
  checked_in_at: string;
  checked_out_at: string | null;
  pass_id: string;
  pass_token: string;
  checkin_command_id: string | null;
  checkout_command_id: string | null;
  unsynced: number;
}

const SELECT_VISIT = `SELECT v.*, (SELECT count(*) FROM outbox o WHERE o.id IN (v.checkin_command_id, v.checkout_command_id) AND o.state = 'pending') AS unsynced FROM visits v`;

/** The visit of a row: validated (Visit.parse) unless `trusted` (a list that reads many: the row holds what insertVisit wrote). */
function toVisit(row: VisitRow, trusted = false): { visit: Visit; passToken: string } {
  const visit: Visit = {
    id: row.id,
    kioskId: row.kiosk_id,
    visitorName: row.visitor_name,
    visitorPhoneMasked: row.visitor_phone_masked,
    hostName: row.host_name,
    checkedInAt: row.checked_in_at,
    passId: row.pass_id,
    synced: row.unsynced === 0,
  };
  if (row.booking_id !== null) visit.bookingId = row.booking_id;
  if (row.temperature_c !== null) visit.temperatureC = row.temperature_c;
  if (row.checked_out_at !== null) visit.checkedOutAt = row.checked_out_at;
  return { visit: trusted ? visit : Visit.parse(visit), passToken: row.pass_token };
}

export function insertVisit(db: KioskDb, v: StoredVisit): void {
  db.prepare(
    `INSERT INTO visits (id, kiosk_id, booking_id, visitor_name, visitor_phone_masked, host_name, temperature_c, checked_in_at,
       checked_out_at, pass_id, pass_token, checkin_command_id, checkout_command_id)
     VALUES (@id, @kioskId, @bookingId, @visitorName, @visitorPhoneMasked, @hostName, @temperatureC, @checkedInAt,
       @checkedOutAt, @passId, @passToken, @checkinCommandId, @checkoutCommandId)`,
  ).run({
    id: v.visit.id,
    kioskId: v.visit.kioskId,
    bookingId: v.visit.bookingId ?? null,
    visitorName: v.visit.visitorName,
    visitorPhoneMasked: v.visit.visitorPhoneMasked,
    hostName: v.visit.hostName,
    temperatureC: v.visit.temperatureC ?? null,
    checkedInAt: v.visit.checkedInAt,
    checkedOutAt: v.visit.checkedOutAt ?? null,
    passId: v.visit.passId,
    passToken: v.passToken,
    checkinCommandId: v.checkinCommandId ?? null,
    checkoutCommandId: v.checkoutCommandId ?? null,
  });
}

export function getVisit(db: KioskDb, id: string): { visit: Visit; passToken: string } | undefined {
  const row = db.prepare(`${SELECT_VISIT} WHERE v.id = ?`).get(id) as VisitRow | undefined;
  return row ? toVisit(row) : undefined;
}

/** The latest visit still inside for a booking (a cloud-issued pass names the booking, not the visit). */
export function openVisitForBooking(db: KioskDb, bookingId: string): Visit | undefined {
  const row = db.prepare(`${SELECT_VISIT} WHERE v.booking_id = ? AND v.checked_out_at IS NULL ORDER BY v.checked_in_at DESC LIMIT 1`).get(bookingId) as
    VisitRow | undefined;
  return row ? toVisit(row).visit : undefined;
}

export function visitsCheckedInBetween(db: KioskDb, from: string, to: string): Visit[] {
  const rows = db.prepare(`${SELECT_VISIT} WHERE v.checked_in_at >= ? AND v.checked_in_at < ? ORDER BY v.checked_in_at`).all(from, to) as VisitRow[];
  return rows.map((r) => toVisit(r).visit);
}

/** What today's list reads of a visit's booking: its window (as the bookings table holds it), status, and whether the sweep closed it. */
export type DayBooking = Pick<Booking, 'id' | 'windowStart' | 'windowEnd' | 'status' | 'exitUnrecorded'>;

export interface DayVisit {
  visit: Visit;
  checkinCommandId: string | undefined;
  /** its booking, when it has one held here */
  booking: DayBooking | undefined;
}

/** The columns of a day's visit and its booking, in the order dayVisitOf reads them (raw rows: no object per row). */
const DAY_COLUMNS = `v.id, v.kiosk_id, v.booking_id, v.visitor_name, v.visitor_phone_masked, v.host_name, v.temperature_c, v.checked_in_at,
  v.checked_out_at, v.pass_id, v.checkin_command_id,
  EXISTS (SELECT 1 FROM outbox o WHERE o.id IN (v.checkin_command_id, v.checkout_command_id) AND o.state = 'pending') AS unsynced,
  b.window_start, b.window_end, b.status, CASE WHEN b.status <> 'arrived' THEN json_extract(b.json, '$.exitUnrecorded') END AS exit_unrecorded`;
const OVERLAPPING = 'JOIN bookings b ON b.id = v.booking_id AND b.window_start < @to AND b.window_end > @from';
const VISITS_OF_DAY = `SELECT ${DAY_COLUMNS} FROM visits v LEFT JOIN bookings b ON b.id = v.booking_id
   WHERE v.checked_in_at >= @from AND v.checked_in_at < @to
 UNION ALL
 SELECT ${DAY_COLUMNS} FROM visits v INDEXED BY visits_open_on_booking ${OVERLAPPING}
  WHERE v.checked_out_at IS NULL AND v.booking_id IS NOT NULL AND v.checked_in_at < @from
 UNION ALL
 SELECT ${DAY_COLUMNS} FROM visits v INDEXED BY visits_closed_on_booking ${OVERLAPPING}
  WHERE v.checked_out_at IS NOT NULL AND v.checked_out_at >= @from AND v.booking_id IS NOT NULL AND v.checked_in_at < @from
 ORDER BY 8, 1`;

type DayRow = [
  id: string,
  kioskId: string,
  bookingId: string | null,
  visitorName: string,
  phoneMasked: string,
  hostName: string,
  temperatureC: number | null,
  checkedInAt: string,
  checkedOutAt: string | null,
  passId: string,
  checkinCommandId: string | null,
  unsynced: number,
  windowStart: string | null,
  windowEnd: string | null,
  status: Booking['status'] | null,
  exitUnrecorded: number | null,
];

function dayVisitOf(r: DayRow): DayVisit {
  const [id, kioskId, bookingId, visitorName, visitorPhoneMasked, hostName, temperatureC, checkedInAt, checkedOutAt, passId] = r;
  const visit: Visit = { id, kioskId, visitorName, visitorPhoneMasked, hostName, checkedInAt, passId, synced: r[11] === 0 };
  if (bookingId !== null) visit.bookingId = bookingId;
  if (temperatureC !== null) visit.temperatureC = temperatureC;
  if (checkedOutAt !== null) visit.checkedOutAt = checkedOutAt;
  const [windowStart, windowEnd, status] = [r[12], r[13], r[14]];
  const booking: DayBooking | undefined =
    bookingId !== null && windowStart !== null && windowEnd !== null && status !== null
      ? { id: bookingId, windowStart, windowEnd, status, ...(r[15] === 1 ? { exitUnrecorded: true as const } : {}) }
      : undefined;
  return { visit, checkinCommandId: r[10] ?? undefined, booking };
}

/**
 * The visits of a day [from, to) (issue 12), each with its booking's window and status: those checked in during it,
 * and those checked in before it on a booking whose window overlaps it that are still open or were closed since it
 * began (a multi-day visit's later day). One statement read as raw rows (what insertVisit and upsertBooking wrote, not
 * validated again), through the check-in time's index and the partial indexes of the open (migration 0015) and the
 * closed (0016) booked visits: never every visit of every booking in the day's window. By check-in time, then id.
 */
export function visitsOfDay(db: KioskDb, from: string, to: string): DayVisit[] {
  return (rawRows(db, VISITS_OF_DAY, { from, to }) as DayRow[]).map(dayVisitOf);
}

/**
 * Those of `ids` that are visits of the day [from, to), by the same three conditions as visitsOfDay (checked in during
 * it; or checked in before it on a booking whose window overlaps it, still open or closed since it began): the rows
 * the today list re-reads after a write touched only these visits (../todayVisits.ts). Through the primary key.
 */
export function dayVisitsAmong(db: KioskDb, ids: readonly string[], from: string, to: string): DayVisit[] {
  return (rawRows(db, DAY_VISITS_AMONG, { ids: JSON.stringify(ids), from, to }) as DayRow[]).map(dayVisitOf);
}
const DAY_VISITS_AMONG = `SELECT ${DAY_COLUMNS} FROM visits v LEFT JOIN bookings b ON b.id = v.booking_id
  WHERE v.id IN (SELECT value FROM json_each(@ids))
    AND ((v.checked_in_at >= @from AND v.checked_in_at < @to)
      OR (v.booking_id IS NOT NULL AND v.checked_in_at < @from AND b.window_start < @to AND b.window_end > @from
          AND (v.checked_out_at IS NULL OR v.checked_out_at >= @from)))`;

export function recordCheckout(db: KioskDb, visitId: string, at: string, commandId: string): void {
  db.prepare('UPDATE visits SET checked_out_at = ?, checkout_command_id = ? WHERE id = ? AND checked_out_at IS NULL').run(at, commandId, visitId);
}
