/**
 * A walk-in withdrawn at the desk (`cancelWalkIn`, src/shared/sync.ts): the visitor gave up waiting for the host. Applied
 * inside the command's transaction (kioskCommands.ts: once per command id). Only the kiosk that registered the walk-in
 * may withdraw it (`walk_in_other_kiosk`), only its main bill names it (a sub-bill or a booking of another source or
 * site: `booking_unknown`). The main bill and each sub-bill still pending or approved become cancelled, recorded in
 * approvals and the audit log like a host's cancel; a host deciding afterwards is refused (booking_not_pending). A walk-in
 * already cancelled (by its host, or an earlier withdrawal) is applied with `already_cancelled`; one rejected,
 * expired or already arrived (the desk's offline rule let the visitor in) is a conflict for staff, changing nothing.
 */
import type { Transaction } from 'kysely';
import type { BookingStatus } from '../../shared/domain';
import type { SignedCommand } from '../../shared/sync';
import { newId } from '../../platform/secrets';
import { actorOf, type KioskPrincipal } from '../auth';
import { nextChangeSeq } from '../db/changeSeq';
import type { BookingsTable, CloudSchema } from '../db/schema';
import { findWalkInRegistrar } from '../repositories/appliedCommands';
import { insertApproval } from '../repositories/approvals';
import { writeAudit } from '../repositories/audit';
import { findBookingOfSite, listSubBookings, moveBookingStatus } from '../repositories/bookings';
import { getBookingRow, toKioskBooking } from './bookingRecords';
import type { WalkInOutcome } from './walkIns';

type Trx = Transaction<CloudSchema>;
export type CancelWalkInCommand = Extract<SignedCommand, { kind: 'cancelWalkIn' }>;

/** the statuses a withdrawal cancels */
const WITHDRAWABLE: readonly BookingStatus[] = ['pending', 'approved'];

const NOT_WITHDRAWABLE: Partial<Record<BookingStatus, { code: 'booking_rejected' | 'booking_expired' | 'already_arrived'; message: string }>> = {
  rejected: { code: 'booking_rejected', message: 'the host rejected the walk-in before it was withdrawn' },
  expired: { code: 'booking_expired', message: 'the walk-in’s window closed before it was withdrawn' },
  arrived: { code: 'already_arrived', message: 'the walk-in’s visitor was checked in before it was withdrawn' },
  left: { code: 'already_arrived', message: 'the walk-in’s visitor came and left before it was withdrawn' },
};

async function cancelOne(trx: Trx, kiosk: KioskPrincipal, row: BookingsTable, at: Date, mainBookingId: string | null): Promise<void> {
  const nowIso = at.toISOString();
  const updated = await moveBookingStatus(trx, row.id, row.status, 'cancel', { updated_at: nowIso, change_seq: await nextChangeSeq(trx) });
  if (updated !== 1) throw new Error('booking changed during a walk-in withdrawal');
  const actor = actorOf(kiosk);
  await insertApproval(trx, {
    id: newId('apr'),
    booking_id: row.id,
    action: 'cancel',
    from_status: row.status,
    to_status: 'cancelled',
    reason: 'withdrawn at the desk',
    actor,
    at: nowIso,
  });
  await writeAudit(trx, {
    at,
    actor,
    action: 'booking.cancel',
    subject: row.id,
    detail: { reason: 'withdrawn at the desk', ...(mainBookingId !== null ? { mainBookingId } : {}) },
  });
}

export async function applyCancelWalkIn(trx: Trx, kiosk: KioskPrincipal, cmd: CancelWalkInCommand, now: Date): Promise<WalkInOutcome> {
  const { bookingId } = cmd.payload;
  const row = await findBookingOfSite(trx, bookingId, kiosk.siteId);
  if (!row || row.source !== 'walk_in' || row.main_booking_id !== null) {
    return { status: 'rejected', code: 'booking_unknown', message: `no walk-in main bill ${bookingId} at this site` };
  }
  const registrar = await findWalkInRegistrar(trx, row.id);
  if (registrar !== kiosk.kioskId) {
    return { status: 'rejected', code: 'walk_in_other_kiosk', message: 'another kiosk registered this walk-in: only it may withdraw it' };
  }
  if (row.status === 'cancelled')
    return { status: 'applied', code: 'already_cancelled', message: 'the walk-in was cancelled already', booking: toKioskBooking(row) };
  const status = row.status as BookingStatus;
  if (!WITHDRAWABLE.includes(status)) {
    const refusal = NOT_WITHDRAWABLE[status] ?? { code: 'booking_state' as const, message: `the walk-in is ${row.status}` };
    return { status: 'conflict', ...refusal, booking: toKioskBooking(row) };
  }
  await cancelOne(trx, kiosk, row, now, null);
  for (const sub of await listSubBookings(trx, row.id)) {
    if (WITHDRAWABLE.includes(sub.status as BookingStatus)) await cancelOne(trx, kiosk, sub, now, row.id);
  }
  return { status: 'applied', booking: toKioskBooking(await getBookingRow(trx, row.id)) };
}
