/**
 * The face photo at booked check-in, end to end (issue 10 item 6): the real cloud with the demo data, the kiosk core,
 * a real device manager whose ESC/POS printer (80 mm) is the printer simulator on a socat pty, the browser shell and
 * Debian Chromium whose fake camera plays a clip made at test time from a photo in the repo. With consent: the photo
 * is taken by itself, the visitor checks in, the consent is recorded with the visit and the printed pass carries the
 * photo as a raster image. With 不拍照，继续: checked in all the same, the refusal recorded, the pass printed without
 * a photo. The details screen passes axe with the consent and with the photo taken.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_BOOKINGS } from '../../src/cloud/demo';
import { createDeviceManager } from '../../src/main/devices/manager/deviceManager';
import { imageBlackDots } from '../../src/main/devices/printer/decoder';
import { servePrinterOnPty, type PrinterOnPty } from '../../src/main/devices/printer/simulator';
import { KioskDeviceSettings } from '../../src/shared/domain';
import { axeViolationsInOrientations } from '../support/axe';
import { launchChromium, type LaunchedChromium } from '../support/chromium';
import { ASTRONAUT_FACE_CENTRED, faceFixture, fakeCameraArgs, writeY4m } from '../support/faces/fakeCamera';
import { startKioskUnderTest, type KioskUnderTest } from '../support/kioskUnderTest';
import { pluggableDevices } from '../support/pluggableDevices';

describe('face photo at booked check-in, printed on the pass (fake camera, printer simulator)', () => {
  let kiosk: KioskUnderTest | undefined;
  let printer: PrinterOnPty;
  let browser: LaunchedChromium | undefined;
  let page: Page;
  const devices = pluggableDevices();
  const [first, second] = DEMO_BOOKINGS.filter((b) => b.status === 'approved');
  const consentOf = (bookingId: string) =>
    kiosk!.core.db.prepare('SELECT * FROM face_consents WHERE booking_id = ?').get(bookingId) as Record<string, string | null> | undefined;

  /** home → 签到 → the booking's code → its details, with the face photo's consent */
  async function openDetails(booking: (typeof DEMO_BOOKINGS)[number]): Promise<void> {
    // a page of its own (the URL differs only by its hash: going to it again would not reload the kiosk)
    page = await browser!.context.newPage();
    await page.goto(kiosk!.shell.url);
    await page.getByTestId('home').waitFor();
    await page.getByTestId('start-checkin').click();
    await page.getByTestId('checkin-query').fill(booking.code);
    await page.getByTestId('checkin-search').click();
    await page.getByTestId('booking-result').first().click();
    await page.getByTestId('booking-details').waitFor();
    await page.getByTestId('face-consent').waitFor();
  }

  /** confirms the arrival, prints the pass, and returns the job the simulator decoded */
  async function confirmAndPrint() {
    await page.getByTestId('confirm-arrival').click();
    await page.getByTestId('pass-qr').waitFor({ state: 'visible' });
    const job = printer.sim.nextJob();
    await page.getByTestId('print-pass').click();
    await expect.poll(() => page.getByTestId('print-result').getAttribute('data-status'), { timeout: 10_000 }).toBe('printed');
    return job;
  }

  beforeAll(async () => {
    kiosk = await startKioskUnderTest({
      label: 'checkin-face',
      kioskName: 'E2E 签到拍照',
      syncOnStart: true,
      async devices(onClose) {
        printer = await servePrinterOnPty();
        onClose(() => printer.close());
        const m = createDeviceManager({
          settings: KioskDeviceSettings.parse({ printer: { kind: 'escpos-serial', port: printer.path, paperWidthMm: 80 } }),
          autoDetect: false,
        });
        devices.plug(m);
        await m.start();
        return devices;
      },
    });
    const clip = join(kiosk.dir, 'face.y4m');
    writeY4m(clip, [{ png: faceFixture('astronaut.png'), placement: ASTRONAUT_FACE_CENTRED, frames: 10 }]);
    browser = await launchChromium(fakeCameraArgs(clip));
  });

  afterAll(async () => {
    await browser?.close();
    await kiosk?.close();
  });

  it('consent → photo taken → checked in: the consent recorded with the visit, the printed pass carries the photo', async () => {
    expect(first, 'an approved demo booking').toBeDefined();
    await openDetails(first!);
    expect(await page.getByTestId('face-decline').textContent()).toBe('不拍照，继续');
    expect(await page.getByTestId('face-agree').textContent()).toBe('同意并拍照');
    expect(await axeViolationsInOrientations(page), 'details with the consent').toEqual([]);

    await page.getByTestId('face-agree').click();
    await page.getByTestId('face-photo').waitFor({ state: 'visible', timeout: 30_000 });
    await page.getByTestId('face-use').click();
    await page.getByTestId('checkin-face-thumb').waitFor({ state: 'visible' });
    expect(await axeViolationsInOrientations(page), 'details with the photo taken').toEqual([]);

    const j = await confirmAndPrint();
    const visit = kiosk!.core.checkIn.visitsToday().find((v) => v.bookingId === first!.id);
    expect(consentOf(first!.id)).toMatchObject({
      visit_id: visit?.id,
      decision: 'granted',
      text_version: 'face-consent-1',
      kiosk_id: kiosk!.core.identity()!.kioskId,
    });
    expect(consentOf(first!.id)?.photo_file).toMatch(/^[0-9a-f-]{36}\.jpg$/);
    // the rule, then the photo: 152 dots wide on 80 mm, 3:4, dithered (neither blank nor solid)
    expect(j.errors).toEqual([]);
    expect(j.images.map((i) => i.widthDots)).toEqual([576, 152]);
    const photo = j.images[1]!;
    expect(photo.rows).toBe(203);
    const share = imageBlackDots(photo) / (152 * photo.rows);
    expect(share).toBeGreaterThan(0.05);
    expect(share).toBeLessThan(0.95);
    expect(j.qr).toHaveLength(1);
    // the photo is not on the pass screen the visitor sees
    expect(await page.locator('img[src^="data:image/jpeg"]').count()).toBe(0);
  });

  it('不拍照，继续: checked in all the same, the refusal recorded, the pass printed without a photo', async () => {
    expect(second, 'a second approved demo booking').toBeDefined();
    await openDetails(second!);
    await page.getByTestId('face-decline').click();
    expect(await page.getByTestId('checkin-face-status').textContent()).toContain('不拍照');
    expect(await axeViolationsInOrientations(page), 'details after the refusal').toEqual([]);

    const j = await confirmAndPrint();
    expect(consentOf(second!.id)).toMatchObject({ decision: 'refused', photo_file: null, text_version: 'face-consent-1' });
    expect(j.images.map((i) => i.widthDots)).toEqual([576]);
    expect(j.qr).toHaveLength(1);
  });
});
