import type { ComponentType } from 'react';
import { AdminHomeScreen } from './AdminHomeScreen';
import { PinPadScreen } from './PinPadScreen';
import type { AdminScreenName } from './types';

/** The admin feature's screens, for the app's screen map. */
export const adminScreens: Record<AdminScreenName, ComponentType> = {
  adminPin: PinPadScreen,
  adminHome: AdminHomeScreen,
};

/** Screens with an admin session: the app's idle return home does not apply (the session's own lock does). */
export const isAdminSessionScreen = (screen: string): boolean => screen === 'adminHome';
