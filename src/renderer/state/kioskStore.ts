import { createStore, type StoreApi } from 'zustand/vanilla';
import { createCheckinFeatureSlice } from '../features/checkin/slice';
import { createConflictsSlice } from './conflictsSlice';
import { createNavigationSlice } from './navigationSlice';
import { createSignOutSlice } from './signOutSlice';
import { createSystemSlice } from './systemSlice';
import { createTodaySlice } from './todaySlice';
import type { KioskState, StoreDeps } from './types';

export type KioskStore = StoreApi<KioskState>;

export function createKioskStore(deps: StoreDeps): KioskStore {
  return createStore<KioskState>()((...a) => ({
    ...createSystemSlice(deps)(...a),
    ...createNavigationSlice(...a),
    ...createCheckinFeatureSlice(deps)(...a),
    ...createSignOutSlice(deps)(...a),
    ...createTodaySlice(deps)(...a),
    ...createConflictsSlice(deps)(...a),
  }));
}

export type { KioskState, Screen, UiError } from './types';
