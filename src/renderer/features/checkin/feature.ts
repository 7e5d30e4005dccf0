import type { RendererFeature } from '../../state/feature';
import { initialCheckin } from './initialState';

/**
 * Check-in's reactions: an ID card read and a temperature reading go to its flow; a scanned code on home or the
 * check-in search is a booking search. Its state is cleared when the visitor's session ends.
 */
export const checkinFeature: RendererFeature = {
  name: 'checkin',
  on: {
    'device.idCard': (card, { get }) => get().receiveIdCard(card),
    'device.temperature': (reading, { get }) => get().receiveTemperature(reading),
    'device.qr': ({ text }, { get }) => {
      const { screen } = get();
      if (screen !== 'home' && screen !== 'checkinSearch') return;
      // a kiosk the platform disabled starts no check-in (its home says so)
      if (get().sync?.phase === 'revoked') return;
      if (screen === 'home') get().openCheckin();
      void get().search(text);
    },
  },
  resetOnSessionEnd: () => ({ checkin: initialCheckin() }),
};
