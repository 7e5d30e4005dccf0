import type { StateCreator } from 'zustand/vanilla';
import { initialCheckin } from '../features/checkin/initialState';
import { initialSignOut, initialToday } from '../features/signout/initialState';
import { initialConflicts } from '../features/sync/initialState';
import { initialWalkIn } from '../features/walkin/initialState';
import type { KioskState, NavigationSlice } from './types';

/** Screens. Going home clears everything a visitor typed or was shown: people's data does not linger. */
export const createNavigationSlice: StateCreator<KioskState, [], [], NavigationSlice> = (set, get) => ({
  screen: 'home',
  flowId: 0,
  goHome: () =>
    set((state) => ({
      screen: 'home',
      flowId: state.flowId + 1,
      checkin: initialCheckin(),
      signOut: initialSignOut(),
      today: initialToday(),
      conflicts: initialConflicts(),
      walkin: initialWalkIn(),
    })),
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
