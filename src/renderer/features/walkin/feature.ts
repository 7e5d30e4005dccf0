import type { RendererFeature } from '../../state/feature';
import { initialWalkIn } from './initialState';

/**
 * Walk-in's reactions: an ID card read on the walk-in screen fills the form (or the companion being added); the
 * host's decision on the walk-in waiting for it shows (the passes when approved). Its form
 * is cleared when the visitor's session ends.
 */
export const walkInFeature: RendererFeature = {
  name: 'walkin',
  on: {
    'device.idCard': (card, { get }) => get().receiveWalkInCard(card),
    'walkin.decision': (event, { get }) => get().receiveWalkInDecision(event),
  },
  resetOnSessionEnd: () => ({ walkin: initialWalkIn() }),
};
