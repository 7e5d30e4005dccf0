/**
 * The check-in feature (src/shared/contract/checkin.ts): finding bookings (by code, phone, pass or the ID card
 * held under a `cardRef`), confirming an arrival, ending the visitor's session (every held card released). It owns
 * the check-in desk (../checkin.ts), which the sign-out and passes features use too.
 */
import type { checkinCalls } from '../../../shared/contract/checkin';
import { CheckInDesk, type CheckInDeps } from '../checkin';
import type { HeldCards } from './devices';
import type { HandlerTable } from './feature';

export interface CheckinFeatureDeps extends Omit<CheckInDeps, 'sessionEnded'> {
  /** the ID cards the devices feature holds for the visitor's session */
  cards: HeldCards;
}

export interface CheckinFeature {
  readonly handlers: HandlerTable<typeof checkinCalls>;
  readonly desk: CheckInDesk;
}

export function createCheckinFeature(deps: CheckinFeatureDeps): CheckinFeature {
  const { cards, ...deskDeps } = deps;
  // the visitor's session ends with their check-in: the full ID card is no longer held
  const desk = new CheckInDesk({ ...deskDeps, sessionEnded: () => void cards.releaseCards() });
  return {
    desk,
    handlers: {
      'bookings.find': async ({ query }) => ({ bookings: await desk.findBookings(query) }),
      'bookings.findByCard': ({ cardRef }) => {
        const held = cards.heldCard(cardRef);
        return { card: held.read, bookings: desk.findBookingsByIdNumber(held.card.idNumber) };
      },
      'bookings.get': ({ bookingId }) => desk.getBookingView(bookingId),
      'checkin.confirm': (input) => desk.confirmCheckIn(input),
      // the renderer's session ended (home, idle): nothing read from the visitor's card stays held
      'session.end': () => ({ releasedCards: cards.releaseCards() }),
    },
  };
}
