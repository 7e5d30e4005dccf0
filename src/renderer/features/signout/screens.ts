import type { ComponentType } from 'react';
import { SignOutScreen } from './SignOutScreen';
import { TodayVisitorsScreen } from './TodayVisitorsScreen';
import type { SignOutScreenName } from './types';

/** The sign-out feature's screens, for the app's screen map. */
export const signOutScreens: Record<SignOutScreenName, ComponentType> = {
  signOut: SignOutScreen,
  today: TodayVisitorsScreen,
};
