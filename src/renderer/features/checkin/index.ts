/** Booked visitor check-in: search (code, phone, QR, ID card) → booking details (temperature) → pass (print). */
export { checkinScreens } from './screens';
export { checkinFeature } from './feature';
export { createCheckinFeatureSlice } from './slice';
export { initialCheckin } from './initialState';
export type {
  CheckinFeatureState,
  CheckinScreen,
  CheckinSlice,
  CheckinState,
  IdCardSlice,
  IssuedPass,
  PassPrintSlice,
  PassPrintState,
  TemperatureSlice,
} from './types';
