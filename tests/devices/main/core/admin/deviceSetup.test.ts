/**
 * The admin devices section against real drivers on socat ptys (issue 11): what the machine has (the real
 * SerialPort.list() and node-hid, shaped, never throwing), an ID card reader moved to a second simulator's pty at
 * the admin screen (saved in settings.json, audited, the reader reopened there before the answer, a card read there
 * shown masked), the scanner's last scans masked, and bad choices refused with a clear error and nothing saved.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatchIpcCall } from '../../../../../src/main/core/ipcHandlers';
import { createKioskCore, type KioskCore } from '../../../../../src/main/core/kioskCore';
import { settingsPath } from '../../../../../src/main/core/settings';
import { FIXTURES } from '../../../../../src/main/devices/idcard/fixtures';
import { startSimulatedReader, type SimulatedReader } from '../../../../../src/main/devices/idcard/simPty';
import { FAST_LATENCY } from '../../../../../src/main/devices/idcard/simulator';
import { createDeviceManager } from '../../../../../src/main/devices/manager/deviceManager';
import { serveScannerOnPty, type ScannerOnPty } from '../../../../../src/main/devices/scanner/simulator';
import { detectDevices } from '../../../../../src/main/devices/detection';
import { KioskDeviceSettings } from '../../../../../src/shared/domain';
import { OFFLINE_CLOUD_URL, output, tempDir } from '../../../../support/kiosk/helpers';

const PIN = '204817';

/** polls `ok` until it holds (at most 8 s) */
async function waitForState(ok: () => boolean, what: string): Promise<void> {
  const until = Date.now() + 8000;
  while (!ok()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
const FAST_ID = {
  pollIntervalMs: 20,
  timeouts: { probeMs: 300, findMs: 300, selectMs: 300, readMs: 1500, otherMs: 300 },
  reconnect: { initialMs: 30, maxMs: 200 },
};

describe('device setup at the admin screen', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('lists the serial ports, HID devices and system printers the machine has, shaped, without throwing (real SerialPort.list, node-hid, lpstat)', async () => {
    const detection = await detectDevices();
    if (detection.serialPorts.ok) for (const p of detection.serialPorts.items) expect(p.path).toMatch(/^(\/dev\/|COM)/);
    else expect(detection.serialPorts.error).not.toBe('');
    // node-hid loads here (an empty list in a container); where it cannot, the reason is given instead
    expect(detection.hidDevices.ok || detection.hidDevices.error.length > 0).toBe(true);
    // CUPS' lpstat where it is installed and its scheduler runs; otherwise an empty list that says why
    const printers = detection.systemPrinters;
    expect(printers.items.length > 0 || (printers.reason ?? '').length > 0).toBe(true);
    // a lister that fails is reported, the other still answers
    const failing = await detectDevices({ serialPorts: () => Promise.reject(new Error('no /sys here')), hidDevices: () => Promise.resolve([]) });
    expect(failing.serialPorts).toEqual({ ok: false, error: 'no /sys here' });
    expect(failing.hidDevices).toEqual({ ok: true, items: [] });
  });

  async function coreWithReaderAndScanner(): Promise<{
    core: KioskCore;
    first: SimulatedReader;
    second: SimulatedReader;
    scanner: ScannerOnPty;
    session: string;
  }> {
    const first = await startSimulatedReader({ latency: FAST_LATENCY });
    const second = await startSimulatedReader({ latency: FAST_LATENCY });
    const scanner = await serveScannerOnPty();
    cleanups.push(
      () => first.close(),
      () => second.close(),
      () => scanner.close(),
    );
    const manager = createDeviceManager({
      settings: KioskDeviceSettings.parse({ idReader: { enabled: true, port: first.path }, scanner: { enabled: true, port: scanner.path } }),
      autoDetect: false,
      idReader: FAST_ID,
      // the simulators' ptys are not listed by the OS: the detection is given them as a USB-serial bridge would be
      listPorts: () => Promise.resolve([{ path: second.path, vendorId: '1a86', productId: '7523', manufacturer: 'QinHeng' }]),
    });
    await manager.start();
    const data = tempDir();
    const core = await createKioskCore({ dataDir: data.dir, autoSync: false, cloudUrl: OFFLINE_CLOUD_URL, devices: manager });
    cleanups.push(
      () => data.cleanup(),
      () => core.close(),
    );
    const session = output('admin.setupPin', await dispatchIpcCall(core, 'admin.setupPin', { pin: PIN })).token;
    await waitForState(() => core.devices().find((d) => d.kind === 'idReader')?.status === 'ready', 'the first reader ready');
    return { core, first, second, scanner, session };
  }

  it('moves the ID card reader to a second pty: saved, reopened there at once, and its test shows the card masked', async () => {
    const { core, second, session } = await coreWithReaderAndScanner();
    const setup = output('admin.deviceSetup', await dispatchIpcCall(core, 'admin.deviceSetup', { session }));
    expect(setup.detection.serialPorts).toEqual({
      ok: true,
      items: [expect.objectContaining({ path: second.path, likely: expect.arrayContaining(['idReader']) })],
    });

    const saved = output(
      'admin.saveDevice',
      await dispatchIpcCall(core, 'admin.saveDevice', { session, device: { kind: 'idReader', enabled: true, port: second.path, baudRate: 115200 } }),
    );
    expect(saved.settings.idReader).toEqual({ enabled: true, port: second.path, baudRate: 115200 });
    const onDisk = KioskDeviceSettings.parse((JSON.parse(readFileSync(settingsPath(core.dataDir), 'utf8')) as { devices: unknown }).devices);
    expect(onDisk.idReader.port).toBe(second.path);
    await waitForState(() => {
      const s = core.devices().find((d) => d.kind === 'idReader');
      return s?.status === 'ready' && s.address === second.path;
    }, 'the reader reopened on the second pty');

    const test = dispatchIpcCall(core, 'admin.testIdReader', { session, waitS: 10 });
    second.insertCard(FIXTURES.resident);
    const card = output('admin.testIdReader', await test);
    if (card.result !== 'read') throw new Error('no card read');
    expect(card.idNumberMasked).toBe('110***********002X');
    expect(card.nameMasked).not.toContain('秀');
    expect(card.nameMasked).toContain('*');
    expect(JSON.stringify(card)).not.toContain('11010519491231002X');
  });

  it('shows the last scans, masked when they hold an ID or phone number', async () => {
    const { core, scanner, session } = await coreWithReaderAndScanner();
    await waitForState(() => core.devices().find((d) => d.kind === 'scanner')?.status === 'ready', 'the scanner ready');
    const seen = new Promise<void>((resolve) => core.events.on('device.qr', () => resolve()));
    await scanner.sim.scan('13812345678');
    await seen;
    const { scans } = output('admin.testScanner', await dispatchIpcCall(core, 'admin.testScanner', { session }));
    expect(scans.map((s) => s.text)).toEqual(['138****5678']);
  });

  it('refuses an unknown baud, hostile ports and a port another device has: a clear error, nothing saved, nothing reopened', async () => {
    const { core, first, scanner, session } = await coreWithReaderAndScanner();
    const before = readFileSync(settingsPath(core.dataDir), 'utf8');
    const refused = async (device: unknown, message: RegExp, code = 'bad_input') => {
      const r = await dispatchIpcCall(core, 'admin.saveDevice', { session, device });
      if (r.ok) throw new Error(`accepted: ${JSON.stringify(device)}`);
      expect(r.error.code).toBe(code);
      expect(r.error.message).toMatch(message);
    };
    await refused({ kind: 'idReader', enabled: true, port: first.path, baudRate: 12345 }, /baud rate must be one of 9600, 19200, 38400, 57600, 115200/);
    await refused({ kind: 'idReader', enabled: true, port: '../../etc/passwd' }, /port/);
    await refused({ kind: 'idReader', enabled: true, port: '/dev/../etc/passwd' }, /climb folders/);
    await refused({ kind: 'scanner', enabled: true, port: '/dev/ttyS0\u0000' }, /control characters/);
    await refused({ kind: 'printer', printerKind: 'escpos-serial', paperWidthMm: 81 }, /58 or 80/);
    await refused({ kind: 'thermometer', enabled: true, model: 'gy', port: scanner.path }, /already the scanner's/, 'admin_device_port_taken');
    expect(readFileSync(settingsPath(core.dataDir), 'utf8')).toBe(before);
    expect(core.devices().find((d) => d.kind === 'idReader')).toMatchObject({ status: 'ready', address: first.path });
  });
});
