/** Visits recorded at this kiosk, with the pass issued for each. */
import { Visit } from '../../../shared/domain';
import type { KioskDb } from './openDb';

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

function toVisit(row: VisitRow): { visit: Visit; passToken: string } {
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
  return { visit: Visit.parse(visit), passToken: row.pass_token };
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

export function recordCheckout(db: KioskDb, visitId: string, at: string, commandId: string): void {
  db.prepare('UPDATE visits SET checked_out_at = ?, checkout_command_id = ? WHERE id = ? AND checked_out_at IS NULL').run(at, commandId, visitId);
}
