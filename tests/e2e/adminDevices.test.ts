/**
 * The admin devices section, end to end (issue 11): the real cloud with the demo data, the kiosk core with an ID card
 * reader simulator and a scanner simulator on socat ptys (a second reader simulator waits on its own pty), the
 * browser shell and Debian Chromium. At the devices screen the admin moves the ID card reader to the second pty
 * (typed: ptys are not listed by the OS), the reader reopens there at once, and its test reads the card placed there
 * with the name and number masked; a hostile port is refused on screen and nothing is saved; the scanner's test shows
 * the code just scanned; the printer's test prints a test pass on an ESC/POS simulator; the thermometer put on the scanner's port is refused with the reason in words; a system
 * printer shows the printers CUPS lists (or why none). The camera (Chromium's fake camera playing a face) is chosen there and saved, and its test
 * opens the preview with one face detected. The screen passes axe in zh-CN and en.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES } from '../../src/main/devices/idcard/fixtures';
import { startSimulatedReader, type SimulatedReader } from '../../src/main/devices/idcard/simPty';
import { FAST_LATENCY } from '../../src/main/devices/idcard/simulator';
import { createDeviceManager } from '../../src/main/devices/manager/deviceManager';
import { servePrinterOnPty, type PrinterOnPty } from '../../src/main/devices/printer/simulator';
import { serveScannerOnPty, type ScannerOnPty } from '../../src/main/devices/scanner/simulator';
import { KioskDeviceSettings } from '../../src/shared/domain';
import { join } from 'node:path';
import { axeViolationsInOrientations } from '../support/axe';
import { launchChromium, type LaunchedChromium } from '../support/chromium';
import { ASTRONAUT_FACE_CENTRED, faceFixture, fakeCameraArgs, writeY4m } from '../support/faces/fakeCamera';
import { startKioskUnderTest, type KioskUnderTest } from '../support/kioskUnderTest';

const PIN = '204817';

async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
  await page.waitForTimeout(250);
  expect(await axeViolationsInOrientations(page), where).toEqual([]);
}

describe('admin devices section, end to end', () => {
  let started: KioskUnderTest | undefined;
  let first: SimulatedReader;
  let second: SimulatedReader;
  let scanner: ScannerOnPty;
  let printer: PrinterOnPty;

  beforeAll(async () => {
    started = await startKioskUnderTest({
      label: 'admin-devices',
      kioskName: 'E2E 设备',
      async devices(onClose) {
        first = await startSimulatedReader({ latency: FAST_LATENCY });
        second = await startSimulatedReader({ latency: FAST_LATENCY });
        scanner = await serveScannerOnPty();
        printer = await servePrinterOnPty();
        onClose(() => Promise.all([first.close(), second.close(), scanner.close(), printer.close()]));
        const manager = createDeviceManager({
          settings: KioskDeviceSettings.parse({
            idReader: { enabled: true, port: first.path },
            scanner: { enabled: true, port: scanner.path },
            printer: { kind: 'escpos-serial', port: printer.path, paperWidthMm: 80 },
          }),
          autoDetect: false,
          idReader: { pollIntervalMs: 50, reconnect: { initialMs: 50, maxMs: 300 } },
        });
        await manager.start();
        return manager;
      },
    });
  });

  let camBrowser: LaunchedChromium | undefined;
  afterAll(async () => {
    await camBrowser?.close();
    await started?.close();
  });

  it('moves the ID reader to another pty and reads a card masked from the test button; the scanner test shows a scan; axe clean', async () => {
    if (!started) throw new Error('the kiosk under test did not start');
    const kiosk = started;
    const page = await kiosk.browser.context.newPage();
    await kiosk.openHome(page);
    await page.keyboard.press('Control+Alt+KeyA');
    const pad = page.getByTestId('admin-pin');
    await expect.poll(() => pad.getAttribute('data-mode')).toBe('setup');
    await page.getByTestId('admin-pin-input').fill(PIN);
    await page.getByTestId('admin-pin-submit').click();
    await expect.poll(() => pad.getAttribute('data-step')).toBe('confirm');
    await page.getByTestId('admin-pin-input').fill(PIN);
    await page.getByTestId('admin-pin-submit').click();
    await page.getByTestId('admin-home').waitFor({ state: 'visible' });

    const reader = page.getByTestId('admin-device-idReader');
    await expect.poll(() => reader.getAttribute('data-status')).toBe('ready');
    await page.getByTestId('admin-detected').waitFor({ state: 'visible' });
    await page.getByTestId('admin-device-setup-idReader').click();
    await expectNoAxeViolations(page, 'devices screen (zh-CN)');

    // a hostile port: refused on screen, nothing saved
    const port = page.getByTestId('admin-device-idReader-port');
    // the settings name no port (this kiosk's manager was given its devices): the field starts empty (auto-detect)
    expect(await port.inputValue()).toBe('');
    await port.fill('../../etc/passwd');
    await page.getByTestId('admin-device-idReader-save').click();
    await expect.poll(() => page.getByTestId('admin-device-invalid-idReader').textContent()).toContain('端口无效');
    expect(kiosk.core.settings().devices.idReader.port).toBeUndefined();

    // the second simulator's pty, 115200 baud: saved, the reader reopened there
    await page.getByTestId('admin-device-idReader-enabled').check();
    await port.fill(second.path);
    await page.getByTestId('admin-device-idReader-baud').selectOption('115200');
    await page.getByTestId('admin-device-idReader-save').click();
    await page.getByTestId('admin-device-saved-idReader').waitFor({ state: 'visible' });
    expect(kiosk.core.settings().devices.idReader).toEqual({ enabled: true, port: second.path, baudRate: 115200 });
    await expect.poll(() => page.getByTestId('admin-device-state-idReader').textContent()).toContain(second.path);
    await expect.poll(() => reader.getAttribute('data-status')).toBe('ready');

    // the test button waits for a card: the one placed on the second reader, masked
    await page.getByTestId('admin-test-idReader').click();
    second.insertCard(FIXTURES.resident);
    const card = page.getByTestId('admin-test-card');
    await expect.poll(() => card.textContent(), { timeout: 15_000 }).toContain('110***********002X');
    const shown = (await card.textContent()) ?? '';
    expect(shown).not.toContain('11010519491231002X');
    expect(shown).not.toContain('李秀英');
    expect(await page.locator('body').textContent()).not.toContain('11010519491231002X');

    // the thermometer on the scanner's port: the core refuses it, and the screen says why (not a generic bad input)
    await page.getByTestId('admin-device-setup-thermometer').click();
    await page.getByTestId('admin-device-thermometer-enabled').check();
    await page.getByTestId('admin-device-thermometer-port').fill(scanner.path);
    await page.getByTestId('admin-device-thermometer-save').click();
    const refusal = page.getByTestId('admin-devices').getByTestId('error-message');
    await expect.poll(() => refusal.getAttribute('data-code')).toBe('admin_device_port_taken');
    expect(await refusal.textContent()).toContain('该端口已由另一台设备使用');
    expect(kiosk.core.settings().devices.thermometer.enabled).toBe(false);

    // a system printer: the printers CUPS lists are shown to pick from in the print dialog, or why there are none
    await page.getByTestId('admin-device-setup-printer').click();
    await page.getByTestId('admin-device-printer-kind').selectOption('system');
    const printers = page.getByTestId('admin-system-printers');
    await printers.waitFor({ state: 'visible' });
    const listed = Number(await printers.getAttribute('data-count'));
    if (listed === 0) expect(await printers.textContent()).toMatch(/未列出系统打印机：\S/);
    expect(await page.getByTestId('admin-detected').textContent()).toMatch(/系统打印机/);

    // the scanner: a code scanned shows in its test, masked
    await scanner.sim.scan('DEM0A001');
    await scanner.sim.scan('13812345678');
    await page.waitForTimeout(300);
    await page.getByTestId('admin-test-scanner').click();
    const scans = page.getByTestId('admin-test-scans');
    await expect.poll(() => scans.textContent()).toContain('138****5678');
    expect(await scans.textContent()).toContain('DEM0A001');
    // the printer's test: a test pass printed on the ESC/POS simulator
    const jobs = printer.sim.jobs.length;
    await expect.poll(() => page.getByTestId('admin-device-printer').getAttribute('data-status')).toBe('ready');
    await page.getByTestId('admin-test-printer').click();
    await expect.poll(() => page.getByTestId('admin-test-result').textContent()).toContain('测试通行证已打印');
    await expect.poll(() => printer.sim.jobs.length).toBe(jobs + 1);
    await expectNoAxeViolations(page, 'devices screen with results (zh-CN)');

    await page.getByTestId('lang-switch').click();
    await expect.poll(() => page.getByTestId('admin-section-devices').textContent()).toBe('Devices');
    await expectNoAxeViolations(page, 'devices screen (en)');
    await page.close();
  });

  it('the camera: chosen on the devices screen and saved; its test opens the preview with the detection boxes (fake camera)', async () => {
    if (!started) throw new Error('the kiosk under test did not start');
    const kiosk = started;
    const clip = join(kiosk.dir, 'admin-face.y4m');
    writeY4m(clip, [{ png: faceFixture('astronaut.png'), placement: ASTRONAUT_FACE_CENTRED, frames: 10 }]);
    camBrowser = await launchChromium(fakeCameraArgs(clip));
    const page = await camBrowser.context.newPage();
    await page.goto(kiosk.shell.url);
    await page.getByTestId('home').waitFor();
    await page.keyboard.press('Control+Alt+KeyA');
    await expect.poll(() => page.getByTestId('admin-pin').getAttribute('data-mode')).toBe('unlock');
    await page.getByTestId('admin-pin-input').fill(PIN);
    await page.getByTestId('admin-pin-submit').click();
    await page.getByTestId('admin-home').waitFor({ state: 'visible' });

    await page.getByTestId('admin-device-setup-camera').click();
    const choice = page.getByTestId('admin-device-camera-choice');
    await expect.poll(() => choice.locator('option').count()).toBeGreaterThan(1);
    const deviceId = await choice.locator('option').nth(1).getAttribute('value');
    await choice.selectOption(deviceId ?? '');
    await page.getByTestId('admin-device-camera-save').click();
    await page.getByTestId('admin-device-saved-camera').waitFor({ state: 'visible' });
    expect(kiosk.core.settings().devices.camera.deviceId).toBe(deviceId);

    await page.getByTestId('admin-test-camera').click();
    const preview = page.getByTestId('admin-camera-preview');
    await expect.poll(() => preview.getAttribute('data-stage'), { timeout: 15_000 }).toBe('live');
    await expect.poll(async () => Number(await preview.getAttribute('data-faces')), { timeout: 20_000 }).toBe(1);
    expect(await page.getByTestId('admin-camera-fallback').count()).toBe(0);
    await expectNoAxeViolations(page, 'devices screen, camera preview');
    await page.getByTestId('admin-test-camera').click();
    await page.close();
  });
});
