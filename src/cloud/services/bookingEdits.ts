/**
 * Amending a booking (issue 13 item 1; seeds 000 and 001): while it is pending or returned (已退回), its applicant (for
 * now staff on their behalf: the booking's host or an admin) replaces its people, reason, area and window; the booking
 * becomes pending again for its host to decide afresh (the move `resubmit`, src/shared/bookingStates.ts), the reason
 * it was returned with cleared. Every rule of an application applies again (bookingRules.ts; the host still receiving visitors); a refused edit changes
 * nothing. An approved booking is not edited (booking_not_editable): cancelled and booked again. A walk-in, registered
 * at the desk, and a companion's sub-bill (edited through its main bill) are not edited here.
 */
import type { z } from 'zod';
import type { BookingEdit } from '../../shared/api';
import type { Booking } from '../../shared/domain';
import type { Principal } from '../auth';
import type { CloudContext } from '../context';
import { conflict } from '../errors';
import { updateBookingInStatus } from '../repositories/bookings';
import { moveBooking } from './bookingLifecycle';
import { blacklistedPeople, checkBookingInput, checkWindow, enforceBlacklist } from './bookingRules';
import { recordingRefusedHits } from './blacklistHits';
import { findVisitableHost } from './hosts';
import { siteBookingLimits } from './sites';
import { resolveBookingDetails, withStoredDetails } from './bookingDetails';

export type BookingEditInput = z.output<typeof BookingEdit>;

export async function resubmitBooking(ctx: CloudContext, principal: Principal, bookingId: string, input: BookingEditInput): Promise<Booking> {
  const groupSize = checkBookingInput(input);
  const now = ctx.now();
  return recordingRefusedHits(ctx.db, () =>
    moveBooking(ctx, principal, bookingId, now, { move: 'resubmit', decisionReason: null }, async (trx, row) => {
      if (row.source === 'walk_in') {
        throw conflict('booking_not_editable', '到访登记不能在此修改 / a walk-in is registered at the desk and cannot be edited here');
      }
      checkWindow(input, now, await siteBookingLimits(trx, row.site_id));
      await findVisitableHost(trx, { hostId: row.host_id }); // the host may since have lost visit permission: 无此受访人
      await enforceBlacklist(trx, { siteId: row.site_id, now, source: 'application', subject: row.id }, await blacklistedPeople(trx, row.site_id, input, now));
      const resolved = await resolveBookingDetails(trx, row.site_id, withStoredDetails(input, row.details ?? null));
      const updated = await updateBookingInStatus(
        trx,
        row.id,
        row.status,
        {
          visitor: JSON.stringify(resolved.visitor),
          companions: JSON.stringify(input.companions),
          group_size: groupSize,
          reason: resolved.reason,
          area: resolved.area,
          belongings: resolved.belongings,
          details: resolved.details,
          window_start: new Date(input.windowStart).toISOString(),
          window_end: new Date(input.windowEnd).toISOString(),
        },
        row.change_seq,
      );
      if (updated !== 1) throw conflict('booking_state', 'the booking changed meanwhile');
    }),
  );
}
