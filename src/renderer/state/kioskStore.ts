import { createStore, type StoreApi } from 'zustand/vanilla';
import { createAdminDevicesSlice } from '../features/admin/devicesSlice';
import { createAdminFeatureSlice } from '../features/admin/slice';
import { createCheckinFeatureSlice } from '../features/checkin/slice';
import { createDevicesFeatureSlice } from '../features/devices/slice';
import { createGateFeatureSlice } from '../features/gate/slice';
import { createReplacePhotoSlice } from '../features/staffphoto/slice';
import { createVisitPhotosSlice } from '../features/staffphoto/visitPhotosSlice';
import { createSignOutFeatureSlice } from '../features/signout/slice';
import { createSyncFeatureSlice } from '../features/sync/slice';
import { rendererFeatures } from '../features';
import type { RendererFeature } from './feature';
import { createWalkInFeatureSlice } from '../features/walkin/slice';
import { createNavigationSlice } from './navigationSlice';
import { createSystemSlice } from './systemSlice';
import type { KioskState, StoreDeps } from './types';

export type KioskStore = StoreApi<KioskState>;

/**
 * The kiosk's store: the system and navigation slices, each feature's slice, and the features' reactions to core
 * events and resets at the end of a session, from the features list (`features`, default: every renderer feature).
 */
export function createKioskStore(deps: StoreDeps, features: readonly RendererFeature[] = rendererFeatures): KioskStore {
  return createStore<KioskState>()((...a) => ({
    ...createSystemSlice(deps, features)(...a),
    ...createNavigationSlice(deps, features)(...a),
    ...createCheckinFeatureSlice(deps)(...a),
    ...createSignOutFeatureSlice(deps)(...a),
    ...createSyncFeatureSlice(deps)(...a),
    ...createDevicesFeatureSlice(...a),
    ...createWalkInFeatureSlice(deps)(...a),
    ...createAdminFeatureSlice(deps)(...a),
    ...createReplacePhotoSlice(deps)(...a),
    ...createVisitPhotosSlice(deps)(...a),
    ...createAdminDevicesSlice(deps)(...a),
    ...createGateFeatureSlice(deps)(...a),
  }));
}

export type { KioskState, Screen, UiError } from './types';
export type { FeatureReactions, FeatureStore, RendererFeature } from './feature';
