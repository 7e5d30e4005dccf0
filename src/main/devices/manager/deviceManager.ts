/**
 * The device manager: the registry's device modules (src/main/devices/registry.ts) bound to the kiosk's
 * `KioskDeviceSettings`. It finds unconfigured serial devices by probing the ports `SerialPort.list()` reports,
 * opens the enabled devices, keeps each device's `DeviceState` and hands every state change and every device event
 * (a card read, a code scanned: raw) to its listeners. It holds no policy: what a reading means, which card is kept
 * and what the renderer receives are the kiosk core's (src/main/core/devices.ts).
 */
import { SerialPort } from 'serialport';
import type { KioskDeviceSettings } from '../../../shared/domain';
import type { DeviceState } from '../../../shared/ipc';
import { DeviceUnavailableError, type DeviceStateReport, type RunningDevice } from '../module';
import { DEVICE_MODULES } from '../registry';
import type { PassPrintData } from '../printer/passJob';
import type { PrintResult } from '../printer/driver';
import type { RawTemperature } from '../thermometer/module';
import type { SerialPortInfo } from '../transport/discovery';
import { detectDevices } from '../detection';
import type { DeviceDetection } from '../../../shared/deviceSetup';

export { DeviceUnavailableError } from '../module';
export type { RawTemperature } from '../thermometer/module';

type Module = (typeof DEVICE_MODULES)[number];
export type ManagedKind = Module['kind'];
type ModuleOf<K extends ManagedKind> = Extract<Module, { kind: K }>;
/** what `device(kind)` answers once that device is open */
export type RunningOf<K extends ManagedKind> = Exclude<Awaited<ReturnType<ModuleOf<K>['open']>>, undefined>;
type TuningOf<M extends Module> = Exclude<Parameters<M['open']>[2], undefined>;
type EventOf<M extends Module> = Parameters<Parameters<M['open']>[1]['emit']>[0];

/** every module's events: `card` (ID card reader), `scan` (scanner), ... */
export type DeviceEvent = Module extends infer M ? (M extends Module ? EventOf<M> : never) : never;
export type DeviceManagerEvent = { type: 'state'; state: DeviceState } | DeviceEvent;

/** each module's driver tuning, under its kind */
export type DeviceTunings = { [M in Module as M['kind']]?: TuningOf<M> };

export interface DeviceManagerOptions extends DeviceTunings {
  settings: KioskDeviceSettings;
  /** probe serial ports for enabled devices without a configured port, default true */
  autoDetect?: boolean;
  /** the ports to probe, default `SerialPort.list()` */
  listPorts?: () => Promise<SerialPortInfo[]>;
  /** probe timeout per attempt, default 400 ms */
  probeTimeoutMs?: number;
  log?: (line: string) => void;
}

export interface DeviceManager {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** one state per managed kind, in registry order */
  list(): DeviceState[];
  /** state changes and device events, from now on; returns the unsubscribe */
  on(listener: (event: DeviceManagerEvent) => void): () => void;
  /** the open device of a kind (undefined when disabled, not found or stopped) */
  device<K extends ManagedKind>(kind: K): RunningOf<K> | undefined;
  /** the printer setting this manager runs with (the one it was built from, or the last reconfigured) */
  readonly printerKind: KioskDeviceSettings['printer']['kind'];
  /**
   * Applies `settings[kind]` to that one device: its module is bound to them again and, when the manager runs, the
   * device is stopped and opened again (auto-detected when they name no port); the other devices are left as they
   * are. Reconfigurations run one after another.
   */
  reconfigure(kind: ManagedKind, settings: KioskDeviceSettings): Promise<void>;
  /** prints raw ESC/POS bytes, or a pass rendered for the configured paper width; DeviceUnavailableError without a printer */
  print(job: Uint8Array | PassPrintData): Promise<PrintResult>;
  /** one raw measurement (median of N, no offset); DeviceUnavailableError without a thermometer */
  measureTemperature(): Promise<RawTemperature>;
  /** the ports auto-detection settled on, per kind */
  readonly detected: Partial<Record<ManagedKind, string>>;
  /** what the machine has (serial ports through `listPorts`, HID devices), matched against our models; never throws */
  detect(): Promise<DeviceDetection>;
}

export const MANAGED_KINDS: readonly ManagedKind[] = DEVICE_MODULES.map((m) => m.kind);

/** Whether the settings turn a device on (the printer: any kind but 'none'). */
export function isDeviceEnabled(settings: KioskDeviceSettings, kind: ManagedKind): boolean {
  return DEVICE_MODULES.some((m) => m.kind === kind && m.bind(settings, {}).enabled);
}

