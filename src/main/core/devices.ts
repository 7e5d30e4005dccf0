/**
 * The core's view of devices. The device layer (src/main/devices) registers a manager; until one is
 * attached, every device kind honestly reports `disabled` / "not configured". Only what the core needs from the
 * manager is declared here: device states, the card held behind a `cardRef`, and one temperature reading.
 */
import { DeviceKind, IpcCallError, type DeviceState, type IdCardRead, type TemperatureReading } from '../../shared/ipc';

/** A card the manager holds after a `device.idCard` event: the renderer's view and the full ID number. */
export interface HeldIdCard {
  read: IdCardRead;
  card: { idNumber: string };
}

export interface DeviceManager {
  list(): DeviceState[];
  stop(): Promise<void>;
  /** the card behind a `cardRef`, left in place (undefined when unknown or expired) */
  peekCard(cardRef: string): HeldIdCard | undefined;
  /** one measurement; rejects with an error named `DeviceUnavailableError` when no thermometer is connected */
  readTemperature(): Promise<TemperatureReading>;
}

export function unconfiguredDevices(now: Date): DeviceState[] {
  return DeviceKind.options.map((kind) => unconfigured(kind, now));
}

const unconfigured = (kind: DeviceKind, now: Date): DeviceState => ({ kind, status: 'disabled', detail: 'not configured', updatedAt: now.toISOString() });

/** The manager's states plus `disabled` for any kind it does not manage (the camera), in DeviceKind order. */
export function allDeviceStates(manager: DeviceManager | undefined, now: Date): DeviceState[] {
  if (!manager) return unconfiguredDevices(now);
  const managed = new Map(manager.list().map((s) => [s.kind, s]));
  return DeviceKind.options.map((kind) => managed.get(kind) ?? unconfigured(kind, now));
}

/** The held card, or IpcCallError `card_expired` (the card was purged, taken, or never read here). */
export function requireHeldCard(manager: DeviceManager | undefined, cardRef: string): HeldIdCard {
  const held = manager?.peekCard(cardRef);
  if (!held) throw new IpcCallError('card_expired', 'the ID card read is no longer held by the kiosk; place the card again');
  return held;
}

const TEMPERATURE_READY: readonly DeviceState['status'][] = ['ready', 'busy'];

/** One reading from a connected thermometer, or IpcCallError `device_unavailable`. */
export async function readTemperatureFrom(manager: DeviceManager | undefined): Promise<TemperatureReading> {
  const state = manager?.list().find((s) => s.kind === 'thermometer');
  if (!manager || !state || !TEMPERATURE_READY.includes(state.status)) {
    throw new IpcCallError('device_unavailable', `the thermometer is not ready (${state?.status ?? 'not configured'})`);
  }
  try {
    return await manager.readTemperature();
  } catch (err) {
    if (err instanceof Error && err.name === 'DeviceUnavailableError') throw new IpcCallError('device_unavailable', err.message);
    throw new IpcCallError('device_failed', `the thermometer did not give a reading: ${err instanceof Error ? err.message : String(err)}`);
  }
}
