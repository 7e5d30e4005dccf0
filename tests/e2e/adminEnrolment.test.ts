/**
 * Enrolling a fresh kiosk from its own admin screen (issue 11): the real cloud with the demo data, a kiosk core that
 * was never enrolled, the browser shell and Debian Chromium. Five taps and a first admin PIN open the admin home; in
 * the enrolment section a hostile kiosk name is refused on the spot (nothing sent), a wrong code is refused by the
 * cloud, and the one-time code enrols the kiosk: the screen shows the site, the kiosk id and the key fingerprint the
 * core holds. axe finds nothing on the section in zh-CN and in English.
 */
import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SITE } from '../../src/cloud/demo';
import { axeViolationsInOrientations } from '../support/axe';
import { startKioskUnderTest, type KioskUnderTest } from '../support/kioskUnderTest';

const PIN = '204817';

async function expectAccessible(page: Page, where: string): Promise<void> {
  await page.waitForTimeout(250);
  const violations = await axeViolationsInOrientations(page);
  expect(violations, `${where}: ${violations.map((v) => `${v.id} (${v.impact}) ${v.help} at ${v.targets.join(', ')}`).join('; ')}`).toEqual([]);
}

async function openAdminEnrolment(page: Page, firstUse: boolean): Promise<void> {
  const brand = page.getByTestId('top-bar-brand');
  for (let i = 0; i < 5; i++) await brand.click();
  const input = page.getByTestId('admin-pin-input');
  await input.waitFor();
  await input.fill(PIN);
  await page.getByTestId('admin-pin-submit').click();
  if (firstUse) {
    await expect.poll(() => page.getByTestId('admin-pin').getAttribute('data-step')).toBe('confirm');
    await input.fill(PIN);
    await page.getByTestId('admin-pin-submit').click();
  }
  await page.getByTestId('admin-home').waitFor();
  await page.getByTestId('admin-section-enrolment').click();
  await page.getByTestId('admin-enrolment-state').waitFor();
}

describe('enrolling a fresh kiosk from the admin screen, end to end', () => {
  let kiosk: KioskUnderTest | undefined;

  beforeAll(async () => {
    kiosk = await startKioskUnderTest({ label: 'enrolment', kioskName: 'unused', enrol: false });
  });
  afterAll(async () => {
    await kiosk?.close();
  });

  it('zh-CN: a hostile name and a wrong code change nothing; the one-time code enrols and the fingerprint shows', async () => {
    if (!kiosk) throw new Error('the kiosk under test did not start');
    kiosk.core.setLanguage('zh-CN');
    expect(kiosk.core.identity()).toBeUndefined();
    const page = await kiosk.browser.context.newPage();
    await kiosk.openHome(page);
    await openAdminEnrolment(page, true);
    expect(await page.getByTestId('admin-enrolment-state').getAttribute('data-enrolled')).toBe('no');
    await expectAccessible(page, 'enrolment (not enrolled, zh-CN)');

    await page.getByTestId('admin-enrol-url').fill(kiosk.cloud.url);
    await page.getByTestId('admin-enrol-code').fill('ZZZZ-9999');
    await page.getByTestId('admin-enrol-name').fill('<script>alert(1)</script>');
    await page.getByTestId('admin-enrol-submit').click();
    await expect.poll(() => page.getByTestId('admin-enrol-name-error').textContent()).toContain('名称无效');
    await expectAccessible(page, 'enrolment (invalid name, zh-CN)');
    expect(kiosk.core.identity()).toBeUndefined();

    await page.getByTestId('admin-enrol-name').fill('大堂 1 号机');
    await page.getByTestId('admin-enrol-submit').click();
    await expect.poll(() => page.getByTestId('error-message').textContent()).toContain('管理平台拒绝了注册');
    expect(kiosk.core.identity()).toBeUndefined();

    await page.getByTestId('admin-enrol-code').fill(await kiosk.client.enrolmentCode(DEMO_SITE.id));
    await page.getByTestId('admin-enrol-submit').click();
    await page.getByTestId('admin-enrolment-fingerprint').waitFor();
    const identity = kiosk.core.identity()!;
    expect(identity.name).toBe('大堂 1 号机');
    const sha = createHash('sha256').update(Buffer.from(identity.publicKey, 'base64url')).digest('hex');
    expect(await page.getByTestId('admin-enrolment-fingerprint').textContent()).toBe(sha.slice(0, 20).replace(/(.{4})(?!$)/g, '$1 '));
    expect(await page.getByTestId('admin-enrolment-kiosk-id').textContent()).toBe(identity.kioskId);
    expect(await page.getByTestId('admin-enrolment-site').textContent()).toBe(DEMO_SITE.name);
    expect(kiosk.core.sync.state()).toMatchObject({ phase: 'idle', online: true });
    await expectAccessible(page, 'enrolment (enrolled, zh-CN)');
    await page.close();
  });

  it('en: the enrolled kiosk’s section, and re-enrolling shown as a form, pass axe', async () => {
    if (!kiosk) throw new Error('the kiosk under test did not start');
    kiosk.core.setLanguage('en');
    const page = await kiosk.browser.context.newPage();
    await kiosk.openHome(page);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await openAdminEnrolment(page, false);
    await page.getByTestId('admin-enrolment-fingerprint').waitFor();
    expect(await page.getByTestId('admin-enrolment-state').textContent()).toBe('This kiosk is enrolled');
    await expectAccessible(page, 'enrolment (enrolled, en)');
    await page.getByTestId('admin-reenrol').click();
    await page.getByTestId('admin-enrolment-form').waitFor();
    await page.getByTestId('admin-enrol-url').fill('javascript:alert(1)');
    await page.getByTestId('admin-enrol-submit').click();
    await expect.poll(() => page.getByTestId('admin-enrol-url-error').textContent()).toContain('Invalid address');
    await expectAccessible(page, 'enrolment (re-enrol form, en)');
    await page.close();
  });
});
