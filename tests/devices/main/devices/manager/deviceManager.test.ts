import { afterEach, describe, expect, it } from 'vitest';
import { KioskDeviceSettings } from '../../../../../src/shared/domain';
import { DeviceState, IdCardRead, QrScan, TemperatureReading, type IpcEventName } from '../../../../../src/shared/ipc';
import { startSimulatedReader, type SimulatedReader } from '../../../../../src/main/devices/idcard/simPty';
import { FAST_LATENCY } from '../../../../../src/main/devices/idcard/simulator';
import { FIXTURES } from '../../../../../src/main/devices/idcard/fixtures';
import { createDeviceManager, DeviceUnavailableError, MANAGED_KINDS, type DeviceManager } from '../../../../../src/main/devices/manager/deviceManager';
import { DEVICE_MODULES } from '../../../../../src/main/devices/registry';
import { serveThermometerOnPty, type ThermometerOnPty } from '../../../../../src/main/devices/thermometer/simulator';
import { servePrinterOnPty, type PrinterOnPty } from '../../../../../src/main/devices/printer/simulator';
import { serveScannerOnPty, type ScannerOnPty } from '../../../../../src/main/devices/scanner/simulator';
import { KioskEventBus } from '../../../../../src/main/core/events';
import { createDeviceDesk, temperatureReading, type DeviceDesk, type DeviceEmit, type DevicesPort } from '../../../../../src/main/core/devices';

const POLICY = { thresholdC: 37.3, offsetC: 0 };

interface Emitted {
  name: IpcEventName;
  payload: unknown;
}

function recorder() {
  const events: Emitted[] = [];
  const waiters: { name: string; pred: (p: unknown) => boolean; resolve: (p: unknown) => void }[] = [];
  return {
    events,
    emit: (name: IpcEventName, payload: unknown) => {
      events.push({ name, payload });
      for (const w of [...waiters])
        if (w.name === name && w.pred(payload)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(payload);
        }
    },
    next: (name: IpcEventName, pred: (p: unknown) => boolean = () => true): Promise<unknown> =>
      new Promise((resolve) => {
        const seen = events.find((e) => e.name === name && pred(e.payload));
        if (seen) return resolve(seen.payload);
        waiters.push({ name, pred, resolve });
      }),
  };
}

const FAST_ID = {
  pollIntervalMs: 20,
  timeouts: { probeMs: 300, findMs: 300, selectMs: 300, readMs: 1500, otherMs: 300 },
  reconnect: { initialMs: 30, maxMs: 200 },
};

