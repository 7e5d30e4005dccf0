import type { RendererFeature } from '../../state/feature';
import { initialWalkIn } from './initialState';

/**
 * Walk-in's reactions: an ID card read on the walk-in screen fills the form (or the companion being added). Its form
 * is cleared when the visitor's session ends.
 */
export const walkInFeature: RendererFeature = {
  name: 'walkin',
  on: {
    'device.idCard': (card, { get }) => get().receiveWalkInCard(card),
  },
  resetOnSessionEnd: () => ({ walkin: initialWalkIn() }),
};
