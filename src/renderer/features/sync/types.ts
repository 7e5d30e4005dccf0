import type { SyncConflict, SyncState } from '../../../shared/ipc';
import type { UiError } from '../../state/types';

/** The sync feature's screens. */
export type SyncScreen = 'conflicts';

export interface SyncSlice {
  /** the core's sync state (status bar); null until the core has answered */
  sync: SyncState | null;
}

export interface ConflictsState {
  loading: boolean;
  /** null until loaded; not yet acknowledged first, then newest first (the core's order) */
  items: SyncConflict[] | null;
  /** the conflict whose acknowledgement is on its way */
  busyCommandId: string | null;
  error: UiError | null;
}

export interface ConflictsSlice {
  conflicts: ConflictsState;
  loadConflicts(): Promise<void>;
  acknowledgeConflict(commandId: string): Promise<void>;
}

/** Everything the sync feature adds to the kiosk store. */
export type SyncFeatureState = SyncSlice & ConflictsSlice;
