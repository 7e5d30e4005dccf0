import type { StateCreator } from 'zustand/vanilla';
import type { KioskState, StoreDeps } from '../../state/types';
import type { IdCardSlice } from './types';
import { uiErrorFrom } from '../../state/uiError';

/**
 * Check-in by ID card: a card placed on the reader while the visitor is on home or check-in search starts a new
 * flow that looks up today's bookings of the card holder. Elsewhere (details, pass, sign-out) a card is ignored.
 */
export const createIdCardSlice =
  (deps: StoreDeps): StateCreator<KioskState, [], [], IdCardSlice> =>
  (set, get) => ({
    receiveIdCard: (card) => {
      const { screen } = get();
      if (screen !== 'home' && screen !== 'checkinSearch') return;
      if (get().sync?.phase === 'revoked') return; // a kiosk the platform disabled starts no check-in
      // a fresh flow: what an earlier visitor typed or was shown goes, late answers to it are dropped; the core's
      // session goes on (ending it would release the card just read)
      get().beginFlow('checkinSearch');
      const flowId = get().flowId;
      const patch = (changes: Partial<KioskState['checkin']>): void => {
        if (get().flowId === flowId) set((state) => ({ checkin: { ...state.checkin, ...changes } }));
      };
      patch({ readingCard: true });
      deps.api.call('bookings.findByCard', { cardRef: card.cardRef }).then(
        (found) => patch({ readingCard: false, card: found.card, results: found.bookings }),
        (error: unknown) => patch({ readingCard: false, error: uiErrorFrom(error) }),
      );
    },
  });