export function createDeviceManager(options: DeviceManagerOptions): DeviceManager {
  let printerKind = options.settings.printer.kind;
  const probeTimeoutMs = options.probeTimeoutMs ?? 400;
  const log = options.log ?? (() => undefined);
  const listPorts = options.listPorts ?? (() => SerialPort.list() as Promise<SerialPortInfo[]>); // PortInfo does not resolve through serialport's types (discovery.ts)
  const bound = DEVICE_MODULES.map((m) => m.bind(options.settings, options));

  const states = new Map<ManagedKind, DeviceState>();
  const running = new Map<ManagedKind, RunningDevice>();
  const listeners = new Set<(event: DeviceManagerEvent) => void>();
  const detected: Partial<Record<ManagedKind, string>> = {};
  let started = false;

  const publish = (event: DeviceManagerEvent): void => {
    for (const l of [...listeners]) l(event);
  };

  const setState = (kind: ManagedKind, report: DeviceStateReport): void => {
    const { status, address, detail, paper } = report;
    const prev = states.get(kind);
    if (prev && prev.status === status && prev.address === address && prev.detail === detail && prev.paper === paper) return;
    const s: DeviceState = {
      kind,
      status,
      ...(address === undefined ? {} : { address }),
      ...(detail === undefined ? {} : { detail }),
      ...(paper === undefined ? {} : { paper }),
      updatedAt: new Date().toISOString(),
    };
    states.set(kind, s);
    publish({ type: 'state', state: s });
  };

  for (const b of bound) setState(b.kind, { status: b.enabled ? 'disconnected' : 'disabled' });

  /** Probes unclaimed ports for the enabled devices (of `only`, default all) that have no port configured. */
  async function autoDetect(only?: ManagedKind): Promise<void> {
    const wanted = bound
      .flatMap((b) => (b.detect && (only === undefined || b.kind === only) ? [{ kind: b.kind, detect: b.detect }] : []))
      .sort((a, b) => a.detect.order - b.detect.order);
    if (wanted.length === 0) return;
    // a port another device claims or was detected on is not probed (it may be open)
    const inUse = [...bound.map((b) => b.claimedPort), ...Object.values(detected)];
    const configured = new Set(inUse.filter((p): p is string => !!p));
    let ports: SerialPortInfo[];
    try {
      ports = (await listPorts()).filter((p) => !configured.has(p.path));
    } catch (e) {
      log(`listing serial ports failed: ${(e as Error).message}`);
      return;
    }
    await Promise.all(
      ports.map(async ({ path }) => {
        for (const { kind, detect } of wanted) {
          if (detected[kind]) continue;
          if (await detect.probe(path, { timeoutMs: probeTimeoutMs, log })) {
            if (!detected[kind]) detected[kind] = path;
            return;
          }
        }
      }),
    );
  }

  async function start(): Promise<void> {
    if (started) return;
    started = true;
    if (options.autoDetect ?? true) await autoDetect();
    for (const b of bound) await open(b);
  }

  async function open(b: (typeof bound)[number]): Promise<void> {
    if (!b.enabled) return;
    const device = await b.open({
      report: (s) => setState(b.kind, s),
      emit: (event: DeviceEvent) => publish(event),
      log,
      detectedPort: detected[b.kind],
    });
    if (device) running.set(b.kind, device);
  }

  let reconfiguring: Promise<void> = Promise.resolve();
  async function reopen(kind: ManagedKind, settings: KioskDeviceSettings): Promise<void> {
    const index = bound.findIndex((b) => b.kind === kind);
    const module = DEVICE_MODULES[index];
    if (!module) throw new Error(`no device module of kind ${kind}`);
    const rebound = module.bind(settings, options);
    const previous = running.get(kind);
    running.delete(kind);
    await previous?.stop();
    bound[index] = rebound;
    Reflect.deleteProperty(detected, kind);
    if (kind === 'printer') printerKind = settings.printer.kind;
    setState(kind, { status: rebound.enabled ? 'disconnected' : 'disabled', ...(rebound.enabled ? { detail: 'reconfigured' } : {}) });
    log(`${kind} reconfigured (${rebound.enabled ? 'enabled' : 'disabled'})`);
    if (!started || !rebound.enabled) return;
    if (options.autoDetect ?? true) await autoDetect(kind);
    await open(rebound);
  }

  async function stop(): Promise<void> {
    started = false;
    // a reconfiguration under way finishes first (it opens nothing once stopped), then everything open is stopped
    await reconfiguring;
    const open = [...running.values()];
    running.clear();
    await Promise.all(open.map((d) => d.stop()));
    for (const b of bound) {
      setState(b.kind, { status: b.enabled ? 'disconnected' : 'disabled', address: states.get(b.kind)?.address, ...(b.enabled ? { detail: 'stopped' } : {}) });
    }
  }

  function device<K extends ManagedKind>(kind: K): RunningOf<K> | undefined {
    // the map holds what kind's own module opened
    return running.get(kind) as RunningOf<K> | undefined;
  }

  function need<K extends ManagedKind>(kind: K): RunningOf<K> {
    const d = device(kind);
    if (!d) throw new DeviceUnavailableError(kind, bound.find((b) => b.kind === kind)?.unavailable ?? `no ${kind} is connected`);
    return d;
  }

  return {
    start,
    stop,
    detected,
    get printerKind() {
      return printerKind;
    },
    reconfigure(kind, settings) {
      const next = reconfiguring.then(() => reopen(kind, settings));
      reconfiguring = next.catch(() => undefined);
      return next;
    },
    list: () => bound.map((b) => states.get(b.kind)).filter((s): s is DeviceState => !!s),
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    device,
    detect: () => detectDevices({ serialPorts: listPorts }),
    print: async (job) => need('printer').print(job),
    measureTemperature: async () => need('thermometer').measure(),
  };
}
