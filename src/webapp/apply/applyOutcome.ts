/**
 * What the apply form makes of the cloud's answer (pure: no DOM, no fetch): the receipt shown after an application,
 * anonymous (202, a receipt) or signed in (201, the booking itself, then in "my bookings"), and a signed-in visitor's
 * blacklist refusal (409) as the people it names, masked: the lead visitor or companion i.
 */
import { z } from 'zod';
import type { BookingReceipt } from '../../shared/api';
import type { Booking, BookingStatus } from '../../shared/domain';
import type { ApiError } from '../../shared/sync';

export interface ApplicationReceipt {
  code: string;
  status: BookingStatus;
  windowStart: string;
  windowEnd: string;
  /** a signed-in visitor's booking: its id in "my bookings" */
  bookingId?: string;
}

export const receiptOfAnonymous = (r: BookingReceipt): ApplicationReceipt => ({
  code: r.code,
  status: r.status,
  windowStart: r.windowStart,
  windowEnd: r.windowEnd,
});

export const receiptOfBooking = (b: Booking): ApplicationReceipt => ({
  code: b.code,
  status: b.status,
  windowStart: b.windowStart,
  windowEnd: b.windowEnd,
  bookingId: b.id,
});

/** One person the blacklist refused: the lead visitor, or companion `index` (0-based, in the order sent). */
export type RefusedPerson = { nameMasked: string } & ({ who: 'visitor' } | { who: 'companion'; index: number });

const Refused = z.object({ refused: z.array(z.object({ who: z.string(), nameMasked: z.string().max(40) })).min(1) });
const COMPANION = /^companions\[(\d{1,2})\]$/;

/** The people a 409 blacklisted names (details.refused), or undefined for any other refusal. */
export function blacklistedPeopleOf(err: ApiError): RefusedPerson[] | undefined {
  if (err.error !== 'blacklisted') return undefined;
  const parsed = Refused.safeParse(err.details);
  if (!parsed.success) return [];
  return parsed.data.refused.flatMap((p): RefusedPerson[] => {
    if (p.who === 'visitor') return [{ who: 'visitor', nameMasked: p.nameMasked }];
    const m = COMPANION.exec(p.who);
    return m?.[1] !== undefined ? [{ who: 'companion', index: Number(m[1]), nameMasked: p.nameMasked }] : [];
  });
}
