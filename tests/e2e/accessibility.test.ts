/**
 * Every screen of the kiosk passes axe-core's WCAG 2.1 A/AA rules and best practices, in Chinese and in English:
 * home, check-in search, booking details, the pass, sign-out, today's visitors and the sync conflicts.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from '../support/axe';
import { startKioskUnderTest, type KioskUnderTest } from '../support/kioskUnderTest';

describe('accessibility of every screen (axe-core)', () => {
  let kiosk: KioskUnderTest;

  beforeAll(async () => {
    kiosk = await startKioskUnderTest({ label: 'axe', kioskName: 'A11y 前台', otherKiosks: ['东门前台'], syncOnStart: true });
    // a conflict to show: the group booking checked in at the other kiosk first, then here before a pull
    const other = kiosk.others[0]!;
    await other.checkIn.confirmCheckIn({ bookingId: 'bk_demo_g001' });
    await other.sync.now();
    await kiosk.core.checkIn.confirmCheckIn({ bookingId: 'bk_demo_g001' });
    expect((await kiosk.core.sync.now()).conflicts).toBe(1);
  });
  afterAll(async () => {
    await kiosk.close();
  });

  async function expectAccessible(page: Page, screen: string): Promise<void> {
    const violations = await axeViolations(page);
    expect(violations, `${screen}: ${violations.map((v) => `${v.id} (${v.impact}) ${v.help} at ${v.targets.join(', ')}`).join('; ')}`).toEqual([]);
  }

  async function goHome(page: Page): Promise<void> {
    await page.getByTestId('go-home').click();
    await page.getByTestId('home').waitFor();
  }

  for (const language of ['zh-CN', 'en'] as const) {
    it(`${language}: home, check-in, booking, pass, sign-out, today, conflicts`, async () => {
      kiosk.core.setLanguage(language);
      const page = await kiosk.browser.context.newPage();
      await kiosk.openHome(page);
      expect(await page.getAttribute('html', 'lang')).toBe(language);
      await expectAccessible(page, 'home');

      await page.getByTestId('start-checkin').click();
      await page.getByTestId('checkin-query').waitFor();
      await expectAccessible(page, 'check-in search');

      await page.getByTestId('checkin-query').fill(language === 'en' ? 'DEM0A002' : 'DEM0A001');
      await page.getByTestId('checkin-search').click();
      await page.getByTestId('booking-result').first().click();
      await page.getByTestId('booking-details').waitFor();
      await expectAccessible(page, 'booking details');

      await page.getByTestId('confirm-arrival').click();
      await page.getByTestId('pass-qr').waitFor({ state: 'visible' });
      await expectAccessible(page, 'pass');

      await page.getByTestId('pass-done').click();
      await page.getByTestId('home').waitFor();
      await page.getByTestId('start-signout').click();
      await page.getByTestId('signout-token').waitFor();
      await expectAccessible(page, 'sign-out');

      await goHome(page);
      await page.getByTestId('open-today').click();
      await page.getByTestId('today-visit').first().waitFor();
      await expectAccessible(page, "today's visitors");

      await goHome(page);
      await page.getByTestId('sync-conflicts').click();
      await page.getByTestId('conflicts-screen').waitFor();
      await expectAccessible(page, 'conflicts');
      await page.close();
    });
  }
});
