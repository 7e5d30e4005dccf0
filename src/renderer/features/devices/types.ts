import type { DeviceState } from '../../../shared/ipc';
import type { CameraCondition } from './camera';

export interface DevicesSlice {
  /** one entry per device kind the core reports, in DeviceKind order */
  devices: DeviceState[];
  /** the camera as the page knows it (camera.ts); null before the first probe */
  camera: DeviceState | null;
  setCamera(condition: CameraCondition): void;
}

/** Everything the devices feature adds to the kiosk store. */
export type DevicesFeatureState = DevicesSlice;
