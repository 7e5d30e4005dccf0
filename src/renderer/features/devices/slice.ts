import type { StateCreator } from 'zustand/vanilla';
import type { KioskState } from '../../state/types';
import { cameraDeviceState } from './camera';
import type { DevicesFeatureState } from './types';

/**
 * The devices feature's part of the kiosk store: the device states the status bar shows (loaded and kept current,
 * through `upsertDevice`, by the system slice with the other core states), and the camera's, which only the page can
 * know (camera.ts). Device events that concern a flow (scans, ID cards, readings) are the check-in and sign-out
 * features'.
 */
export const createDevicesFeatureSlice: StateCreator<KioskState, [], [], DevicesFeatureState> = (set) => ({
  devices: [],
  camera: null,
  setCamera: (condition) => set({ camera: cameraDeviceState(condition, new Date()) }),
});
