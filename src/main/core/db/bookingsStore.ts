/** Local copies of bookings: the full record as JSON plus the columns the kiosk searches by. */
import { Booking, type KioskBooking } from '../../../shared/domain';
import { bookingIdKey } from './bookingIdKey';
import type { KioskDb } from './openDb';

interface BookingRow {
  json: string;
}

const parseRow = (row: BookingRow): Booking => Booking.parse(JSON.parse(row.json));

export function upsertBooking(db: KioskDb, input: Booking): void {
  storeBooking(db, Booking.parse(input));
}

/**
 * upsertBooking for a booking the cloud sent, already parsed by the sync contract's KioskBooking schema (a pulled page
 * is parsed whole when it arrives, cloudClient.ts): a first pull of 10,000 bookings parsed each again here.
 */
export function writeBooking(db: KioskDb, booking: KioskBooking): void {
  storeBooking(db, booking);
}

/** Writes a parsed booking (its row and its ID keys). */
function storeBooking(db: KioskDb, booking: Booking): void {
  db.prepare(
    `INSERT INTO bookings (id, code, visitor_phone, status, host_id, window_start, window_end, updated_at, json)
     VALUES (@id, @code, @phone, @status, @hostId, @windowStart, @windowEnd, @updatedAt, @json)
     ON CONFLICT (id) DO UPDATE SET code = excluded.code, visitor_phone = excluded.visitor_phone, status = excluded.status,
       host_id = excluded.host_id, window_start = excluded.window_start, window_end = excluded.window_end,
       updated_at = excluded.updated_at, json = excluded.json`,
  ).run({
    id: booking.id,
    code: booking.code.toUpperCase(),
    phone: booking.visitor.phone,
    status: booking.status,
    hostId: booking.hostId,
    windowStart: new Date(booking.windowStart).toISOString(),
    windowEnd: new Date(booking.windowEnd).toISOString(),
    updatedAt: booking.updatedAt,
    json: JSON.stringify(booking),
  });
  // the hashed ID numbers of its people (a scanned card's look-up)
  db.prepare('DELETE FROM booking_id_keys WHERE booking_id = ?').run(booking.id);
  const keys = new Set([booking.visitor.idNumber, ...booking.companions.map((c) => c.idNumber)].map(bookingIdKey));
  for (const key of keys) if (key !== undefined) db.prepare('INSERT INTO booking_id_keys (id_key, booking_id) VALUES (?, ?)').run(key, booking.id);
}

/** Bookings whose window touches [from, to] and whose visitor or a companion may hold this ID number (its key). */
export function bookingsInRangeByIdNumber(db: KioskDb, range: { from: string; to: string }, idNumber: string): Booking[] {
  const key = bookingIdKey(idNumber);
  if (key === undefined) return [];
  const rows = db
    .prepare(
      `SELECT b.json FROM booking_id_keys k JOIN bookings b ON b.id = k.booking_id
        WHERE k.id_key = @key AND b.window_end >= @from AND b.window_start <= @to ORDER BY b.window_start`,
    )
    .all({ key, from: range.from, to: range.to }) as BookingRow[];
  return rows.map(parseRow);
}

export function getBooking(db: KioskDb, id: string): Booking | undefined {
  const row = db.prepare('SELECT json FROM bookings WHERE id = ?').get(id) as BookingRow | undefined;
  return row ? parseRow(row) : undefined;
}

/** The booking a visit arrived on, at any kiosk of the site (pulled from the cloud, or checked in here). */
export function bookingArrivedOn(db: KioskDb, visitId: string): Booking | undefined {
  const row = db.prepare(`SELECT json FROM bookings WHERE json_extract(json, '$.arrivedVisitId') = ?`).get(visitId) as BookingRow | undefined;
  return row ? parseRow(row) : undefined;
}

/** Bookings whose window touches [from, to] (ISO instants), optionally narrowed by code or phone. */
export function bookingsInRange(db: KioskDb, range: { from: string; to: string }, by: { code?: string; phone?: string } = {}): Booking[] {
  const where = ['window_end >= @from', 'window_start <= @to'];
  if (by.code !== undefined) where.push('code = @code');
  if (by.phone !== undefined) where.push('visitor_phone = @phone');
  const rows = db
    .prepare(`SELECT json FROM bookings WHERE ${where.join(' AND ')} ORDER BY window_start`)
    .all({ from: range.from, to: range.to, code: by.code?.toUpperCase() ?? null, phone: by.phone ?? null }) as BookingRow[];
  return rows.map(parseRow);
}

export function countBookings(db: KioskDb): number {
  return (db.prepare('SELECT count(*) AS n FROM bookings').get() as { n: number }).n;
}
