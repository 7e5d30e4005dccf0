/**
 * The core's side of devices: the port it drives (a device manager from src/main/devices, declared here by what the
 * core needs) and the device policy, which is the core's: what a temperature reading means (the calibration offset
 * and the threshold from the live settings at each reading), the held-card store (the full card under an opaque
 * `cardRef`, kept for the visitor's session: released at their check-in or when the next card is read, at the
 * latest after a time to live), masking (the renderer gets the number masked)
 * and which device events reach the renderer. Until a port is attached every device kind honestly reports
 * `disabled` / "not configured".
 */
import { randomUUID } from 'node:crypto';
import type { DeviceDetection } from '../../shared/deviceSetup';
import type { KioskDeviceSettings } from '../../shared/domain';
import type { PassShows } from '../../shared/visitPolicy';
import {
  DeviceKind,
  IdCardRead as IdCardReadSchema,
  IpcCallError,
  QrScan as QrScanSchema,
  type DeviceState,
  type IdCardRead,
  type IpcEventName,
  type IpcEventPayload,
  type PassPrinting,
  type TemperatureReading,
} from '../../shared/ipc';
import { messageOf } from '../../shared/errorText';
import { maskIdNumber } from '../../shared/mask';

/** A card the core holds after a `device.idCard` event: the renderer's view and the full ID number. */
export interface HeldIdCard {
  read: IdCardRead;
  card: { idNumber: string };
}

/** What the device layer sends the core: state changes, a card read (in full), a code scanned. */
export type DevicePortEvent =
  | { type: 'state'; state: DeviceState }
  | { type: 'card'; card: { idNumber: string }; view: Omit<IdCardRead, 'cardRef' | 'idNumberMasked'> }
  | { type: 'scan'; text: string; at: Date };

/** The device layer as the core drives it (src/main/devices/manager/deviceManager.ts's DeviceManager fits). */
export interface DevicesPort {
  list(): DeviceState[];
  stop(): Promise<void>;
  /** state changes and device events from now on; returns the unsubscribe */
  on(listener: (event: DevicePortEvent) => void): () => void;
  /**
   * One measurement as the thermometer gives it (°C, before the calibration offset); rejects with IpcCallError
   * `device_unavailable` when no thermometer is connected.
   */
  measureTemperature(): Promise<{ celsius: number; at: Date }>;
  /** the printer setting the manager was built from (with simulated devices, the simulator's) */
  readonly printerKind: PrinterKind;
  /**
   * Renders the pass for the configured paper and sends it. Rejects with IpcCallError `printer_unavailable` without
   * an ESC/POS printer (or one that cannot be reached), `paper_out`, or `printer_failed`.
   */
  print(pass: PassPrintRequest): Promise<unknown>;
  /**
   * Applies changed settings to one device (stopped and opened again with them; the others untouched). A port
   * without it keeps its devices as opened until the kiosk restarts.
   */
  reconfigure?(kind: DeviceSettingsKind, settings: KioskDeviceSettings): Promise<void>;
  /** what the machine has (serial ports, HID devices), each matched against our models; never throws */
  detect?(): Promise<DeviceDetection>;
}

/** The devices the device layer opens from a piece of the kiosk's device settings (the camera is the page's). */
export type DeviceSettingsKind = Exclude<keyof KioskDeviceSettings, 'camera'>;

/** Settings the core reads as policy at each use (never a reason to reopen a device): the thermometer's offset. */
const POLICY_FIELDS: { readonly [K in DeviceSettingsKind]?: readonly string[] } = { thermometer: ['offsetC'] };

/**
 * The devices whose settings changed in what opens them (port, enabled, model, printer kind...): those a
 * settings change must reopen. A policy value alone (the thermometer's offset) reopens nothing: it applies at the
 * next reading.
 */
export function devicesToReopen(previous: KioskDeviceSettings, next: KioskDeviceSettings): DeviceSettingsKind[] {
  const opening = (kind: DeviceSettingsKind, all: KioskDeviceSettings): string => {
    const policy = POLICY_FIELDS[kind] ?? [];
    const fields = Object.entries(all[kind]).filter(([field]) => !policy.includes(field));
    return JSON.stringify(fields.sort(([a], [b]) => a.localeCompare(b)));
  };
  return (Object.keys(next) as (keyof KioskDeviceSettings)[])
    .filter((kind): kind is DeviceSettingsKind => kind !== 'camera')
    .filter((kind) => opening(kind, previous) !== opening(kind, next));
}

