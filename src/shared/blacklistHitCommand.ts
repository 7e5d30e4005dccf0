import { z } from 'zod';
import { Id } from './domain';

/**
 * A blacklist refusal at the kiosk (issue 14 item 3): a booked visitor refused at check-in, or a walk-in's registration
 * refused, by the list the kiosk pulled. Nothing else reaches the cloud of a refusal, so the kiosk reports it: once per
 * booking (a walk-in: none), refusing entries and site day, by a command id made from those (blacklistReport.ts). The
 * names are masked at the kiosk (the cloud masks one that is not); an entry the cloud no longer has is skipped.
 */
export const BlacklistHitCommand = z.object({
  kind: z.literal('blacklistHit'),
  payload: z.object({
    context: z.enum(['checkin', 'walkIn']),
    /** the booked check-in's booking; a walk-in refused was never registered, so it has none */
    bookingId: Id.optional(),
    hits: z
      .array(z.object({ entryId: Id, nameMasked: z.string().trim().min(1).max(40) }))
      .min(1)
      .max(20),
  }),
});
