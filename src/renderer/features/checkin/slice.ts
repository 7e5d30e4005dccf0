import type { StateCreator } from 'zustand/vanilla';
import type { KioskState, StoreDeps } from '../../state/types';
import { createCheckinSlice } from './checkinSlice';
import { createIdCardSlice } from './idCardSlice';
import { createPassPrintSlice } from './passPrintSlice';
import { createTemperatureSlice } from './temperatureSlice';
import type { CheckinFeatureState } from './types';

/** The check-in feature's part of the kiosk store: search, booking details, temperature, ID card, pass printing. */
export const createCheckinFeatureSlice =
  (deps: StoreDeps): StateCreator<KioskState, [], [], CheckinFeatureState> =>
  (...a) => ({
    ...createCheckinSlice(deps)(...a),
    ...createPassPrintSlice(deps)(...a),
    ...createIdCardSlice(deps)(...a),
    ...createTemperatureSlice(deps)(...a),
  });
