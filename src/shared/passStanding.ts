/**
 * Whether a pass whose token verifies (signature, key, site, window) lets its holder through *now*: one rule
 * for the cloud's /passes/verify and the kiosk's offline pass.verify, each feeding it what it knows.
 *
 * - approved: through (the visitor may go to check in / the gate);
 * - arrived: through (the visitor is inside and moves between gates);
 * - left: not through. A booking is one visit (a visitor who signed out is not checked in again on it, see
 *   checkInRefusal); a multi-day visit that allows re-entry would say so here, in one place;
 * - pending, rejected, cancelled, expired: not through;
 * - a revoked pass: not through, whatever its booking says;
 * - a pass with no booking (a walk-in's): through unless revoked.
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
  /** the pass names a booking */
  hasBooking: boolean;
  /** that booking's status as the verifier knows it; undefined when the verifier does not know the booking */
  bookingStatus?: BookingStatus | undefined;
}

const REFUSED_BY_STATUS: Partial<Record<BookingStatus, PassRefusal>> = {
  pending: 'booking_pending',
  rejected: 'booking_rejected',
  cancelled: 'booking_cancelled',
  expired: 'booking_expired',
  left: 'visitor_left',
};

export function passStanding(facts: PassFacts): PassStanding {
  if (facts.revoked) return { valid: false, reason: 'pass_revoked' };
  if (!facts.hasBooking) return { valid: true };
  if (facts.bookingStatus === undefined) return { valid: false, reason: 'booking_unknown' };
  const refusal = REFUSED_BY_STATUS[facts.bookingStatus];
  return refusal === undefined ? { valid: true } : { valid: false, reason: refusal };
}
