import type { StateCreator } from 'zustand/vanilla';
import type { KioskState, StoreDeps } from '../../state/types';
import { createSignOutSlice } from './signOutSlice';
import { createTodaySlice } from './todaySlice';
import type { SignOutFeatureState } from './types';

/** The sign-out feature's part of the kiosk store: sign-out by pass and today's visitors. */
export const createSignOutFeatureSlice =
  (deps: StoreDeps): StateCreator<KioskState, [], [], SignOutFeatureState> =>
  (...a) => ({
    ...createSignOutSlice(deps)(...a),
    ...createTodaySlice(deps)(...a),
  });
