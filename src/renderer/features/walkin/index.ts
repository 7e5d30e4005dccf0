/** Walk-in registration (普通访客登记): ID card or typed → form (last visit, today's visitors, host search) → pass. */
export { walkInScreens } from './screens';
export { createWalkInFeatureSlice } from './slice';
export { initialWalkIn } from './initialState';
export type { WalkInFeatureState, WalkInScreenName, WalkInState } from './types';
