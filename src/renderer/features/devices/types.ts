import type { DeviceState } from '../../../shared/ipc';

export interface DevicesSlice {
  /** one entry per device kind the core reports, in DeviceKind order */
  devices: DeviceState[];
}

/** Everything the devices feature adds to the kiosk store. */
export type DevicesFeatureState = DevicesSlice;
