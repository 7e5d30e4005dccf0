/** Local copies of bookings: the full record as JSON plus the columns the kiosk searches by. */
import { Booking } from '../../../shared/domain';
import type { KioskDb } from './openDb';

interface BookingRow {
  json: string;
}

const parseRow = (row: BookingRow): Booking => Booking.parse(JSON.parse(row.json));

export function upsertBooking(db: KioskDb, input: Booking): void {
  const booking = Booking.parse(input);
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
}

export function getBooking(db: KioskDb, id: string): Booking | undefined {
  const row = db.prepare('SELECT json FROM bookings WHERE id = ?').get(id) as BookingRow | undefined;
  return row ? parseRow(row) : undefined;
}

/** The bookings with these ids (one statement), by id; ids not held are absent. */
export function bookingsByIds(db: KioskDb, ids: readonly string[]): Map<string, Booking> {
  if (ids.length === 0) return new Map();
  const rows = db.prepare('SELECT json FROM bookings WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(ids)) as BookingRow[];
  return new Map(rows.map((r) => parseRow(r)).map((b) => [b.id, b]));
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
