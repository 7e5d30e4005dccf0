/**
 * The admin screen's devices section (issue 11; the camera's choice, issue 10): what the machine has (the device
 * layer's detection), one device's new choice — validated by the contract (src/shared/deviceSetup.ts), saved
 * atomically in the kiosk settings through the composition root's runtime change, which reopens that device with
 * it before answering, every field changed audited old → new — and the tests that need the core: the next ID card
 * read shown masked (the name too: nobody at the admin screen needs the whole of it), the last codes scanned
 * (masked like log lines: ID and phone numbers).
 */
import type { adminDeviceCalls, AdminCardTest } from '../../../shared/contract/adminDevices';
import type { DeviceChoice, DeviceDetection } from '../../../shared/deviceSetup';
import type { KioskDeviceSettings, KioskSettings } from '../../../shared/domain';
import { IpcCallError, type DeviceState, type IdCardRead, type IpcEventName, type IpcEventPayload } from '../../../shared/ipc';
import { messageOf } from '../../../shared/errorText';
import { maskName, redactText } from '../../../shared/mask';
import type { HandlerTable } from '../features/feature';
import { createLogger } from '../log';
import type { AdminAudit } from './audit';

const log = createLogger('admin');

/** how many scans the scanner test shows */
export const SCANS_KEPT = 5;

export interface DeviceCallsDeps {
  settings: () => KioskSettings;
  /** saves, then in effect at once: the devices whose opening settings changed are reopened before it answers */
  updateSettings: (update: (current: KioskSettings) => KioskSettings) => Promise<KioskSettings>;
  /** one state per device kind */
  states: () => DeviceState[];
  /** the device layer's detection; undefined when the kiosk runs without one */
  detect: (() => Promise<DeviceDetection>) | undefined;
  /** the core's event bus: card reads and scans as the renderer gets them */
  events: { on<E extends IpcEventName>(name: E, listener: (payload: IpcEventPayload<E>) => void): () => void };
  audit: AdminAudit;
  /** throws admin_locked / admin_forbidden unless the session is an admin's */
  requireAdmin: (session: string) => void;
}

const NO_DEVICE_LAYER = 'this kiosk runs without a device layer (no devices were given to the core)';

/** The settings piece a choice makes, kept fields the screen does not edit (the thermometer's offset). */
export function applyDeviceChoice(devices: KioskDeviceSettings, choice: DeviceChoice): KioskDeviceSettings {
  const port = choice.kind === 'camera' || choice.port === undefined ? {} : { port: choice.port };
  const baudRate = choice.kind === 'camera' || choice.baudRate === undefined ? {} : { baudRate: choice.baudRate };
  switch (choice.kind) {
    case 'idReader':
      return { ...devices, idReader: { enabled: choice.enabled, ...port, ...baudRate } };
    case 'thermometer':
      return {
        ...devices,
        thermometer: {
          enabled: choice.enabled,
          model: choice.model,
          ...port,
          ...baudRate,
          ...(devices.thermometer.offsetC === undefined ? {} : { offsetC: devices.thermometer.offsetC }),
        },
      };
    case 'printer':
      return {
        ...devices,
        printer: {
          kind: choice.printerKind,
          paperWidthMm: choice.paperWidthMm,
          ...port,
          ...(choice.host === undefined ? {} : { host: choice.host }),
          ...baudRate,
        },
      };
    case 'scanner':
      return { ...devices, scanner: { enabled: choice.enabled, ...port, ...baudRate } };
    case 'camera':
      return {
        ...devices,
        camera: {
          ...(choice.deviceId === undefined ? {} : { deviceId: choice.deviceId }),
          ...(choice.label === undefined ? {} : { label: choice.label }),
        },
      };
  }
}

type Scalar = string | number | boolean;
/** The fields of one device's settings that differ, old → new ('' for a field not set). */
export function changedFields(before: object, after: object): { field: string; old: Scalar; new: Scalar }[] {
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  const value = (v: unknown): Scalar => (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : '');
  return [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => b[k] !== a[k]).map((k) => ({ field: k, old: value(b[k]), new: value(a[k]) }));
}

/** A port another device already opens: two drivers on one line would break both. */
function portTakenBy(devices: KioskDeviceSettings, kind: DeviceChoice['kind'], port: string | undefined): string | undefined {
  if (port === undefined) return undefined;
  const users: [string, string | undefined, boolean][] = [
    ['idReader', devices.idReader.port, devices.idReader.enabled],
    ['thermometer', devices.thermometer.port, devices.thermometer.enabled],
    ['printer', devices.printer.port, devices.printer.kind !== 'none'],
    ['scanner', devices.scanner.port, devices.scanner.enabled],
  ];
  return users.find(([k, p, on]) => k !== kind && on && p === port)?.[0];
}

