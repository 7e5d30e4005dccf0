/** The devices feature's calls (src/shared/contract/devices.ts): every device's state, a temperature reading. */
import type { devicesCalls } from '../../../shared/contract/devices';
import type { HandlerTable } from './handler';

export const devicesHandlers: HandlerTable<typeof devicesCalls> = {
  'devices.list': (core) => ({ devices: core.devices() }),
  'devices.readTemperature': (core) => core.readTemperature(),
};
