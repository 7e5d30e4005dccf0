import type { ComponentType } from 'react';
import { GateScreen } from './GateScreen';
import type { GateScreenName } from './types';

/** The gate feature's screens, for the app's screen map. */
export const gateScreens: Record<GateScreenName, ComponentType> = {
  gate: GateScreen,
};
