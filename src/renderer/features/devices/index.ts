/** The kiosk's devices as the status bar shows them: one chip per device kind. */
export { createDevicesFeatureSlice } from './slice';
export { devicesFeature } from './feature';
export { sortDevices, upsertDevice } from './devices';
export { DeviceChip } from './DeviceChip';
export type { DevicesFeatureState, DevicesSlice } from './types';
export { cameraDeviceState, conditionOfError, withCamera, type CameraCondition } from './camera';
export { useCameraProbe } from './useCameraProbe';
