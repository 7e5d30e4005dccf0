/**
 * Whether a pass whose token verifies (signature, key, site, window) lets its holder through *now*: one rule
 * for the cloud's /passes/verify and the kiosk's offline pass.verify, each feeding it what it knows.
 *
 * - approved: through (the visitor may go to check in / the gate);
 * - arrived: through (the visitor is inside and moves between gates);
 * - left: not through. A one-day visit ends at its sign-out; a multi-day visit stays arrived across its days' exits
 *   and is left only when staff end it (src/shared/visitDays.ts), so its holder goes in and out every day;
 * - pending, rejected, cancelled, expired: not through;
 * - a revoked pass: not through, whatever its booking says;
 * - a pass whose booking the verifier cannot find: not through (booking_unknown). Every pass belongs to a booking
 *   today (a kiosk signs one only at a booked check-in, the cloud only for an approved booking); a compact kiosk pass
 *   names only its visit, and a verifier that cannot tie that visit to a booking fails closed. Walk-in passes will
 *   bring their own record (and their own rule here).
 */
import { z } from 'zod';
import type { BookingStatus } from './domain';

export const PassRefusal = z.enum([
  'pass_revoked',
  'booking_unknown',
  'booking_pending',
  'booking_rejected',
  'booking_cancelled',
  'booking_expired',
  'visitor_left',
]);
export type PassRefusal = z.infer<typeof PassRefusal>;

export type PassStanding = { valid: true } | { valid: false; reason: PassRefusal };

export interface PassFacts {
  /** the pass id is on the revocation list */
  revoked: boolean;
  /** the status of the pass's booking as the verifier knows it; undefined when it cannot find that booking */
  bookingStatus?: BookingStatus | undefined;
}

const REFUSED_BY_STATUS: Partial<Record<BookingStatus, PassRefusal>> = {
  pending: 'booking_pending',
  // back with its applicant: waiting, like pending
  returned: 'booking_pending',
  rejected: 'booking_rejected',
  cancelled: 'booking_cancelled',
  expired: 'booking_expired',
  left: 'visitor_left',
};

export function passStanding(facts: PassFacts): PassStanding {
  if (facts.revoked) return { valid: false, reason: 'pass_revoked' };
  if (facts.bookingStatus === undefined) return { valid: false, reason: 'booking_unknown' };
  const refusal = REFUSED_BY_STATUS[facts.bookingStatus];
  return refusal === undefined ? { valid: true } : { valid: false, reason: refusal };
}
