/** Signing visitors out: by the pass they hold (scanned or typed), or from today's visitors list. */
export { signOutScreens } from './screens';
export { signOutFeature } from './feature';
export { createSignOutFeatureSlice } from './slice';
export { initialSignOut, initialToday } from './initialState';
export type { SignOutFeatureState, SignOutScreenName, SignOutSlice, SignOutState, TodaySlice, TodayState } from './types';
