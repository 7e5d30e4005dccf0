import { createStore, type StoreApi } from 'zustand/vanilla';
import { createCheckinFeatureSlice } from '../features/checkin/slice';
import { createDevicesFeatureSlice } from '../features/devices/slice';
import { createSignOutFeatureSlice } from '../features/signout/slice';
import { createSyncFeatureSlice } from '../features/sync/slice';
import { createWalkInFeatureSlice } from '../features/walkin/slice';
import { createNavigationSlice } from './navigationSlice';
import { createSystemSlice } from './systemSlice';
import type { KioskState, StoreDeps } from './types';

export type KioskStore = StoreApi<KioskState>;

export function createKioskStore(deps: StoreDeps): KioskStore {
  return createStore<KioskState>()((...a) => ({
    ...createSystemSlice(deps)(...a),
    ...createNavigationSlice(...a),
    ...createCheckinFeatureSlice(deps)(...a),
    ...createSignOutFeatureSlice(deps)(...a),
    ...createSyncFeatureSlice(deps)(...a),
    ...createDevicesFeatureSlice(...a),
    ...createWalkInFeatureSlice(deps)(...a),
  }));
}

export type { KioskState, Screen, UiError } from './types';
