/**
 * The core's view of devices. The device layer (src/main/devices) registers a manager; until one is
 * attached, every device kind honestly reports `disabled` / "not configured". Only what the core needs from the
 * manager is declared here: device states, the card held behind a `cardRef`, one temperature reading, and a
 * pass printed on the ESC/POS printer.
 */
import type { KioskDeviceSettings } from '../../shared/domain';
import { DeviceKind, IpcCallError, type DeviceState, type IdCardRead, type PassPrinting, type TemperatureReading } from '../../shared/ipc';
import { messageOf } from '../../shared/errorText';

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
  /**
   * One measurement as the thermometer gives it (°C, before the calibration offset); rejects with an error named
   * `DeviceUnavailableError` when no thermometer is connected.
   */
  measureTemperature(): Promise<{ celsius: number; at: Date }>;
  /** the printer setting the manager was built from (with simulated devices, the simulator's) */
  readonly printerKind: PrinterKind;
  /**
   * Renders the pass for the configured paper and sends it. Rejects with an error named `DeviceUnavailableError`
   * without an ESC/POS printer, or `PrinterError` with a `code` (paper_out, not_connected, write_failed).
   */
  print(pass: PassPrintRequest): Promise<unknown>;
}

export type PrinterKind = KioskDeviceSettings['printer']['kind'];

/** What a printed pass shows: the visitor's name masked, never a phone or ID number. */
export interface PassPrintRequest {
  /** the signed pass token: the QR payload */
  token: string;
  siteName: string;
  /** masked (张*三) */
  visitorName: string;
  hostName: string;
  validFrom: Date;
  validUntil: Date;
  partySize: number;
  /** IANA zone the times are printed in */
  timeZone: string;
}

/** How passes are printed with this printer setting. */
export const passPrintingOf = (kind: PrinterKind): PassPrinting => (kind === 'none' || kind === 'system' ? kind : 'escpos');

const unconfigured = (kind: DeviceKind, now: Date): DeviceState => ({ kind, status: 'disabled', detail: 'not configured', updatedAt: now.toISOString() });

/**
 * The manager's states plus `disabled` for any kind it does not manage (the camera), in DeviceKind order;
 * every kind `disabled` until a manager is attached.
 */
export function allDeviceStates(manager: DeviceManager | undefined, now: Date): DeviceState[] {
  const managed = new Map((manager?.list() ?? []).map((s) => [s.kind, s]));
  return DeviceKind.options.map((kind) => managed.get(kind) ?? unconfigured(kind, now));
}

/** The held card, or IpcCallError `card_expired` (the card was purged, taken, or never read here). */
export function requireHeldCard(manager: DeviceManager | undefined, cardRef: string): HeldIdCard {
  const held = manager?.peekCard(cardRef);
  if (!held) throw new IpcCallError('card_expired', 'the ID card read is no longer held by the kiosk; place the card again');
  return held;
}

/** The core's temperature policy, read from the live settings at each reading. */
export interface TemperaturePolicy {
  /** abnormal at or above this (settings.temperatureThresholdC) */
  thresholdC: number;
  /** calibration offset added to the device's reading (settings.devices.thermometer.offsetC) */
  offsetC: number;
}

const round2 = (v: number): number => Math.round(v * 100) / 100;

/** A raw measurement judged by the policy: offset applied, abnormal at or above the threshold. */
export function temperatureReading(raw: { celsius: number; at: Date }, policy: TemperaturePolicy): TemperatureReading {
  const celsius = round2(raw.celsius + policy.offsetC);
  return { celsius, abnormal: celsius >= policy.thresholdC, thresholdC: policy.thresholdC, at: raw.at.toISOString() };
}

const TEMPERATURE_READY: readonly DeviceState['status'][] = ['ready', 'busy'];

/**
 * One reading from a connected thermometer, judged by the policy `policy()` answers once the device has measured
 * (so a threshold changed meanwhile applies), or IpcCallError `device_unavailable`.
 */
export async function readTemperatureFrom(manager: DeviceManager | undefined, policy: () => TemperaturePolicy): Promise<TemperatureReading> {
  const state = manager?.list().find((s) => s.kind === 'thermometer');
  if (!manager || !state || !TEMPERATURE_READY.includes(state.status)) {
    throw new IpcCallError('device_unavailable', `the thermometer is not ready (${state?.status ?? 'not configured'})`);
  }
  let raw: { celsius: number; at: Date };
  try {
    raw = await manager.measureTemperature();
  } catch (err) {
    if (err instanceof Error && err.name === 'DeviceUnavailableError') throw new IpcCallError('device_unavailable', err.message);
    throw new IpcCallError('device_failed', `the thermometer did not give a reading: ${messageOf(err)}`);
  }
  return temperatureReading(raw, policy());
}

const errorCode = (err: unknown): unknown => (err instanceof Error && 'code' in err ? err.code : undefined);

/**
 * Prints a pass on the manager's ESC/POS printer and answers the printer's address. IpcCallError
 * `printer_unavailable` without one (none configured, a system printer — the renderer prints those — or the
 * printer cannot be reached), `paper_out` when its sensor says so (nothing is printed), `printer_failed` when
 * the job did not go through.
 */
export async function printPassOn(manager: DeviceManager | undefined, kind: PrinterKind, pass: PassPrintRequest): Promise<{ printer: string }> {
  if (kind === 'none' || !manager) throw new IpcCallError('printer_unavailable', 'no pass printer is configured');
  if (kind === 'system') throw new IpcCallError('printer_unavailable', 'the system printer prints from the kiosk screen (print dialog), not from the core');
  try {
    await manager.print(pass);
  } catch (err) {
    const message = messageOf(err);
    if (err instanceof Error && err.name === 'DeviceUnavailableError') throw new IpcCallError('printer_unavailable', message);
    if (err instanceof Error && err.name === 'PrinterError') {
      const code = errorCode(err);
      if (code === 'paper_out') throw new IpcCallError('paper_out', message);
      if (code === 'not_connected') throw new IpcCallError('printer_unavailable', message);
    }
    throw new IpcCallError('printer_failed', `the pass was not printed: ${message}`);
  }
  const state = manager.list().find((s) => s.kind === 'printer');
  return { printer: state?.address ?? kind };
}
