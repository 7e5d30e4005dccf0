/**
 * Task V (issue 13 items 1–2): a signed-in visitor applies on the web at a phone's 360×740 viewport in Chromium, against
 * the real cloud (in-memory SQLite, the demo site; out/webapp: npm run build:webapp). They pick the host from the site's
 * directory by keyboard (HostPicker: no host phone typed), add a companion the site has blacklisted → refused, the
 * companion named masked beside their field and nothing stored; remove them → submitted through the session → the
 * booking is in "my bookings". The cloud's SMS provider is a recorder: the sign-in code is read from what it sent.
 * axe-core finds no violation on any screen; nothing scrolls sideways.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NotificationProvider } from '../../src/cloud/notifications/provider';
import { BookingList } from '../../src/shared/api';
import { fitsThePhone, noViolations, PHONE_VIEWPORT, startWebAppCloud, type WebAppCloud } from '../support/webAppCloud';

const VISITOR_PHONE = '13655550101';
const BLACKLISTED = '13700009999';

describe('the web app: a signed-in visitor applies (360 px phone)', () => {
  let web: WebAppCloud | undefined;
  const codes: { phone: string; code: string }[] = [];
  const recorder: NotificationProvider = {
    name: 'recorder',
    send: (m) => {
      if (m.template === 'signInCode' && m.params.code !== undefined) codes.push({ phone: m.phone, code: m.params.code });
      return Promise.resolve({ kind: 'sent' });
    },
  };
  const api = (method: 'GET' | 'POST', path: string, body?: unknown) => web!.api(method, path, body);
  const bookingsOf = async (phone: string) =>
    BookingList.parse((await api('GET', '/bookings?limit=1000')).json).bookings.filter((b) => b.visitor.phone === phone);

  beforeAll(async () => {
    web = await startWebAppCloud({ label: 'apply', cloud: { notifications: { provider: recorder, language: 'zh-CN', publicUrl: '' } } });
    expect((await api('POST', '/admin/blacklist', { siteId: 'site_demo', phone: BLACKLISTED, reason: '冒用他人证件' })).status).toBe(201);
  });
  afterAll(async () => {
    await web?.close();
  });

  const focused = (page: Page) => page.evaluate<string | undefined>('document.activeElement?.id');

  it('picks the host, is refused for a blacklisted companion (named masked), removes them, submits; the booking is in my bookings', async () => {
    const { page, pageErrors } = await web!.newPage(PHONE_VIEWPORT);

    // signed in by phone and code (the privacy notice accepted)
    await page.goto(web!.app(`/visitor`));
    await page.locator('#visitor-phone').fill(VISITOR_PHONE);
    await page.getByTestId('visitor-send-code').click();
    await page.locator('#visitor-code').waitFor();
    await expect.poll(() => codes.filter((c) => c.phone === VISITOR_PHONE).length).toBe(1);
    await page.locator('#visitor-code').fill(codes.at(-1)!.code);
    await page.locator('#visitor-privacy-accept').check();
    await page.getByTestId('visitor-submit').click();
    await page.getByTestId('my-bookings-screen').waitFor();

    await page.getByRole('navigation').getByRole('link', { name: '预约来访' }).click();
    await page.getByTestId('apply-screen').waitFor();
    expect(await page.getByTestId('apply-signed-in').textContent()).toContain('136****0101');
    expect(await page.locator('#apply-phone').inputValue(), 'the phone signed in with, masked, not asked again').toBe('136****0101');
    await page.locator('#apply-name').fill('孙小美');
    // the host: the beginning of their name, then the keyboard (↓ and Enter) picks from the directory's list
    await page.locator('#apply-hostId').pressSequentially('王');
    const option = page.getByTestId('host-picker-option').filter({ hasText: '王芳' });
    await option.waitFor();
    expect(await option.textContent(), 'a name and a department, never a phone').not.toMatch(/\d{11}/);
    await noViolations(page, 'the host picker open');
    await page.locator('#apply-hostId').press('Enter');
    await expect.poll(() => page.locator('#apply-hostId').inputValue()).toBe('王芳（研发中心）');
    expect(await page.getByTestId('apply-hostId-status').textContent()).toBe('已选择 王芳');
    await page.locator('#apply-reason').fill('送样品');
    await page.getByTestId('apply-add-companion').click();
    await expect.poll(() => focused(page)).toBe('apply-companion-1-name');
    await page.keyboard.type('周小黑');
    await page.locator('#apply-companion-1-phone').fill(BLACKLISTED);

    await page.getByTestId('apply-submit').click();
    await expect.poll(() => page.getByTestId('apply-form-error').textContent()).toBe('以下人员在本园区黑名单上，不能预约：同行人 1（周*黑）。请移除后再提交。');
    expect(await page.getByTestId('apply-companion-1-name-error').textContent()).toBe('此人在本园区黑名单上，不能同行');
    await expect.poll(() => focused(page), { message: 'focus on the refused companion' }).toBe('apply-companion-1-name');
    expect(await bookingsOf(VISITOR_PHONE), 'nothing stored').toEqual([]);
    await noViolations(page, 'the form refusing a blacklisted companion');
    await fitsThePhone(page);

    await page.getByRole('button', { name: '删除同行人员 1' }).click();
    await page.getByTestId('apply-submit').click();
    await page.getByTestId('receipt-screen').waitFor();
    const code = (await page.getByTestId('receipt-code').textContent()) ?? '';
    expect(await page.getByTestId('receipt-status').textContent()).toBe('已发起');
    const [stored] = await bookingsOf(VISITOR_PHONE);
    expect(stored).toMatchObject({ code, hostId: 'host_demo_wangfang', source: 'self', status: 'pending', companions: [], reason: '送样品' });
    await noViolations(page, 'the receipt');

    await page.getByRole('link', { name: '查看我的预约' }).click();
    await page.getByTestId('my-bookings-screen').waitFor();
    const mine = page.locator(`[data-testid="my-booking"][data-booking-code="${code}"]`);
    await mine.waitFor();
    expect(await mine.getByTestId('my-booking-status').textContent()).toBe('已发起');
    await fitsThePhone(page);
    expect(pageErrors).toEqual([]);
  });
});
