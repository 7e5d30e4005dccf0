/**
 * The printer module's raster capability (settings `printer.raster`) through the real serial bindings on a socat
 * pty: a pass with a photo reaches the simulator as a `GS v 0` image (width, height, bits) on a printer with raster
 * (the default), and without any image on one without; a raster cut short on the wire is reported by the simulator.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createDeviceManager, type DeviceManager } from '../../../../../src/main/devices/manager/deviceManager';
import { imageBlackDots, imageDot } from '../../../../../src/main/devices/printer/decoder';
import { rasterCommands } from '../../../../../src/main/devices/printer/escpos';
import type { PassPrintData } from '../../../../../src/main/devices/printer/passJob';
import { monoFromGrid } from '../../../../../src/main/devices/printer/raster';
import { servePrinterOnPty, type PrinterOnPty } from '../../../../../src/main/devices/printer/simulator';
import { SerialTransport } from '../../../../../src/main/devices/transport/serialTransport';
import { KioskDeviceSettings } from '../../../../../src/shared/domain';

/** 120 × 160 gray: black top half, white bottom half. */
const photo = { width: 120, height: 160, channels: 1 as const, data: Uint8Array.from({ length: 120 * 160 }, (_, i) => (i < 120 * 80 ? 0 : 255)) };

const pass: PassPrintData = {
  token: 'PD2.ABCDEFGHIJKLMNOPQRSTUVWXYZ234567',
  siteName: '星河科技园',
  visitorName: '张*丰',
  hostName: '李四',
  validFrom: new Date('2026-11-22T01:00:00Z'),
  validUntil: new Date('2026-11-22T10:00:00Z'),
  partySize: 1,
  timeZone: 'Asia/Shanghai',
  photo,
};

describe('the printer module and raster (real serial bindings, simulator on a pty)', () => {
  let pty: PrinterOnPty | undefined;
  let manager: DeviceManager | undefined;
  afterEach(async () => {
    await manager?.stop();
    await pty?.close();
    manager = pty = undefined;
  });

  async function printerWith(printer: Record<string, unknown>): Promise<DeviceManager> {
    pty = await servePrinterOnPty({ idleFlushMs: 200 });
    const settings = KioskDeviceSettings.parse({ printer: { kind: 'escpos-serial', port: pty.path, paperWidthMm: 80, ...printer } });
    manager = createDeviceManager({ settings, autoDetect: false, printer: { statusTimeoutMs: 300 } });
    await manager.start();
    return manager;
  }

  it('a printer with raster (the default) receives the photo as a GS v 0 image: 152 dots wide, 203 rows, top black', async () => {
    const m = await printerWith({});
    const job = pty!.sim.nextJob();
    await m.print(pass);
    const j = await job;
    expect(j.errors).toEqual([]);
    expect(j.images).toHaveLength(2);
    const img = j.images[1]!;
    expect(img).toMatchObject({ widthDots: 152, bytesPerRow: 19, rows: 203, align: 'center' });
    expect(imageDot(img, 10, 10)).toBe(true);
    expect(imageDot(img, 10, 200)).toBe(false);
    const share = imageBlackDots(img) / (152 * 203);
    expect(share).toBeGreaterThan(0.4);
    expect(share).toBeLessThan(0.6);
    expect(j.qr.map((q) => q.payload)).toEqual([pass.token]);
  });

  it('a printer without raster (raster: false) prints the pass without any image', async () => {
    const m = await printerWith({ raster: false });
    const job = pty!.sim.nextJob();
    await m.print(pass);
    const j = await job;
    expect(j.images).toEqual([]);
    expect(j.errors).toEqual([]);
    expect(j.lines.map((l) => l.text)).toContain('-'.repeat(48));
    expect(j.qr.map((q) => q.payload)).toEqual([pass.token]);
  });

  it('the simulator reports a raster cut short on the wire, and prints nothing of it', async () => {
    pty = await servePrinterOnPty({ idleFlushMs: 200 });
    const host = new SerialTransport(pty.path, 9600);
    await host.open();
    try {
      const job = pty.sim.nextJob();
      await host.write(rasterCommands(monoFromGrid({ width: 128, height: 64 }, () => true)).subarray(0, 8 + 500));
      const j = await job;
      expect(j.errors).toEqual(['GS v 0 raster cut off: 500 of 1024 image bytes']);
      expect(j.images).toEqual([]);
    } finally {
      await host.close();
    }
  });
});
