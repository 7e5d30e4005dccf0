import type { StateCreator } from 'zustand/vanilla';
import { sessionResets, type RendererFeature } from './feature';
import type { KioskState, NavigationSlice, StoreDeps } from './types';

/**
 * Screens. Going home ends the visitor's session: every feature's people's data is cleared (each feature's
 * `resetOnSessionEnd`) and the core releases what it held for them (`session.end`: the ID card read).
 */
export const createNavigationSlice =
  (deps: StoreDeps, features: readonly RendererFeature[]): StateCreator<KioskState, [], [], NavigationSlice> =>
  (set, get) => ({
    screen: 'home',
    flowId: 0,
    beginFlow: (screen) => set((state) => ({ ...sessionResets(features), screen, flowId: state.flowId + 1 })),
    goHome: () => {
      get().beginFlow('home');
      deps.api.call('session.end', {}).catch((error: unknown) => {
        // the core still lets a held card go with the next card read or after its time to live
        console.warn(`[passdesk] session.end failed: ${error instanceof Error ? error.message : 'unknown error'}`);
      });
    },
    openCheckin: () => {
      get().goHome();
      set({ screen: 'checkinSearch' });
    },
    openSignOut: () => {
      get().goHome();
      set({ screen: 'signOut' });
    },
    openToday: () => {
      get().goHome();
      set({ screen: 'today' });
      void get().loadToday();
    },
    openConflicts: () => {
      get().goHome();
      set({ screen: 'conflicts' });
      void get().loadConflicts();
    },
  });
