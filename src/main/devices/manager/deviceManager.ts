/**
 * The kiosk core's device manager: builds the ID card reader, thermometer, pass printer and QR scanner from
 * `KioskDeviceSettings`, finds unconfigured serial devices by probing the ports `SerialPort.list()` reports,
 * keeps each device's `DeviceState`, and emits the IPC events `device.state`, `device.idCard` (ID number masked;
 * the full card stays here under a random `cardRef` until taken or purged) and `device.qr` through the core
 * bus's `emit`. The thermometer answers raw readings (°C, no offset): the core applies the calibration offset and
 * decides `abnormal` against the live threshold.
 */
import { randomUUID } from 'node:crypto';
import { SerialPort } from 'serialport';
import type { KioskDeviceSettings } from '../../../shared/domain';
import { IdCardRead, type DeviceKind, type DeviceState, type PaperLevel, type IpcEventName, type IpcEventPayload, type QrScan } from '../../../shared/ipc';
import { IdCardReaderDriver, probeIdCardReader, toIdCardRead, type IdCard, type IdCardReaderOptions } from '../idcard';
import { EscPosPrinter, createPrinterTransport, probePrinter, type PrintResult } from '../printer/driver';
import { passLayout, renderPassJob, type PassLayout, type PassPrintData } from '../printer/passJob';
import { ScannerDriver, type ScannerOptions } from '../scanner/driver';
import { ThermometerDriver, probeThermometer, type ThermometerOptions } from '../thermometer/driver';
import type { ThermoModel } from '../thermometer/codec';
import type { SerialPortInfo } from '../transport/discovery';
import { SerialTransport } from '../transport/serialTransport';
import { HidTransport } from '../transport/hidTransport';
import { parseVidPid } from '../transport/usbBulkTransport';
import type { ByteTransport } from '../transport/transport';

export type DeviceEventName = Extract<IpcEventName, 'device.state' | 'device.idCard' | 'device.qr'>;

/** One thermometer measurement as the device gives it: the median reading, before any calibration offset. */
export interface RawTemperature {
  celsius: number;
  at: Date;
}

/** The core bus's emit (any emit over all IPC events fits). */
export type DeviceEmit = <E extends DeviceEventName>(name: E, payload: IpcEventPayload<E>) => void;

export type ManagedKind = Exclude<DeviceKind, 'camera'>;

export interface DeviceManagerOptions {
  settings: KioskDeviceSettings;
  emit: DeviceEmit;
  /** probe serial ports for enabled devices without a configured port, default true */
  autoDetect?: boolean;
  /** the ports to probe, default `SerialPort.list()` */
  listPorts?: () => Promise<SerialPortInfo[]>;
  /** how long a read card is kept for registration, default 5 minutes */
  cardTtlMs?: number;
  /** tuning passed to the drivers */
  thermometer?: Omit<ThermometerOptions, 'transport' | 'model' | 'thresholdC' | 'offsetC'> & { baudRate?: number };
  idReader?: Omit<IdCardReaderOptions, 'transport'>;
  printer?: { baudRate?: number; statusTimeoutMs?: number; layout?: Partial<Omit<PassLayout, 'paperWidthMm'>> };
  /** settings.scanner.port may be a serial path or `hid:VID:PID` for a HID-POS scanner */
  scanner?: Omit<ScannerOptions, 'transport'> & { baudRate?: number };
  /** probe timeout per attempt, default 400 ms */
  probeTimeoutMs?: number;
  log?: (line: string) => void;
}

export interface DeviceManager {
  start(): Promise<void>;
  stop(): Promise<void>;
  list(): DeviceState[];
  /** the printer setting this manager was built from */
  readonly printerKind: KioskDeviceSettings['printer']['kind'];
  /** prints raw ESC/POS bytes, or a pass rendered for the configured paper width */
  print(job: Uint8Array | PassPrintData): Promise<PrintResult>;
  /** one raw measurement (median of N, no offset); the core turns it into a reading */
  measureTemperature(): Promise<RawTemperature>;
  /** the full card behind a `cardRef` from a `device.idCard` event; removes it (undefined when unknown/expired) */
  takeCard(cardRef: string): IdCard | undefined;
  /** the full card and the view sent in its `device.idCard` event, left in place (undefined when unknown/expired) */
  peekCard(cardRef: string): { card: IdCard; read: IdCardRead } | undefined;
  /** the ports auto-detection settled on, per kind */
  readonly detected: Partial<Record<ManagedKind, string>>;
}

export class DeviceUnavailableError extends Error {
  constructor(
    readonly kind: ManagedKind,
    message: string,
  ) {
    super(message);
    this.name = 'DeviceUnavailableError';
  }
}

export const MANAGED_KINDS: readonly ManagedKind[] = ['idReader', 'thermometer', 'printer', 'scanner'];