describe('device manager', () => {
  let manager: DeviceManager | undefined;
  let desk: DeviceDesk | undefined;
  /** the core's policy over the manager (held cards, masking, the events the renderer gets), emitting to `emit` */
  const deskOver = (m: DeviceManager, emit: DeviceEmit, cardTtlMs?: number): DeviceDesk =>
    (desk = createDeviceDesk({ devices: m, emit, temperaturePolicy: () => POLICY, ...(cardTtlMs !== undefined ? { cardTtlMs } : {}) }));
  let reader: SimulatedReader | undefined;
  let thermo: ThermometerOnPty | undefined;
  let printer: PrinterOnPty | undefined;
  let scanner: ScannerOnPty | undefined;
  afterEach(async () => {
    await desk?.close();
    await manager?.stop();
    await Promise.all([reader?.close(), thermo?.close(), printer?.close(), scanner?.close()]);
    manager = desk = reader = thermo = printer = scanner = undefined;
  });

  it('emits a masked device.idCard from the ID simulator and measures with the thermometer (the core judges the reading)', async () => {
    reader = await startSimulatedReader({ latency: FAST_LATENCY, card: FIXTURES.resident });
    thermo = await serveThermometerOnPty({ model: 'lu', temperatureC: 37.6 });
    const rec = recorder();
    const settings = KioskDeviceSettings.parse({
      idReader: { enabled: true, port: reader.path },
      thermometer: { enabled: true, port: thermo.path, model: 'lu' },
    });
    manager = createDeviceManager({ settings, idReader: FAST_ID, thermometer: { samples: 3 } });
    const d = deskOver(manager, rec.emit);
    await manager.start();

    const read = IdCardRead.parse(await rec.next('device.idCard'));
    expect(read.idNumberMasked).toBe('110***********002X');
    expect(read.name).toBe('李秀英');
    expect(read.cardType).toBe('resident');
    expect(JSON.stringify(rec.events)).not.toContain('11010519491231002X');
    await rec.next('device.state', (s) => (s as DeviceState).kind === 'idReader' && (s as DeviceState).status === 'ready');

    const card = d.takeCard(read.cardRef);
    expect(card?.card.idNumber).toBe('11010519491231002X');
    expect(card?.read).toEqual(read);
    expect(d.takeCard(read.cardRef)).toBeUndefined();

    const raw = await manager.measureTemperature();
    expect(raw.celsius).toBe(37.6);
    const reading = TemperatureReading.parse(temperatureReading(raw, POLICY));
    expect(reading).toMatchObject({ celsius: 37.6, abnormal: true, thresholdC: 37.3 });
    expect(temperatureReading(raw, { thresholdC: 37.8, offsetC: 0 }).abnormal).toBe(false);
    expect(temperatureReading(raw, { thresholdC: 37.8, offsetC: 0.2 })).toMatchObject({ celsius: 37.8, abnormal: true });
    expect(rec.events.some((e) => e.name === 'device.temperature')).toBe(false);

    const list = manager.list();
    expect(list.map((s) => s.kind)).toEqual(['idReader', 'thermometer', 'printer', 'scanner']);
    for (const s of list) DeviceState.parse(s);
    expect(list.find((s) => s.kind === 'thermometer')).toMatchObject({ status: 'ready', address: thermo.path });
    expect(list.find((s) => s.kind === 'printer')?.status).toBe('disabled');
    await expect(manager.print(new Uint8Array([0x1b, 0x40]))).rejects.toBeInstanceOf(DeviceUnavailableError);

    await manager.stop();
    expect(manager.list().find((s) => s.kind === 'idReader')?.status).toBe('disconnected');
  });

  it('auto-detects the ID card reader and the thermometer among serial ports', async () => {
    reader = await startSimulatedReader({ latency: FAST_LATENCY, card: FIXTURES.resident });
    thermo = await serveThermometerOnPty({ model: 'lu', temperatureC: 36.6 });
    const rec = recorder();
    manager = createDeviceManager({
      settings: KioskDeviceSettings.parse({ idReader: { enabled: true }, thermometer: { enabled: true, model: 'lu' } }),
      listPorts: () => Promise.resolve([{ path: reader!.path }, { path: thermo!.path }]),
      idReader: FAST_ID,
      thermometer: { samples: 1 },
    });
    deskOver(manager, rec.emit);
    await manager.start();
    expect(manager.detected).toEqual({ idReader: reader.path, thermometer: thermo.path });
    expect(IdCardRead.parse(await rec.next('device.idCard')).idNumberMasked).toBe('110***********002X');
    expect((await manager.measureTemperature()).celsius).toBe(36.6);
  });

  it('purges unclaimed cards after their time to live', async () => {
    reader = await startSimulatedReader({ latency: FAST_LATENCY, card: FIXTURES.J });
    const rec = recorder();
    manager = createDeviceManager({
      settings: KioskDeviceSettings.parse({ idReader: { enabled: true, port: reader.path } }),
      idReader: FAST_ID,
    });
    const d = deskOver(manager, rec.emit, 0);
    await manager.start();
    const read = IdCardRead.parse(await rec.next('device.idCard'));
    expect(read.cardType).toBe('hkmotw_permit');
    expect(d.takeCard(read.cardRef)).toBeUndefined();
  });

  it('auto-detects the thermometer and the printer among serial ports, prints a pass, relays scans', async () => {
    thermo = await serveThermometerOnPty({ model: 'gy', temperatureC: 36.4 });
    printer = await servePrinterOnPty();
    scanner = await serveScannerOnPty({ suffix: 'crlf' });
    const rec = recorder();
    const settings = KioskDeviceSettings.parse({
      thermometer: { enabled: true, model: 'gy' },
      printer: { kind: 'escpos-serial', paperWidthMm: 58 },
      scanner: { enabled: true, port: scanner.path },
    });
    manager = createDeviceManager({
      settings,
      listPorts: () => Promise.resolve([{ path: printer!.path }, { path: thermo!.path }, { path: scanner!.path }]),
      thermometer: { samples: 3, queryIntervalMs: 0 },
    });
    deskOver(manager, rec.emit);
    await manager.start();
    expect(manager.detected).toEqual({ thermometer: thermo.path, printer: printer.path });
    expect(manager.list().find((s) => s.kind === 'printer')).toMatchObject({ status: 'ready', address: printer.path, paper: 'ok' });

    expect(temperatureReading(await manager.measureTemperature(), POLICY).abnormal).toBe(false);

    const job = printer.sim.nextJob();
    await manager.print({
      token: 'PD1.test-token.sig',
      siteName: 'HQ',
      visitorName: '王建国',
      hostName: '李四',
      validFrom: new Date('2026-11-22T01:00:00Z'),
      validUntil: new Date('2026-11-22T10:00:00Z'),
      partySize: 1,
    });
    const j = await job;
    expect(j.qr[0]?.payload).toBe('PD1.test-token.sig');
    expect(j.images[0]?.widthDots).toBe(384);
    expect(j.lines.map((l) => l.text)).toContain('访客: 王*国');

    const qr = rec.next('device.qr');
    await scanner.sim.scan('PD1.scanned.sig');
    expect(QrScan.parse(await qr)).toMatchObject({ text: 'PD1.scanned.sig', source: 'serial' });
  });

  it('fits the core: emits through the KioskEventBus (payloads validated against the contract)', async () => {
    reader = await startSimulatedReader({ latency: FAST_LATENCY, card: FIXTURES.resident2 });
    thermo = await serveThermometerOnPty({ model: 'gy', temperatureC: 36.5 });
    const bus = new KioskEventBus(true);
    const seen: string[] = [];
    bus.onAny((name) => seen.push(name));
    const card = new Promise<IdCardRead>((resolve) => bus.on('device.idCard', resolve));
    manager = createDeviceManager({
      settings: KioskDeviceSettings.parse({
        idReader: { enabled: true, port: reader.path },
        thermometer: { enabled: true, port: thermo.path, model: 'gy' },
        printer: { kind: 'escpos-tcp', host: '127.0.0.1:1' },
      }),
      idReader: FAST_ID,
      thermometer: { samples: 1 },
    });
    const core: DevicesPort = manager;
    deskOver(manager, (name, payload) => bus.emit(name, payload));
    await manager.start();
    expect((await card).idNumberMasked).toBe('440***********1232');
    expect(await desk!.readTemperature()).toMatchObject({ celsius: 36.5, abnormal: false, thresholdC: 37.3 });
    expect(seen).toContain('device.state');
    expect(seen).toContain('device.temperature');
    expect(core.list().find((s) => s.kind === 'printer')).toMatchObject({ status: 'disconnected', address: '127.0.0.1:1' });
  });

  it('reconfigures one device at runtime: the thermometer opened on its new port, closed when disabled, the others untouched', async () => {
    reader = await startSimulatedReader({ latency: FAST_LATENCY, card: FIXTURES.resident });
    thermo = await serveThermometerOnPty({ model: 'lu', temperatureC: 36.8 });
    const rec = recorder();
    const before = KioskDeviceSettings.parse({ idReader: { enabled: true, port: reader.path }, thermometer: { enabled: false, model: 'lu' } });
    manager = createDeviceManager({ settings: before, idReader: FAST_ID, thermometer: { samples: 1 }, autoDetect: false });
    deskOver(manager, rec.emit);
    await manager.start();
    await rec.next('device.idCard');
    // the reader's running device: the same object as long as nobody reopens it
    const readerDevice = manager.device('idReader');
    expect(readerDevice).toBeDefined();
    expect(manager.list().find((s) => s.kind === 'thermometer')?.status).toBe('disabled');
    await expect(manager.measureTemperature()).rejects.toBeInstanceOf(DeviceUnavailableError);

    // enabled on a port: opened at once, without a restart
    await manager.reconfigure('thermometer', { ...before, thermometer: { enabled: true, port: thermo.path, model: 'lu' } });
    await rec.next('device.state', (p) => DeviceState.parse(p).kind === 'thermometer' && DeviceState.parse(p).status === 'ready');
    expect(manager.list().find((s) => s.kind === 'thermometer')).toMatchObject({ status: 'ready', address: thermo.path });
    expect((await manager.measureTemperature()).celsius).toBe(36.8);
    // the ID card reader was left as it was
    expect(manager.device('idReader')).toBe(readerDevice);
    expect(['ready', 'busy']).toContain(manager.list().find((s) => s.kind === 'idReader')?.status);

    // disabled again: stopped, its capabilities unavailable
    await manager.reconfigure('thermometer', before);
    expect(manager.list().find((s) => s.kind === 'thermometer')?.status).toBe('disabled');
    expect(manager.device('thermometer')).toBeUndefined();
    await expect(manager.measureTemperature()).rejects.toBeInstanceOf(DeviceUnavailableError);
    expect(manager.device('idReader')).toBe(readerDevice);
    expect(['ready', 'busy']).toContain(manager.list().find((s) => s.kind === 'idReader')?.status);

    // the printer setting the core prints with follows a reconfiguration
    expect(manager.printerKind).toBe('none');
    await manager.reconfigure('printer', KioskDeviceSettings.parse({ printer: { kind: 'system' } }));
    expect(manager.printerKind).toBe('system');
    expect(manager.list().find((s) => s.kind === 'printer')?.status).toBe('ready');
  });

  it('reports enabled devices without a port as disconnected with a reason', async () => {
    const rec = recorder();
    manager = createDeviceManager({
      settings: KioskDeviceSettings.parse({ thermometer: { enabled: true }, scanner: { enabled: true } }),
      listPorts: () => Promise.resolve([]),
    });
    deskOver(manager, rec.emit);
    await manager.start();
    expect(manager.list().find((s) => s.kind === 'thermometer')).toMatchObject({ status: 'disconnected', detail: 'no port configured or detected' });
    expect(manager.list().find((s) => s.kind === 'scanner')?.status).toBe('disconnected');
    await expect(manager.measureTemperature()).rejects.toThrow(/no thermometer/);
  });

  it('is the registry of device modules: one per kind, each with its piece of KioskDeviceSettings', async () => {
    expect(MANAGED_KINDS).toEqual(['idReader', 'thermometer', 'printer', 'scanner']);
    expect(new Set(DEVICE_MODULES.map((m) => m.kind)).size).toBe(DEVICE_MODULES.length);
    for (const m of DEVICE_MODULES) expect(m.settings).toBe(KioskDeviceSettings.shape[m.kind]);
    const rec = recorder();
    manager = createDeviceManager({ settings: KioskDeviceSettings.parse({ printer: { kind: 'system' } }), autoDetect: false });
    const events: string[] = [];
    manager.on((e) => events.push(e.type === 'state' ? `${e.state.kind}:${e.state.status}` : e.type));
    deskOver(manager, rec.emit);
    await manager.start();
    expect(manager.device('printer')).toBeUndefined();
    expect(events).toEqual(['printer:ready']);
    expect(manager.list().map((s) => [s.kind, s.status])).toEqual([
      ['idReader', 'disabled'],
      ['thermometer', 'disabled'],
      ['printer', 'ready'],
      ['scanner', 'disabled'],
    ]);
    // the core's desk relayed the states it found at attach and the change since
    expect(rec.events.filter((e) => e.name === 'device.state').map((e) => (e.payload as DeviceState).kind)).toEqual([
      'idReader',
      'thermometer',
      'printer',
      'scanner',
      'printer',
    ]);
    await expect(manager.print(new Uint8Array([0x1b, 0x40]))).rejects.toThrow(/system printing/);
  });
});
