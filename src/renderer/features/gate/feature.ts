import type { RendererFeature } from '../../state/feature';
import { initialGate } from './initialState';

/** Gate mode's reactions: a code from the serial scanner on the gate screen is judged there. */
export const gateFeature: RendererFeature = {
  name: 'gate',
  on: {
    'device.qr': ({ text }, { get }) => {
      if (get().screen === 'gate') void get().scanAtGate(text);
    },
  },
  // the gate's direction is the gate's, not the visitor's: it stays; the last verdict goes
  resetOnSessionEnd: () => ({}),
};

export { initialGate };
