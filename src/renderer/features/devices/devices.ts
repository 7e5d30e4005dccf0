import { DeviceKind, type DeviceState } from '../../../shared/ipc';

const kindOrder = DeviceKind.options;

/** The device list with `update` replacing the entry of its kind (or added), in DeviceKind order. */
export function upsertDevice(devices: readonly DeviceState[], update: DeviceState): DeviceState[] {
  const others = devices.filter((d) => d.kind !== update.kind);
  return sortDevices([...others, update]);
}

export function sortDevices(devices: readonly DeviceState[]): DeviceState[] {
  return [...devices].sort((a, b) => kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind));
}
