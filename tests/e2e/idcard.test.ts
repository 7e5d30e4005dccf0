/**
 * Check-in by ID card, end to end: the real cloud (temp SQLite) with the demo data, the kiosk core enrolled and
 * synced, a real device manager whose ID card reader is the SAM_V simulator on a socat pty (and a thermometer
 * simulator on another), the browser shell and Debian Chromium. The visitor of demo booking DEM0A001 puts the card
 * on the reader; the kiosk shows the card banner and the booking; the pass QR on screen verifies in the cloud.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_BOOKINGS } from '../../src/cloud/demo';
import { startSimulatedReader, type SimulatedReader } from '../../src/main/devices/idcard/simPty';
import { FAST_LATENCY } from '../../src/main/devices/idcard/simulator';
import { createDeviceManager } from '../../src/main/devices/manager/deviceManager';
import { serveThermometerOnPty, type ThermometerOnPty } from '../../src/main/devices/thermometer/simulator';
import { DEMO_CARD_BOOKING_CODE, demoVisitorCard } from '../../src/main/launch/demoCard';
import { KioskDeviceSettings } from '../../src/shared/domain';
import { maskIdNumber } from '../../src/shared/mask';
import { confirmArrivalAndReadPass, startKioskUnderTest, type KioskUnderTest } from '../support/kioskUnderTest';

describe('check-in by ID card, end to end', () => {
  let kiosk: KioskUnderTest;
  let reader: SimulatedReader;
  let thermo: ThermometerOnPty;
  const card = demoVisitorCard();
  const demoBooking = DEMO_BOOKINGS.find((b) => b.code === DEMO_CARD_BOOKING_CODE)!;

  beforeAll(async () => {
    kiosk = await startKioskUnderTest({
      label: 'idcard',
      kioskName: 'E2E 身份证',
      syncOnStart: true,
      async devices(onClose) {
        reader = await startSimulatedReader({ latency: FAST_LATENCY });
        onClose(() => reader.close());
        thermo = await serveThermometerOnPty({ model: 'gy', temperatureC: 36.4 });
        onClose(() => thermo.close());
        const manager = createDeviceManager({
          settings: KioskDeviceSettings.parse({
            idReader: { enabled: true, port: reader.path },
            thermometer: { enabled: true, port: thermo.path, model: 'gy' },
          }),
          autoDetect: false,
          idReader: { pollIntervalMs: 50 },
          thermometer: { samples: 3, queryIntervalMs: 0 },
        });
        await manager.start();
        return manager;
      },
    });
  });

  afterAll(async () => {
    await kiosk.close();
  });

  it('reads the card on the home screen, finds DEM0A001, checks in; the pass verifies in the cloud', async () => {
    const page = await kiosk.browser.context.newPage();
    await kiosk.openHome(page);
    const idChip = page.locator('[data-testid="device-chip"][data-device="idReader"]');
    await expect.poll(() => idChip.getAttribute('data-status')).toBe('ready');
    await expect.poll(() => page.locator('[data-testid="device-chip"]').count()).toBe(5);

    reader.insertCard(card);

    const banner = page.getByTestId('card-banner');
    await banner.waitFor({ state: 'visible' });
    const bannerText = (await banner.textContent()) ?? '';
    expect(bannerText).toContain(card.name!);
    expect(bannerText).toContain(maskIdNumber(card.idNumber));
    const result = page.locator(`[data-testid="booking-result"][data-booking-id="${demoBooking.id}"]`);
    await result.waitFor({ state: 'visible' });
    expect(await page.getByTestId('booking-result').count()).toBe(1);
    expect(await result.textContent()).toContain(DEMO_CARD_BOOKING_CODE);
    expect((await page.textContent('body')) ?? '').not.toContain(card.idNumber);

    await result.click();
    await expect.poll(() => page.getByTestId('booking-details').textContent()).toContain(card.name!);
    await page.getByTestId('take-temperature').click();
    const reading = page.getByTestId('temperature-reading');
    await reading.waitFor({ state: 'visible' });
    expect(await reading.getAttribute('data-abnormal')).toBe('false');
    expect(await reading.textContent()).toContain('36.4');

    const bodyText = (await page.textContent('body')) ?? '';
    expect(bodyText).not.toContain(card.idNumber);
    expect(bodyText).not.toContain(demoBooking.visitor.phone);

    const token = await confirmArrivalAndReadPass(page);
    expect((await page.textContent('body')) ?? '').not.toContain(card.idNumber);

    const verified = await kiosk.client.verifyPass(token);
    expect(verified.valid).toBe(true);
    expect(verified.payload.bid).toBe(demoBooking.id);

    const state = await kiosk.core.sync.now();
    expect(state.pendingCommands).toBe(0);
    const after = await kiosk.client.booking(demoBooking.id);
    expect(after.status).toBe('arrived');
    const visit = kiosk.core.checkIn.visitsToday().find((v) => v.bookingId === demoBooking.id);
    expect(visit?.temperatureC).toBe(36.4);
    await page.close();
  });

  it('a card nobody booked with shows a clear not-found message', async () => {
    reader.removeCard();
    const page = await kiosk.browser.context.newPage();
    await kiosk.openHome(page);
    await expect.poll(() => page.locator('[data-testid="device-chip"][data-device="idReader"]').getAttribute('data-status')).toBe('ready');
    reader.insertCard({ ...card, name: '陈小春', idNumber: '440306199003071232', sex: '1', birthDate: '19900307' });
    await page.getByTestId('card-banner').waitFor({ state: 'visible' });
    const notice = page.locator('[data-testid="error-message"][data-code="not_found"]');
    await notice.waitFor({ state: 'visible' });
    expect(await page.getByTestId('booking-result').count()).toBe(0);
    expect((await page.textContent('body')) ?? '').not.toContain('440306199003071232');
    await page.close();
  });
});
