/** The check-in feature's calls (src/shared/contract/checkin.ts): finding bookings, confirming an arrival. */
import type { checkinCalls } from '../../../shared/contract/checkin';
import type { HandlerTable } from './handler';

export const checkinHandlers: HandlerTable<typeof checkinCalls> = {
  'bookings.find': async (core, { query }) => ({ bookings: await core.checkIn.findBookings(query) }),
  'bookings.findByCard': (core, { cardRef }) => {
    const held = core.heldCard(cardRef);
    return { card: held.read, bookings: core.checkIn.findBookingsByIdNumber(held.card.idNumber) };
  },
  'bookings.get': (core, { bookingId }) => core.checkIn.getBookingView(bookingId),
  'checkin.confirm': (core, input) => core.checkIn.confirmCheckIn(input),
};
