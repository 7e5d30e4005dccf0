/**
 * The people of a booking as the desk's check-in sees them (issue 9): their blacklist hits, for the staff only, and
 * what a booked visit records of its visitor so that "访客最后来访" finds people who came with a booking — the ID
 * number and phone keys (SHA-256, src/shared/blacklistKey.ts: never the numbers in an index) and the reusable fields.
 */
import { blacklistKeysOf } from '../../shared/blacklistKey';
import type { Booking, StaffWarning } from '../../shared/domain';
import { normalizeIdNumber } from '../../shared/idNumber';
import type { BlacklistEntry } from '../../shared/sync';
import { reportBlacklistRefusal, type BlacklistReportDeps } from './blacklistReport';
import { maskIdNumber, maskName } from '../../shared/mask';
import { getBooking } from './db/bookingsStore';
import type { KioskDb } from './db/openDb';
import { activeBlacklistEntriesFor, recordVisitPerson } from './db/walkInStore';

/** The people of a booking with their active blacklist entries: the visitor ('lead') and companions (by index). */
function bookingHits(db: KioskDb, booking: Booking): { person: StaffWarning['person']; name: string; entry: BlacklistEntry }[] {
  const people = [
    { person: 'lead' as const, name: booking.visitor.name, idNumber: booking.visitor.idNumber, phone: booking.visitor.phone },
    ...booking.companions.map((c, i) => ({ person: i, name: c.name, idNumber: c.idNumber, phone: c.phone })),
  ];
  return people.flatMap((p) => activeBlacklistEntriesFor(db, blacklistKeysOf(p)).map((entry) => ({ person: p.person, name: p.name, entry })));
}

/** The blacklist hits of the booking's visitor ('lead') and companions (by index), as the staff see them. */
export function bookingStaffWarnings(db: KioskDb, booking: Booking): StaffWarning[] {
  return bookingHits(db, booking).map((h) => ({ person: h.person, nameMasked: maskName(h.name), level: h.entry.level, reason: h.entry.reason }));
}

/** The booking's `refuse` entries with the masked name of whom they matched: what the cloud is told (blacklistReport.ts). */
export function bookingRefusingEntries(db: KioskDb, booking: Booking): { entryId: string; nameMasked: string }[] {
  return bookingHits(db, booking)
    .filter((h) => h.entry.level === 'refuse')
    .map((h) => ({ entryId: h.entry.id, nameMasked: maskName(h.name) }));
}

/** The person in front of the kiosk was refused by the blacklist at check-in: the cloud is told, once a day. */
export function reportBookingRefusal(deps: BlacklistReportDeps, booking: Booking): void {
  void reportBlacklistRefusal(deps, () => ({ context: 'checkin', bookingId: booking.id, hits: bookingRefusingEntries(deps.db, booking) }));
}

const present = (x: string | undefined): x is string => x !== undefined && x.trim() !== '';

/**
 * The booked visitor's keys as the cloud's visitor library takes them at check-in (kioskCommands.ts applyCheckIn):
 * a companion's sub-bill carries the lead's phone when the companion gave none, which is not this person's phone.
 */
export function bookedPersonKeys(db: KioskDb, booking: Booking): { idKey?: string; phoneKey?: string } {
  const keys = blacklistKeysOf(booking.visitor);
  const main = present(booking.mainBookingId) ? getBooking(db, booking.mainBookingId) : undefined;
  const phoneKey = main && blacklistKeysOf(main.visitor).phoneHash === keys.phoneHash ? undefined : keys.phoneHash;
  return { ...(keys.idNumberHash !== undefined ? { idKey: keys.idNumberHash } : {}), ...(phoneKey !== undefined ? { phoneKey } : {}) };
}

/** What a booked visit says of its visitor, for "访客最后来访": the number keys (never the numbers) and reusable fields. */
export function recordBookedVisitPerson(db: KioskDb, visitId: string, booking: Booking): void {
  const v = booking.visitor;
  recordVisitPerson(
    db,
    visitId,
    {
      ...bookedPersonKeys(db, booking),
      ...(present(v.idNumber) ? { idMasked: maskIdNumber(normalizeIdNumber(v.idNumber)) } : {}),
      ...(present(v.company) ? { company: v.company } : {}),
      ...(present(v.title) ? { title: v.title } : {}),
      hostId: booking.hostId,
      reason: booking.reason,
      ...(present(booking.visitType) ? { visitType: booking.visitType } : {}),
      ...(present(booking.area) ? { area: booking.area } : {}),
      ...(present(v.plate) ? { plate: v.plate } : {}),
      ...(present(booking.mainBookingId) ? { mainBookingId: booking.mainBookingId } : {}),
    },
    { walkIn: false },
  );
}