/** Whether the settings turn a device on (the printer: any kind but 'none'). */
export function isDeviceEnabled(settings: KioskDeviceSettings, kind: ManagedKind): boolean {
  switch (kind) {
    case 'idReader':
      return settings.idReader.enabled;
    case 'thermometer':
      return settings.thermometer.enabled;
    case 'printer':
      return settings.printer.kind !== 'none';
    case 'scanner':
      return settings.scanner.enabled;
  }
}

export function createDeviceManager(options: DeviceManagerOptions): DeviceManager {
  const { settings, emit } = options;
  const cardTtlMs = options.cardTtlMs ?? 5 * 60_000;
  const probeTimeoutMs = options.probeTimeoutMs ?? 400;
  const log = options.log ?? (() => undefined);
  const listPorts = options.listPorts ?? (() => SerialPort.list());

  const states = new Map<ManagedKind, DeviceState>();
  const cards = new Map<string, { card: IdCard; read: IdCardRead; expiresAt: number }>();
  const detected: Partial<Record<ManagedKind, string>> = {};
  const offs: (() => void)[] = [];
  let idReader: IdCardReaderDriver | undefined;
  let thermometer: ThermometerDriver | undefined;
  let printer: EscPosPrinter | undefined;
  let scanner: ScannerDriver | undefined;
  let purgeTimer: ReturnType<typeof setInterval> | undefined;
  let started = false;

  const setState = (kind: ManagedKind, status: DeviceState['status'], address?: string, detail?: string, paper?: PaperLevel): void => {
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
    emit('device.state', s);
  };

  for (const kind of MANAGED_KINDS) setState(kind, isDeviceEnabled(settings, kind) ? 'disconnected' : 'disabled');

  const purge = (): void => {
    const now = Date.now();
    for (const [ref, c] of cards) if (c.expiresAt <= now) cards.delete(ref);
  };

  const onCard = (card: IdCard): void => {
    purge();
    const cardRef = randomUUID();
    // the renderer's view: ID number masked (checked against the contract before it leaves)
    const read = IdCardRead.parse(toIdCardRead(card, cardRef));
    cards.set(cardRef, { card, read, expiresAt: Date.now() + cardTtlMs });
    emit('device.idCard', read);
  };

  /** Probes unclaimed ports for the enabled devices that have no port configured. */
  async function autoDetect(): Promise<void> {
    const want = {
      idReader: settings.idReader.enabled && !settings.idReader.port,
      thermometer: settings.thermometer.enabled && !settings.thermometer.port,
      printer: settings.printer.kind === 'escpos-serial' && !settings.printer.port,
    };
    if (!want.idReader && !want.thermometer && !want.printer) return;
    const configured = new Set([settings.idReader.port, settings.thermometer.port, settings.printer.port, settings.scanner.port].filter((p): p is string => !!p));
    let ports: SerialPortInfo[];
    try {
      ports = (await listPorts()).filter((p) => !configured.has(p.path));
    } catch (e) {
      log(`listing serial ports failed: ${(e as Error).message}`);
      return;
    }
    const model: ThermoModel = settings.thermometer.model;
    const thermoBauds = options.thermometer?.baudRate ? [options.thermometer.baudRate] : model === 'gy' ? [9600, 115200] : [9600];
    await Promise.all(
      ports.map(async ({ path }) => {
        if (want.thermometer && !detected.thermometer) {
          for (const baud of thermoBauds) {
            if (await probeThermometer(new SerialTransport(path, baud), model, probeTimeoutMs)) {
              if (!detected.thermometer) detected.thermometer = path;
              log(`thermometer (${model}) found on ${path} at ${baud}`);
              return;
            }
          }
        }
        if (want.printer && !detected.printer) {
          if (await probePrinter(new SerialTransport(path, options.printer?.baudRate ?? 9600), probeTimeoutMs)) {
            if (!detected.printer) detected.printer = path;
            log(`ESC/POS printer found on ${path}`);
            return;
          }
        }
        if (want.idReader && !detected.idReader) {
          const baudRates = settings.idReader.baudRate ? [settings.idReader.baudRate] : undefined;
          if (await probeIdCardReader((baud) => new SerialTransport(path, baud), { timeoutMs: probeTimeoutMs, ...(baudRates ? { baudRates } : {}) })) {
            if (!detected.idReader) detected.idReader = path;
            log(`ID card reader found on ${path}`);
          }
        }
      }),
    );
  }

  async function start(): Promise<void> {
    if (started) return;
    started = true;
    if (options.autoDetect ?? true) await autoDetect();
    purgeTimer = setInterval(purge, Math.min(30_000, cardTtlMs));
    purgeTimer.unref?.();

    // ID card reader
    if (settings.idReader.enabled) {
      const port = settings.idReader.port ?? detected.idReader;
      if (!port) setState('idReader', 'disconnected', undefined, 'no port configured or detected');
      else {
        const baud = settings.idReader.baudRate;
        idReader = IdCardReaderDriver.serial(port, { ...options.idReader, ...(baud ? { baudRates: [baud] } : {}) });
        const d = idReader;
        offs.push(
          d.on('state', (s) => setState('idReader', s.status, port, s.detail)),
          d.on('card', onCard),
        );
        d.start();
      }
    }

    // thermometer
    if (settings.thermometer.enabled) {
      const port = settings.thermometer.port ?? detected.thermometer;
      if (!port) setState('thermometer', 'disconnected', undefined, 'no port configured or detected');
      else {
        const { baudRate, ...tuning } = options.thermometer ?? {};
        const model = settings.thermometer.model;
        thermometer = new ThermometerDriver({
          ...tuning,
          transport: new SerialTransport(port, baudRate ?? 9600),
          model,
        });
        offs.push(thermometer.on('state', (s) => setState('thermometer', s.status, s.address, s.detail)));
        await thermometer.start();
      }
    }

    // printer
    if (settings.printer.kind !== 'none') {
      if (settings.printer.kind === 'system') setState('printer', 'ready', 'system', 'printed by the operating system');
      else {
        const port = settings.printer.port ?? (settings.printer.kind === 'escpos-serial' ? detected.printer : undefined);
        const transport = createPrinterTransport({ ...settings.printer, ...(port ? { port } : {}), baudRate: options.printer?.baudRate });
        if (!transport) setState('printer', 'disconnected', undefined, 'no printer address configured or detected');
        else {
          printer = new EscPosPrinter({ transport, ...(options.printer?.statusTimeoutMs ? { statusTimeoutMs: options.printer.statusTimeoutMs } : {}) });
          offs.push(printer.on('state', (s) => setState('printer', s.status, s.address, s.detail, s.paper)));
          await printer.start();
        }
      }
    }

    // scanner
    if (settings.scanner.enabled) {
      const port = settings.scanner.port;
      if (!port) setState('scanner', 'disconnected', undefined, 'no port configured (serial scanners are not auto-detected)');
      else {
        const { baudRate, ...tuning } = options.scanner ?? {};
        // "hid:VID:PID" = a HID-POS scanner (usage page 0x8C) through node-hid; anything else is a serial port
        const hid = /^hid:(.+)$/i.exec(port);
        const transport: ByteTransport = hid ? new HidTransport({ ...parseVidPid(hid[1]!), stripReportId: false }) : new SerialTransport(port, baudRate ?? 9600);
        scanner = new ScannerDriver({ ...tuning, transport, framing: hid ? 'hid-pos' : (tuning.framing ?? 'lines') });
        offs.push(
          scanner.on('state', (s) => setState('scanner', s.status, s.address, s.detail)),
          scanner.on('scan', (s) => {
            const scan: QrScan = { text: s.text.slice(0, 4096), source: 'serial', at: s.at.toISOString() };
            emit('device.qr', scan);
          }),
        );
        await scanner.start();
      }
    }
  }

  async function stop(): Promise<void> {
    started = false;
    if (purgeTimer) clearInterval(purgeTimer);
    purgeTimer = undefined;
    await Promise.all([idReader?.stop(), thermometer?.stop(), printer?.stop(), scanner?.stop()]);
    for (const off of offs.splice(0)) off();
    idReader = undefined;
    thermometer = undefined;
    printer = undefined;
    scanner = undefined;
    cards.clear();
    for (const kind of MANAGED_KINDS) {
      const on = isDeviceEnabled(settings, kind);
      setState(kind, on ? 'disconnected' : 'disabled', states.get(kind)?.address, on ? 'stopped' : undefined);
    }
  }

  return {
    start,
    stop,
    detected,
    printerKind: settings.printer.kind,
    list: () => MANAGED_KINDS.map((k) => states.get(k)!).filter(Boolean),
    async print(job) {
      if (!printer) throw new DeviceUnavailableError('printer', settings.printer.kind === 'system' ? 'system printing is done by the host, not the device manager' : 'no ESC/POS printer is connected');
      const bytes = job instanceof Uint8Array ? job : renderPassJob(job, passLayout(settings.printer.paperWidthMm, options.printer?.layout));
      return printer.print(bytes);
    },
    async measureTemperature() {
      if (!thermometer) throw new DeviceUnavailableError('thermometer', 'no thermometer is connected');
      const m = await thermometer.measure();
      return { celsius: m.celsius, at: m.at };
    },
    takeCard(cardRef) {
      purge();
      const c = cards.get(cardRef);
      cards.delete(cardRef);
      return c?.card;
    },
    peekCard(cardRef) {
      purge();
      const c = cards.get(cardRef);
      return c ? { card: c.card, read: c.read } : undefined;
    },
  };
}
