import type { ComponentType } from 'react';
import { BookingDetailsScreen } from './BookingDetailsScreen';
import { CheckinSearchScreen } from './CheckinSearchScreen';
import { PassScreen } from './PassScreen';
import type { CheckinScreen } from './types';

/** The check-in feature's screens, for the app's screen map. */
export const checkinScreens: Record<CheckinScreen, ComponentType> = {
  checkinSearch: CheckinSearchScreen,
  bookingDetails: BookingDetailsScreen,
  pass: PassScreen,
};
