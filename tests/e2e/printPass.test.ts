/**
 * Printing the pass, end to end: the real cloud (temp SQLite) with the demo data, the kiosk core enrolled and
 * synced, a real device manager whose ESC/POS printer is the printer simulator on a socat pty, the browser shell
 * and Debian Chromium. A visitor checks in, taps 打印通行证; the simulator decodes the job and its QR payload
 * verifies at the cloud's /passes/verify. With a system printer the same button opens the print dialog, and the
 * print stylesheet keeps only the pass card.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pluggableDevices } from '../support/pluggableDevices';
import { DEMO_BOOKINGS, DEMO_SITE } from '../../src/cloud/demo';
import { createDeviceManager, type DeviceManager } from '../../src/main/devices/manager/deviceManager';
import { servePrinterOnPty, type PrinterOnPty } from '../../src/main/devices/printer/simulator';
import { KioskDeviceSettings } from '../../src/shared/domain';
import { maskName } from '../../src/shared/mask';
import type { Page } from 'playwright-core';
import { checkInThroughUi, startKioskUnderTest, type KioskUnderTest } from '../support/kioskUnderTest';

/** the page's window as far as this test touches it (the node typecheck has no DOM types) */
interface PrintableWindow {
  print: () => void;
  printCalls?: number;
}

describe('printing the pass, end to end', () => {
  let kiosk: KioskUnderTest;
  let printer: PrinterOnPty;
  let manager: DeviceManager;
  const [first, second, third] = DEMO_BOOKINGS.filter((b) => b.status === 'approved');

  /** the kiosk core's devices port: the test plugs the ESC/POS printer in, then a system printer */
  const devices = pluggableDevices();

  async function attachManager(printerSettings: Record<string, unknown>): Promise<DeviceManager> {
    const m = createDeviceManager({
      settings: KioskDeviceSettings.parse({ printer: printerSettings }),
      autoDetect: false,
    });
    devices.plug(m);
    await m.start();
    return m;
  }

  /** home → check-in by booking code → confirm → the pass screen */
  async function checkInOnScreen(page: Page, booking: (typeof DEMO_BOOKINGS)[number]): Promise<void> {
    await kiosk.openHome(page);
    await checkInThroughUi(page, booking.code, booking.visitor.name);
  }

  beforeAll(async () => {
    kiosk = await startKioskUnderTest({
      label: 'print',
      kioskName: 'E2E 打印',
      syncOnStart: true,
      async devices(onClose) {
        printer = await servePrinterOnPty();
        onClose(() => printer.close());
        manager = await attachManager({ kind: 'escpos-serial', port: printer.path, paperWidthMm: 80 });
        return devices;
      },
    });
  });

  afterAll(async () => {
    await kiosk.close();
  });

  it('checks in, prints the pass on the ESC/POS printer; the printed QR verifies in the cloud', async () => {
    expect(first, 'an approved demo booking').toBeDefined();
    const booking = first!;
    const page = await kiosk.browser.context.newPage();
    await checkInOnScreen(page, booking);
    const chip = page.locator('[data-testid="device-chip"][data-device="printer"]');
    await expect.poll(() => chip.getAttribute('data-status')).toBe('ready');

    const button = page.getByTestId('print-pass');
    await button.waitFor({ state: 'visible' });
    expect(await button.textContent()).toContain('打印通行证');
    const job = printer.sim.nextJob();
    await button.click();
    const result = page.getByTestId('print-result');
    await result.waitFor({ state: 'visible' });
    expect(await result.getAttribute('data-status')).toBe('printed');

    const j = await job;
    const text = j.lines.map((l) => l.text);
    expect(text).toEqual(expect.arrayContaining(['访客证', DEMO_SITE.name, `访客: ${maskName(booking.visitor.name)}`, `人数: ${booking.groupSize}`]));
    expect(JSON.stringify(j)).not.toContain(booking.visitor.phone);
    expect(JSON.stringify(j)).not.toContain(booking.visitor.idNumber!.slice(6, 14));
    expect(j.images.length).toBeGreaterThanOrEqual(1);
    expect(j.cuts).toEqual(['partial']);
    expect(j.qr).toHaveLength(1);

    const verified = await kiosk.client.verifyPass(j.qr[0]!.payload);
    expect(verified.valid).toBe(true);
    expect(verified.payload.bid).toBe(booking.id);
    const visit = kiosk.core.checkIn.visitsToday().find((v) => v.bookingId === booking.id);
    expect(verified.payload.pid).toBe(visit?.id);
    await page.close();
  });

  it('paper out: the message says so in words, nothing is printed', async () => {
    const booking = second!;
    const page = await kiosk.browser.context.newPage();
    await checkInOnScreen(page, booking);
    const before = printer.sim.jobs.length;
    printer.sim.paper = 'out';
    try {
      // whether or not the 5 s status watch saw the paper out first, the button stays: a tap says why
      await page.getByTestId('print-pass').click();
      const failed = page.locator('[data-testid="print-result"][data-status="failed"] [data-testid="error-message"]');
      await failed.waitFor({ state: 'visible' });
      expect(await failed.getAttribute('data-code')).toBe('paper_out');
      expect(await failed.textContent()).toContain('缺纸');
      // the status bar says so in words, and the button stays so the visitor can try again once paper is in
      const chip = page.locator('[data-testid="device-chip"][data-device="printer"]');
      await expect.poll(() => chip.getAttribute('data-status')).toBe('error');
      expect(await chip.getAttribute('data-paper')).toBe('out');
      expect(await chip.getByTestId('device-chip-detail').textContent()).toBe('缺纸');
      printer.sim.paper = 'ok';
      await page.getByTestId('print-pass').click();
      await page.locator('[data-testid="print-result"][data-status="printed"]').waitFor({ state: 'visible' });
      expect(printer.sim.jobs.length).toBe(before + 1);
    } finally {
      printer.sim.paper = 'ok';
    }
    await page.close();
  });

  it('with a system printer the button opens the print dialog, and the print stylesheet keeps only the pass card', async () => {
    await manager.stop();
    manager = await attachManager({ kind: 'system' });
    expect(third, 'a third approved demo booking').toBeDefined();
    const page = await kiosk.browser.context.newPage();
    // the browser's own dialog is counted, not opened (headless Chromium has none)
    await page.addInitScript(() => {
      const w = globalThis as unknown as PrintableWindow;
      w.printCalls = 0;
      w.print = () => {
        w.printCalls = (w.printCalls ?? 0) + 1;
      };
    });
    await checkInOnScreen(page, third!);
    const button = page.getByTestId('print-pass');
    await button.waitFor({ state: 'visible' });
    expect(await button.getAttribute('data-printer')).toBe('system');
    const jobsBefore = printer.sim.jobs.length;
    await button.click();
    expect(await page.evaluate(() => (globalThis as unknown as PrintableWindow).printCalls)).toBe(1);
    expect(printer.sim.jobs.length).toBe(jobsBefore);

    await page.emulateMedia({ media: 'print' });
    expect(await page.getByTestId('pass-qr').isVisible()).toBe(true);
    expect(await page.getByTestId('pass-visitor').textContent()).toBe(maskName(third!.visitor.name));
    for (const hidden of ['status-bar', 'pass-done', 'pass-countdown', 'print-pass']) {
      expect(await page.getByTestId(hidden).isVisible(), hidden).toBe(false);
    }
    expect(await page.locator('.top-bar').isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });
    expect(await page.getByTestId('status-bar').isVisible()).toBe(true);
    await page.close();
  });
});
