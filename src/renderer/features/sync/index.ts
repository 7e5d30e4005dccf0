/** Sync with the cloud as reception sees it: the status bar's sync state and the conflicts list. */
export { syncScreens } from './screens';
export { syncFeature } from './feature';
export { createSyncFeatureSlice } from './slice';
export { initialConflicts } from './initialState';
export { SyncStatus } from './SyncStatus';
export { conflictReasonKey, hasReasonFor } from './conflictReasons';
export type { ConflictsSlice, ConflictsState, SyncFeatureState, SyncScreen, SyncSlice } from './types';
