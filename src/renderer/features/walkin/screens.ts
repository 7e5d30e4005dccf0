import type { ComponentType } from 'react';
import { WalkInScreen } from './WalkInScreen';
import type { WalkInScreenName } from './types';

/** The walk-in feature's screens, for the app's screen map. */
export const walkInScreens: Record<WalkInScreenName, ComponentType> = {
  walkin: WalkInScreen,
};
