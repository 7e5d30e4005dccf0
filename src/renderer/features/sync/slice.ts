import type { StateCreator } from 'zustand/vanilla';
import type { KioskState, StoreDeps } from '../../state/types';
import { createConflictsSlice } from './conflictsSlice';
import type { SyncFeatureState } from './types';

/**
 * The sync feature's part of the kiosk store: the sync state (loaded and kept current by the system slice with
 * the other core states) and the conflicts list.
 */
export const createSyncFeatureSlice =
  (deps: StoreDeps): StateCreator<KioskState, [], [], SyncFeatureState> =>
  (...a) => ({
    sync: null,
    ...createConflictsSlice(deps)(...a),
  });
