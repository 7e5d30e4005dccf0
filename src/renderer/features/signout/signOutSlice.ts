import type { StateCreator } from 'zustand/vanilla';
import { initialSignOut } from './initialState';
import type { KioskState, StoreDeps } from '../../state/types';
import type { SignOutSlice } from './types';
import { uiErrorFrom } from '../../state/uiError';

/** Signing a visitor out with the pass they hold (scanned or typed). */
export const createSignOutSlice =
  (deps: StoreDeps): StateCreator<KioskState, [], [], SignOutSlice> =>
  (set, get) => {
    const patch = (changes: Partial<KioskState['signOut']>): void => set((state) => ({ signOut: { ...state.signOut, ...changes } }));

    return {
      signOut: initialSignOut(),

      setSignOutToken: (token) => patch({ token, error: null, done: null }),

      signOutByToken: async (override) => {
        const passToken = (override ?? get().signOut.token).trim();
        if (!passToken || get().signOut.busy) return;
        const flowId = get().flowId;
        set((state) => ({
          screen: 'signOut',
          signOut: { ...state.signOut, token: passToken, busy: true, error: null, done: null },
        }));
        try {
          const { visit } = await deps.api.call('visits.checkout', { passToken });
          if (get().flowId === flowId) patch({ busy: false, done: visit, token: '' });
        } catch (error) {
          if (get().flowId === flowId) patch({ busy: false, error: uiErrorFrom(error) });
        }
      },
    };
  };
