/**
 * Kiosk administration, end to end (issue 11): the real cloud with the demo data, the kiosk core enrolled with a
 * thermometer simulator on a socat pty (37.2 °C), the browser shell and Debian Chromium. Five taps on the logo open
 * the PIN pad, which on first use sets the admin PIN; the admin home's devices test reads 37.2 as normal, the policy
 * lowers the threshold to 37.0 and the next reading is abnormal at once; after a reload the setting is still there
 * (Ctrl+Alt+A, the PIN); a staff PIN the admin sets opens the staff sections only (sync, today's visitors, 替换注册照片); locked, a wrong PIN makes the pad
 * wait. Every admin screen passes axe.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeviceManager } from '../../src/main/devices/manager/deviceManager';
import { serveThermometerOnPty, type ThermometerOnPty } from '../../src/main/devices/thermometer/simulator';
import { KioskDeviceSettings } from '../../src/shared/domain';
import { axeViolationsInOrientations } from '../support/axe';
import { startKioskUnderTest, type KioskUnderTest } from '../support/kioskUnderTest';

const PIN = '204817';
const STAFF_PIN = '551093';

async function fiveTaps(page: Page): Promise<void> {
  const brand = page.getByTestId('top-bar-brand');
  for (let i = 0; i < 5; i++) await brand.click();
}

async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
  // a tab just chosen fades to its colours (120 ms): judge the colours it settles on
  await page.waitForTimeout(250);
  expect(await axeViolationsInOrientations(page), where).toEqual([]);
}

describe('kiosk administration, end to end', () => {
  let started: KioskUnderTest | undefined;
  let thermo: ThermometerOnPty;

  beforeAll(async () => {
    started = await startKioskUnderTest({
      label: 'admin',
      kioskName: 'E2E 管理',
      async devices(onClose) {
        thermo = await serveThermometerOnPty({ model: 'gy', temperatureC: 37.2 });
        onClose(() => thermo.close());
        const manager = createDeviceManager({
          settings: KioskDeviceSettings.parse({ thermometer: { enabled: true, port: thermo.path, model: 'gy' } }),
          autoDetect: false,
          thermometer: { samples: 3, queryIntervalMs: 0 },
        });
        await manager.start();
        return manager;
      },
    });
  });

  afterAll(async () => {
    await started?.close();
  });

  it('five taps → set the PIN → admin home → a lower threshold judges the next reading → kept after reload → lock → a wrong PIN waits', async () => {
    if (!started) throw new Error('the kiosk under test did not start');
    const kiosk = started;
    const page = await kiosk.browser.context.newPage();
    await kiosk.openHome(page);

    // first use: the PIN pad asks for a new admin PIN, twice; a weak one is refused on the spot
    await fiveTaps(page);
    const pad = page.getByTestId('admin-pin');
    await expect.poll(() => pad.getAttribute('data-mode')).toBe('setup');
    await expectNoAxeViolations(page, 'PIN pad (setup)');
    await page.getByTestId('admin-pin-input').fill('123456');
    await page.getByTestId('admin-pin-submit').click();
    await expect.poll(() => page.getByTestId('admin-pin-notice').getAttribute('data-notice')).toBe('weak');
    // the large on-screen digits, then the hardware keyboard
    for (const digit of PIN) await pad.getByRole('button', { name: digit, exact: true }).click();
    expect(await page.getByTestId('admin-pin-input').inputValue()).toBe(PIN);
    expect(await page.getByTestId('admin-pin-input').getAttribute('type')).toBe('password');
    await page.getByTestId('admin-pin-submit').click();
    await expect.poll(() => pad.getAttribute('data-step')).toBe('confirm');
    await page.getByTestId('admin-pin-input').focus();
    await page.keyboard.type(PIN);
    await page.keyboard.press('Enter');

    const home = page.getByTestId('admin-home');
    await home.waitFor({ state: 'visible' });
    expect(await home.getAttribute('data-role')).toBe('admin');
    expect(kiosk.core.settings().adminPinHash).toMatch(/^scrypt\$/);

    // devices: live states and the thermometer's test, judged against 37.3
    const thermometerRow = page.getByTestId('admin-device-thermometer');
    await expect.poll(() => thermometerRow.getAttribute('data-status')).toBe('ready');
    await expectNoAxeViolations(page, 'admin home: devices');
    await page.getByTestId('admin-test-thermometer').click();
    const result = page.getByTestId('admin-test-result');
    await expect.poll(() => result.textContent()).toContain('37.2');
    expect(await result.textContent()).toContain('正常');
    await page.getByTestId('admin-test-printer').click();
    await expect.poll(() => result.textContent()).toBe('未配置');

    // policy: the threshold to 37.0, saved and in effect at once
    await page.getByTestId('admin-section-policy').click();
    const threshold = page.getByTestId('admin-policy-threshold');
    expect(await threshold.inputValue()).toBe('37.3');
    await expectNoAxeViolations(page, 'admin home: policy');
    await threshold.fill('45');
    await page.getByTestId('admin-policy-save').click();
    await page.getByTestId('admin-policy-invalid').waitFor({ state: 'visible' });
    expect(await page.getByTestId('admin-policy-invalid').textContent()).toContain('体温阈值');
    expect(kiosk.core.settings().temperatureThresholdC).toBe(37.3);
    await threshold.fill('37.0');
    await page.getByTestId('admin-policy-save').click();
    await page.getByTestId('admin-policy-saved').waitFor({ state: 'visible' });
    expect(kiosk.core.settings().temperatureThresholdC).toBe(37);

    await page.getByTestId('admin-section-devices').click();
    await page.getByTestId('admin-test-thermometer').click();
    await expect.poll(() => result.textContent()).toContain('异常');
    expect(await result.textContent()).toContain('37.0');

    // sync and about
    await page.getByTestId('admin-section-sync').click();
    await page.getByTestId('admin-sync-now').click();
    await expect.poll(() => page.getByTestId('admin-sync-phase').textContent()).toBe('idle');
    await expectNoAxeViolations(page, 'admin home: sync');
    await page.getByTestId('admin-section-about').click();
    await page.getByTestId('admin-check-db').click();
    await expect.poll(() => page.getByTestId('admin-check-db-result').textContent()).toBe('数据库完整性检查通过');
    expect(await page.getByTestId('admin-about').textContent()).toContain(kiosk.core.dataDir);
    await expectNoAxeViolations(page, 'admin home: about');
    await page.getByTestId('admin-section-pin').click();
    await expectNoAxeViolations(page, 'admin home: PINs');
    // and in English
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => page.getByTestId('admin-section-pin').textContent()).toBe('PINs');
    await expectNoAxeViolations(page, 'admin home: PINs, English');
    await page.getByTestId('lang-switch').click();

    // after a reload the renderer holds no session; Ctrl+Alt+A and the PIN show the threshold kept
    await page.reload();
    await page.getByTestId('home').waitFor();
    await page.keyboard.press('Control+Alt+KeyA');
    await expect.poll(() => pad.getAttribute('data-mode')).toBe('unlock');
    await page.getByTestId('admin-pin-input').fill(PIN);
    await page.getByTestId('admin-pin-submit').click();
    await home.waitFor({ state: 'visible' });
    await page.getByTestId('admin-section-policy').click();
    await expect.poll(() => threshold.inputValue()).toBe('37');

    // a staff PIN, set by the admin, opens the staff subset only (sync, today's visitors with their desk photos, 替换注册照片)
    await page.getByTestId('admin-section-pin').click();
    await page.getByTestId('admin-staff-pin').fill(STAFF_PIN);
    await page.getByTestId('admin-staff-pin').press('Enter');
    await page.getByTestId('admin-staff-pin-done').waitFor({ state: 'visible' });
    expect(kiosk.core.settings().staffPinHash).toMatch(/^scrypt\$/);

    // lock: home again
    await page.getByTestId('admin-lock').click();
    await page.getByTestId('home').waitFor();
    await fiveTaps(page);
    await expect.poll(() => pad.getAttribute('data-mode')).toBe('unlock');
    await page.getByTestId('admin-pin-input').fill(STAFF_PIN);
    await page.getByTestId('admin-pin-submit').click();
    await home.waitFor({ state: 'visible' });
    expect(await home.getAttribute('data-role')).toBe('staff');
    const tabs = await page.locator('[data-testid^="admin-section-"]').all();
    expect(await Promise.all(tabs.map((tab) => tab.getAttribute('data-testid')))).toEqual([
      'admin-section-sync',
      'admin-section-visits',
      'admin-section-photo',
    ]);
    await page.getByTestId('admin-sync').waitFor({ state: 'visible' });
    await expectNoAxeViolations(page, 'admin home: staff');
    await page.getByTestId('admin-lock').click();
    await page.getByTestId('home').waitFor();

    // a wrong PIN: the pad waits 1 s, then 2 s after the next
    await fiveTaps(page);
    await expect.poll(() => pad.getAttribute('data-mode')).toBe('unlock');
    await page.getByTestId('admin-pin-input').fill('999111');
    await page.getByTestId('admin-pin-submit').click();
    const notice = page.getByTestId('admin-pin-notice');
    await expect.poll(() => notice.getAttribute('data-notice')).toBe('wait');
    expect(await notice.textContent()).toContain('秒后重试');
    expect(await page.getByTestId('admin-pin-submit').isDisabled()).toBe(true);
    await expectNoAxeViolations(page, 'PIN pad (waiting)');
    await expect.poll(() => notice.getAttribute('data-notice'), { timeout: 5000 }).toBe('wrong_pin');
    await page.getByTestId('admin-pin-input').fill('999112');
    await page.getByTestId('admin-pin-submit').click();
    await expect.poll(() => notice.textContent()).toMatch(/[12] 秒后重试/);
    await page.close();
  });
});
