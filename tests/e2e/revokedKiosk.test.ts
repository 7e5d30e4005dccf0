/**
 * A kiosk the cloud revoked (issue 11): the real cloud revokes the enrolled kiosk under test through its admin route;
 * after one sync the home is a full-screen 本机已停用 notice (no check-in or walk-in to start, 请联系管理员 for
 * staff), and the admin who opens the PIN pad from it lands on the enrolment section. axe finds nothing on the notice
 * in zh-CN and in English.
 */
import axios from 'axios';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolationsInOrientations } from '../support/axe';
import { startKioskUnderTest, type KioskUnderTest } from '../support/kioskUnderTest';

const PIN = '204817';

async function expectAccessible(page: Page, where: string): Promise<void> {
  await page.waitForTimeout(250);
  const violations = await axeViolationsInOrientations(page);
  expect(violations, `${where}: ${violations.map((v) => `${v.id} (${v.impact}) ${v.help} at ${v.targets.join(', ')}`).join('; ')}`).toEqual([]);
}

describe('a kiosk revoked by the cloud, end to end', () => {
  let kiosk: KioskUnderTest | undefined;

  beforeAll(async () => {
    kiosk = await startKioskUnderTest({ label: 'revoked', kioskName: 'E2E 停用', syncOnStart: true });
  });
  afterAll(async () => {
    await kiosk?.close();
  });

  it('zh-CN: one sync after the revocation the home says 本机已停用; the admin is taken to enrolment', async () => {
    if (!kiosk) throw new Error('the kiosk under test did not start');
    kiosk.core.setLanguage('zh-CN');
    const page = await kiosk.browser.context.newPage();
    await kiosk.openHome(page);
    expect(await page.getByTestId('start-checkin').count()).toBe(1);

    const kioskId = kiosk.core.identity()!.kioskId;
    await axios.post(
      `${kiosk.cloud.url}/api/v1/admin/kiosks/${kioskId}/revoke`,
      {},
      { headers: { authorization: `Bearer ${kiosk.cloud.adminToken}` }, proxy: false },
    );
    expect((await kiosk.core.sync.now()).phase).toBe('revoked');

    const notice = page.getByTestId('home-revoked');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('本机已停用');
    expect(await notice.textContent()).toContain('请联系管理员');
    expect(await page.getByTestId('start-checkin').count()).toBe(0);
    expect(await page.getByTestId('start-walkin').count()).toBe(0);
    await expectAccessible(page, 'revoked home (zh-CN)');

    // the admin: the PIN pad from the notice, then straight to the enrolment section
    await page.getByTestId('revoked-open-admin').click();
    const input = page.getByTestId('admin-pin-input');
    await input.waitFor();
    await input.fill(PIN);
    await page.getByTestId('admin-pin-submit').click();
    await expect.poll(() => page.getByTestId('admin-pin').getAttribute('data-step')).toBe('confirm');
    await input.fill(PIN);
    await page.getByTestId('admin-pin-submit').click();
    await page.getByTestId('admin-enrolment-state').waitFor();
    expect(await page.getByTestId('admin-enrolment-kiosk-id').textContent()).toBe(kioskId);
    await page.close();
  });

  it('en: the notice reads “This kiosk was disabled” and passes axe', async () => {
    if (!kiosk) throw new Error('the kiosk under test did not start');
    kiosk.core.setLanguage('en');
    const page = await kiosk.browser.context.newPage();
    await page.goto(kiosk.shell.url);
    const notice = page.getByTestId('home-revoked');
    await notice.waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await notice.textContent()).toContain('This kiosk was disabled');
    expect(await notice.textContent()).toContain('Please contact the administrator');
    await expectAccessible(page, 'revoked home (en)');
    await page.close();
  });
});
