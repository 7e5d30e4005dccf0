/** Kiosk administration (issue 11): the PIN pad and the admin home, reached by five taps on the logo or Ctrl+Alt+A. */
export { adminScreens, isAdminSessionScreen } from './screens';
export { adminFeature } from './feature';
export { createAdminFeatureSlice } from './slice';
export { initialAdmin } from './initialState';
export { createTapCounter, isAdminShortcut, ADMIN_TAPS, ADMIN_TAP_WINDOW_MS } from './tapGesture';
export { useAdminEntry } from './useAdminEntry';
export type { AdminFeatureState, AdminScreenName, AdminSlice, AdminState } from './types';