export type PrinterKind = KioskDeviceSettings['printer']['kind'];

/** What a printed pass shows: the visitor's name masked, never a phone or ID number; the rest as the policy says. */
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
  /** what the pass shows (the policy's passShows; absent: the host, and the reason when given) */
  shows?: PassShows;
  /** the visitor's unit, the plate and the reason, when `shows` asks for them */
  company?: string;
  plate?: string;
  reason?: string;
  /** the visitor's consented face photo as its pass thumbnail (8-bit gray): printed only by a printer with raster */
  photo?: { width: number; height: number; channels: 1; data: Uint8Array };
}

/** How passes are printed with this printer setting. */
export const passPrintingOf = (kind: PrinterKind): PassPrinting => (kind === 'none' || kind === 'system' ? kind : 'escpos');

const unconfigured = (kind: DeviceKind, now: Date): DeviceState => ({ kind, status: 'disabled', detail: 'not configured', updatedAt: now.toISOString() });

/**
 * The port's states plus `disabled` for any kind it does not manage (the camera), in DeviceKind order;
 * every kind `disabled` without a port.
 */
export function allDeviceStates(devices: Pick<DevicesPort, 'list'> | undefined, now: Date): DeviceState[] {
  const managed = new Map((devices?.list() ?? []).map((s) => [s.kind, s]));
  return DeviceKind.options.map((kind) => managed.get(kind) ?? unconfigured(kind, now));
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
export async function readTemperatureFrom(devices: DevicesPort | undefined, policy: () => TemperaturePolicy): Promise<TemperatureReading> {
  const state = devices?.list().find((s) => s.kind === 'thermometer');
  if (!devices || !state || !TEMPERATURE_READY.includes(state.status)) {
    throw new IpcCallError('device_unavailable', `the thermometer is not ready (${state?.status ?? 'not configured'})`);
  }
  let raw: { celsius: number; at: Date };
  try {
    raw = await devices.measureTemperature();
  } catch (err) {
    if (err instanceof IpcCallError && err.code === 'device_unavailable') throw err;
    throw new IpcCallError('device_failed', `the thermometer did not give a reading: ${messageOf(err)}`);
  }
  return temperatureReading(raw, policy());
}

/**
 * Prints a pass on the port's ESC/POS printer and answers the printer's address. IpcCallError
 * `printer_unavailable` without one (none configured, a system printer — the renderer prints those — or the
 * printer cannot be reached), `paper_out` when its sensor says so (nothing is printed), `printer_failed` when
 * the job did not go through.
 */
export async function printPassOn(devices: DevicesPort | undefined, kind: PrinterKind, pass: PassPrintRequest): Promise<{ printer: string }> {
  if (kind === 'none' || !devices) throw new IpcCallError('printer_unavailable', 'no pass printer is configured');
  if (kind === 'system') throw new IpcCallError('printer_unavailable', 'the system printer prints from the kiosk screen (print dialog), not from the core');
  try {
    await devices.print(pass);
  } catch (err) {
    const message = messageOf(err);
    if (err instanceof IpcCallError && (err.code === 'printer_unavailable' || err.code === 'paper_out')) throw new IpcCallError(err.code, message);
    throw new IpcCallError('printer_failed', `the pass was not printed: ${message}`);
  }
  const state = devices.list().find((s) => s.kind === 'printer');
  return { printer: state?.address ?? kind };
}

// ---- the device desk: the port with the core's policy ----------------------------------------------------

export type DeviceEventName = Extract<IpcEventName, 'device.state' | 'device.idCard' | 'device.temperature' | 'device.qr'>;
/** The core bus's emit (any emit over all IPC events fits). */
export type DeviceEmit = <E extends DeviceEventName>(name: E, payload: IpcEventPayload<E>) => void;

export const DEFAULT_CARD_TTL_MS = 5 * 60_000;

/** The lead and at most 50 companions (a walk-in's sub-bills) held in one session. */
export const MAX_HELD_CARDS = 51;

export interface DeviceDeskOptions {
  devices: DevicesPort;
  emit: DeviceEmit;
  /** read at each reading: the live settings' threshold and offset */
  temperaturePolicy: () => TemperaturePolicy;
  /**
   * How long a card read is held at most when nobody releases it, default 5 minutes. Cards are released when the
   * visitor's session ends (`releaseCards`: a check-in) and when the next card is read.
   */
  cardTtlMs?: number;
}

export interface DeviceDesk {
  readonly devices: DevicesPort;
  /** one state per device kind */
  list(now: Date): DeviceState[];
  /** the card held under `cardRef`, left in place; IpcCallError card_expired when none is */
  heldCard(cardRef: string): HeldIdCard;
  /** the card held under `cardRef`, no longer held (undefined when none is) */
  takeCard(cardRef: string): HeldIdCard | undefined;
  /** forgets every card held (the visitor's session ended; a new card read does the same); answers how many were */
  releaseCards(): number;
  /**
   * The next card read belongs to the same session (a walk-in's companion): the cards held now stay held with it
   * (at most MAX_HELD_CARDS); any later card starts a new session again.
   */
  keepCardsForNextRead(): void;
  /** one reading judged by the policy now, also emitted as `device.temperature` */
  readTemperature(): Promise<TemperatureReading>;
  printPass(pass: PassPrintRequest): Promise<{ printer: string }>;
  /** stops listening, forgets the cards and stops the devices */
  close(): Promise<void>;
}

/** The core's policy over a device port: held cards, masking, readings, and the events the renderer receives. */
export function createDeviceDesk(options: DeviceDeskOptions): DeviceDesk {
  const { devices, emit } = options;
  const ttlMs = options.cardTtlMs ?? DEFAULT_CARD_TTL_MS;
  const cards = new Map<string, HeldIdCard & { expiresAt: number }>();

  const purge = (): void => {
    const now = Date.now();
    for (const [ref, c] of cards) if (c.expiresAt <= now) cards.delete(ref);
  };
  const purgeTimer = setInterval(purge, Math.max(1000, Math.min(30_000, ttlMs)));
  purgeTimer.unref();

  let keepForNext = false;
  const off = devices.on((event) => {
    switch (event.type) {
      case 'state':
        emit('device.state', event.state);
        return;
      case 'card': {
        // one visitor at a time: a card placed starts a new session, the cards read before it are released, unless the
        // desk asked for a companion's card of the same session (keepCardsForNextRead)
        if (!keepForNext) cards.clear();
        keepForNext = false;
        while (cards.size >= MAX_HELD_CARDS) cards.delete(cards.keys().next().value!);
        const cardRef = randomUUID();
        // the renderer's view: ID number masked (checked against the contract before it leaves)
        const read = IdCardReadSchema.parse({ cardRef, ...event.view, idNumberMasked: maskIdNumber(event.card.idNumber) });
        cards.set(cardRef, { card: event.card, read, expiresAt: Date.now() + ttlMs });
        emit('device.idCard', read);
        return;
      }
      case 'scan':
        emit('device.qr', QrScanSchema.parse({ text: event.text.slice(0, 4096), source: 'serial', at: event.at.toISOString() }));
        return;
    }
  });
  for (const s of devices.list()) emit('device.state', s);

  const peek = (cardRef: string): HeldIdCard | undefined => {
    purge();
    const c = cards.get(cardRef);
    return c ? { card: c.card, read: c.read } : undefined;
  };

  return {
    devices,
    list: (now) => allDeviceStates(devices, now),
    heldCard(cardRef) {
      const held = peek(cardRef);
      if (!held) throw new IpcCallError('card_expired', 'the ID card read is no longer held by the kiosk; place the card again');
      return held;
    },
    takeCard(cardRef) {
      const held = peek(cardRef);
      cards.delete(cardRef);
      return held;
    },
    releaseCards() {
      const held = cards.size;
      cards.clear();
      keepForNext = false;
      return held;
    },
    keepCardsForNextRead() {
      keepForNext = true;
    },
    async readTemperature() {
      const reading = await readTemperatureFrom(devices, options.temperaturePolicy);
      emit('device.temperature', reading);
      return reading;
    },
    printPass: (pass) => printPassOn(devices, devices.printerKind, pass),
    async close() {
      clearInterval(purgeTimer);
      off();
      cards.clear();
      await devices.stop();
    },
  };
}
