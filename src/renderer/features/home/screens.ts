import type { ComponentType } from 'react';
import { HomeScreen } from './HomeScreen';
import type { HomeScreenName } from './types';

/** The home feature's screens, for the app's screen map. */
export const homeScreens: Record<HomeScreenName, ComponentType> = {
  home: HomeScreen,
};
