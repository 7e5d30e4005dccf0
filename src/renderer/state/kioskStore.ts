import { createStore, type StoreApi } from 'zustand/vanilla';
import { createCheckinSlice } from './checkinSlice';
import { createConflictsSlice } from './conflictsSlice';
import { createIdCardSlice } from './idCardSlice';
import { createTemperatureSlice } from './temperatureSlice';
import { createNavigationSlice } from './navigationSlice';
import { createPassPrintSlice } from './passPrintSlice';
import { createSignOutSlice } from './signOutSlice';
import { createSystemSlice } from './systemSlice';
import { createTodaySlice } from './todaySlice';
import type { KioskState, StoreDeps } from './types';

export type KioskStore = StoreApi<KioskState>;

export function createKioskStore(deps: StoreDeps): KioskStore {
  return createStore<KioskState>()((...a) => ({
    ...createSystemSlice(deps)(...a),
    ...createNavigationSlice(...a),
    ...createCheckinSlice(deps)(...a),
    ...createPassPrintSlice(deps)(...a),
    ...createIdCardSlice(deps)(...a),
    ...createTemperatureSlice(deps)(...a),
    ...createSignOutSlice(deps)(...a),
    ...createTodaySlice(deps)(...a),
    ...createConflictsSlice(deps)(...a),
  }));
}

export type { KioskState, Screen, UiError } from './types';
