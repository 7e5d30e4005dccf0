import type { RendererFeature } from '../../state/feature';
import { initialSignOut, initialToday } from './initialState';

/** Sign-out's reactions: a code scanned on the sign-out screen signs that pass out. Cleared when the session ends. */
export const signOutFeature: RendererFeature = {
  name: 'signout',
  on: {
    'device.qr': ({ text }, { get }) => {
      if (get().screen === 'signOut') void get().signOutByToken(text);
    },
  },
  resetOnSessionEnd: () => ({ signOut: initialSignOut(), today: initialToday() }),
};
