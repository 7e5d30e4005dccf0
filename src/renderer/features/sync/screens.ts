import type { ComponentType } from 'react';
import { ConflictsScreen } from './ConflictsScreen';
import type { SyncScreen } from './types';

/** The sync feature's screens, for the app's screen map. */
export const syncScreens: Record<SyncScreen, ComponentType> = {
  conflicts: ConflictsScreen,
};
