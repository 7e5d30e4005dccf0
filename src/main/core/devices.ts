/**
 * The core's view of devices. The device layer (src/main/devices) registers a manager; until one is
 * attached, every device kind honestly reports `disabled` / "not configured".
 */
import { DeviceKind, type DeviceState } from '../../shared/ipc';

export interface DeviceManager {
  list(): DeviceState[];
  stop(): Promise<void>;
}

export function unconfiguredDevices(now: Date): DeviceState[] {
  return DeviceKind.options.map((kind) => ({ kind, status: 'disabled', detail: 'not configured', updatedAt: now.toISOString() }));
}
