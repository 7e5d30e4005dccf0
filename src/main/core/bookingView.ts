/**
 * What the kiosk may show of a booking (BookingView): phone and ID numbers masked, the host's name and
 * department, and whether check-in is possible now and if not, why (a message key).
 */
import { CheckInRefusal } from '../../shared/errorCodes';
import { BookingView, visitOpensAt, type Booking, type Host, type StaffWarning } from '../../shared/domain';
import { maskIdNumber, maskPhone } from '../../shared/mask';
import { DEFAULT_TIMEZONE } from '../../shared/siteDay';
import { mayEnterAgain } from '../../shared/visitDays';

export { CheckInRefusal };

export const refusalMessages: Record<CheckInRefusal, string> = {
  not_approved: 'the booking is not approved yet',
  rejected: 'the booking was rejected',
  cancelled: 'the booking was cancelled',
  already_arrived: 'the visitor has already checked in',
  too_early: 'too early: check-in opens at the visit window’s start (less the site’s early-arrival allowance)',
  window_closed: 'the visit window has closed',
  blacklisted: 'this visitor may not be checked in here; please see the front desk',
};

/**
 * null when check-in is allowed now. `blacklisted` is computed by the caller (it needs the local blacklist);
 * `earlyArrivalMinutes` is the site's allowance (visitOpensAt: the cloud applies the same rule to check-in commands).
 */
export function checkInRefusal(booking: Booking, now: Date, blacklisted: boolean, earlyArrivalMinutes = 0, timeZone = DEFAULT_TIMEZONE): CheckInRefusal | null {
  switch (booking.status) {
    case 'pending':
      return 'not_approved';
    case 'returned':
      // never pulled (the cloud tells kiosks it is pending: src/shared/bookingStates.ts kioskStatus); not approved either
      return 'not_approved';
    case 'rejected':
      return 'rejected';
    case 'cancelled':
      return 'cancelled';
    case 'arrived':
      // a multi-day visit: a later check-in is one more entry while the window lasts (src/shared/visitDays.ts)
      if (!mayEnterAgain(booking, now, timeZone)) return 'already_arrived';
      break;
    case 'left':
      return 'already_arrived';
    case 'expired':
      return 'window_closed';
    case 'approved':
      break;
  }
  const t = now.getTime();
  if (t < visitOpensAt(booking.windowStart, earlyArrivalMinutes)) return 'too_early';
  if (t > Date.parse(booking.windowEnd)) return 'window_closed';
  if (blacklisted) return 'blacklisted';
  return null;
}

/** `staffWarnings`: the blacklist hits, for the staff only (BookingView.staffWarnings); none: the field is absent. */
export function toBookingView(
  booking: Booking,
  host: Host | undefined,
  refusal: CheckInRefusal | null,
  staffWarnings: readonly StaffWarning[] = [],
): BookingView {
  const view: BookingView = {
    id: booking.id,
    code: booking.code,
    status: booking.status,
    source: booking.source,
    visitorName: booking.visitor.name,
    visitorPhoneMasked: maskPhone(booking.visitor.phone),
    companions: booking.companions.map((c) => (c.phone ? { name: c.name, phoneMasked: maskPhone(c.phone) } : { name: c.name })),
    groupSize: booking.groupSize,
    hostId: booking.hostId,
    hostName: host?.name ?? '',
    hostDepartment: host?.department ?? '',
    hostPhoneMasked: host ? maskPhone(host.phone) : '',
    reason: booking.reason,
    windowStart: booking.windowStart,
    windowEnd: booking.windowEnd,
    checkIn: refusal === null ? { allowed: true } : { allowed: false, reason: refusal },
  };
  if (booking.visitor.idNumber) view.visitorIdMasked = maskIdNumber(booking.visitor.idNumber);
  if (booking.visitor.company) view.company = booking.visitor.company;
  if (booking.area) view.area = booking.area;
  if (booking.arrivedAt) view.arrivedAt = booking.arrivedAt;
  if (staffWarnings.length > 0) view.staffWarnings = [...staffWarnings];
  return BookingView.parse(view);
}