const cardTestOf = (read: IdCardRead): AdminCardTest => ({
  result: 'read',
  cardType: read.cardType,
  nameMasked: maskName(read.name),
  idNumberMasked: read.idNumberMasked,
  validUntil: read.validUntil,
  readAt: read.readAt,
});

export function deviceCalls(deps: DeviceCallsDeps): HandlerTable<typeof adminDeviceCalls> {
  const scans: { text: string; at: string }[] = [];
  deps.events.on('device.qr', (scan) => {
    if (scan.source !== 'serial') return;
    scans.unshift({ text: redactText(scan.text).slice(0, 200), at: scan.at });
    scans.length = Math.min(scans.length, SCANS_KEPT);
  });

  const detection = async (): Promise<DeviceDetection> =>
    deps.detect
      ? deps.detect()
      : {
          serialPorts: { ok: false, error: NO_DEVICE_LAYER },
          hidDevices: { ok: false, error: NO_DEVICE_LAYER },
          systemPrinters: { items: [], reason: NO_DEVICE_LAYER },
        };

  return {
    'admin.deviceSetup': async ({ session }) => {
      deps.requireAdmin(session);
      return { settings: deps.settings().devices, states: deps.states(), detection: await detection() };
    },

    'admin.saveDevice': async ({ session, device }) => {
      deps.requireAdmin(session);
      const before = deps.settings().devices;
      const port = device.kind === 'camera' ? undefined : device.port;
      const enabled = device.kind === 'printer' ? device.printerKind !== 'none' : device.kind === 'camera' || device.enabled;
      // by the settings, and by what the device layer has open (it may run devices the settings do not name: simulators)
      const taken = enabled
        ? (portTakenBy(before, device.kind, port) ?? deps.states().find((s) => s.kind !== device.kind && port !== undefined && s.address === port)?.kind)
        : undefined;
      if (taken)
        throw new IpcCallError('admin_device_port_taken', `the port ${port} is already the ${taken}'s: choose another port, or change the ${taken} first`);
      const next = applyDeviceChoice(before, device);
      const changes = changedFields(before[device.kind], next[device.kind]);
      if (changes.length > 0) {
        try {
          await deps.updateSettings((current) => ({ ...current, devices: applyDeviceChoice(current.devices, device) }));
        } catch (err) {
          if (err instanceof IpcCallError) throw err;
          log.error(`device settings could not be saved: ${messageOf(err)}`);
          throw new IpcCallError('admin_device_not_saved', `the device settings could not be saved: ${messageOf(err)}`);
        }
        log.info(`device settings changed at the kiosk: ${changes.map((c) => `${device.kind}.${c.field} ${String(c.old)} → ${String(c.new)}`).join(', ')}`);
        for (const c of changes) await deps.audit.record('setting.changed', { key: `devices.${device.kind}.${c.field}`, old: c.old, new: c.new });
      }
      return { settings: deps.settings().devices, states: deps.states() };
    },

    'admin.testIdReader': async ({ session, waitS }) => {
      deps.requireAdmin(session);
      const state = deps.states().find((s) => s.kind === 'idReader');
      if (!state || !['ready', 'busy'].includes(state.status)) {
        await deps.audit.record('device.test', { device: 'idReader', result: 'unavailable' });
        throw new IpcCallError('admin_device_not_ready', `the ID card reader is not ready (${state?.status ?? 'not configured'})`);
      }
      log.info(`device test: ID card reader (waiting up to ${waitS} s for a card)`);
      const read = await new Promise<IdCardRead | undefined>((resolve) => {
        const timer = setTimeout(() => {
          off();
          resolve(undefined);
        }, waitS * 1000);
        const off = deps.events.on('device.idCard', (card) => {
          clearTimeout(timer);
          off();
          resolve(card);
        });
      });
      await deps.audit.record('device.test', { device: 'idReader', result: read ? 'read' : 'no_card' });
      return read ? cardTestOf(read) : { result: 'no_card' as const };
    },

    'admin.testScanner': async ({ session }) => {
      deps.requireAdmin(session);
      await deps.audit.record('device.test', { device: 'scanner', result: scans.length > 0 ? 'scans' : 'none' });
      return { scans: [...scans] };
    },
  };
}
