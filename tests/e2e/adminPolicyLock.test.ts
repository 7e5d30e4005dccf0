/**
 * A policy key the management platform locks, end to end (issue 11): the real cloud locks the kiosk's temperature
 * threshold; after one sync the admin screen in Debian Chromium shows it read-only with 由管理平台设置 (and in English),
 * an unlocked key stays editable and is saved, and the locked value holds. The screen passes axe.
 */
import axios from 'axios';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolationsInOrientations } from '../support/axe';
import { startKioskUnderTest, type KioskUnderTest } from '../support/kioskUnderTest';

const PIN = '204817';

async function setUpAdmin(page: Page): Promise<void> {
  const brand = page.getByTestId('top-bar-brand');
  for (let i = 0; i < 5; i++) await brand.click();
  const pad = page.getByTestId('admin-pin');
  await expect.poll(() => pad.getAttribute('data-mode')).toBe('setup');
  for (const step of ['enter', 'confirm']) {
    await expect.poll(() => pad.getAttribute('data-step')).toBe(step);
    await page.getByTestId('admin-pin-input').fill(PIN);
    await page.getByTestId('admin-pin-submit').click();
  }
  await page.getByTestId('admin-home').waitFor({ state: 'visible' });
}

describe('a cloud-locked policy key at the admin screen', () => {
  let started: KioskUnderTest | undefined;

  beforeAll(async () => {
    started = await startKioskUnderTest({ label: 'policy-lock', kioskName: 'E2E 策略', syncOnStart: true });
  });

  afterAll(async () => {
    await started?.close();
  });

  it('is read-only with 由管理平台设置 after one sync; an unlocked key is still saved', async () => {
    if (!started) throw new Error('the kiosk under test did not start');
    const kiosk = started;
    const kioskId = kiosk.core.identity()!.kioskId;
    const res = await axios.post(
      `${kiosk.cloud.url}/api/v1/admin/kiosks/${kioskId}/policy`,
      { values: { temperatureThresholdC: 37.0 }, locked: ['temperatureThresholdC'] },
      { headers: { authorization: `Bearer ${kiosk.cloud.adminToken}` }, proxy: false },
    );
    expect(res.status).toBe(200);
    await kiosk.core.sync.now();
    expect(kiosk.core.settings().temperatureThresholdC).toBe(37);

    const page = await kiosk.browser.context.newPage();
    await kiosk.openHome(page);
    await setUpAdmin(page);
    await page.getByTestId('admin-section-policy').click();
    const threshold = page.getByTestId('admin-policy-threshold');
    await expect.poll(() => threshold.inputValue()).toBe('37');
    expect(await threshold.getAttribute('readonly')).not.toBeNull();
    expect(await page.getByTestId('admin-policy-threshold-locked').textContent()).toBe('由管理平台设置');
    expect(await page.getByTestId('admin-policy-idle-locked').count()).toBe(0);
    await page.waitForTimeout(250);
    expect(await axeViolationsInOrientations(page), 'policy with a locked key').toEqual([]);

    // typing into the locked field changes nothing; the idle time is the kiosk's to set
    await threshold.click();
    await page.keyboard.type('9');
    expect(await threshold.inputValue()).toBe('37');
    await page.getByTestId('admin-policy-idle').fill('90');
    await page.getByTestId('admin-policy-save').click();
    await page.getByTestId('admin-policy-saved').waitFor({ state: 'visible' });
    expect(kiosk.core.settings()).toMatchObject({ temperatureThresholdC: 37, idleTimeoutS: 90, localPolicy: { idleTimeoutS: 90 } });

    await page.getByTestId('lang-switch').click();
    await expect.poll(() => page.getByTestId('admin-policy-threshold-locked').textContent()).toBe('Set by the management platform');
    await page.waitForTimeout(250);
    expect(await axeViolationsInOrientations(page), 'policy with a locked key, English').toEqual([]);
  });
});
