import type { RendererFeature } from '../../state/feature';
import { upsertDevice } from './devices';

/** The devices feature's reaction: each device's state kept current for the status bar. */
export const devicesFeature: RendererFeature = {
  name: 'devices',
  on: {
    'device.state': (device, { set }) => set((state) => ({ devices: upsertDevice(state.devices, device) })),
  },
};
