/**
 * The web app's first flow end to end (issue 13 item 5), at a phone's 360×740 viewport in Debian Chromium: the real
 * cloud (temp SQLite, the demo site and hosts) serving the built web app (out/webapp: npm run build:webapp)
 * under /app/. A visitor applies at /app/apply (errors beside the fields, in Chinese and English), gets the receipt;
 * the host signs in with a host token at /app/host, sees the booking pending with phone and ID masked, approves it by
 * keyboard, and it shows 已确认 (the cloud has it approved). axe-core finds no violation on any screen.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BookingList, HostToken } from '../../src/shared/api';
import { fitsThePhone, noViolations, PHONE_VIEWPORT, startWebAppCloud, type WebAppCloud } from '../support/webAppCloud';

const HOST = 'host_demo_liming';

describe('the web app: a visitor applies, the host approves (360 px phone)', () => {
  let web: WebAppCloud | undefined;

  beforeAll(async () => {
    web = await startWebAppCloud({ label: 'first-flow' });
  });
  afterAll(async () => {
    await web?.close();
  });

  it('applies, shows the receipt; the host signs in with a token and approves by keyboard', async () => {
    const { page, pageErrors } = await web!.newPage(PHONE_VIEWPORT);

    // the visitor: the form, then its errors beside the fields in both languages
    await page.goto(web!.app('/apply'));
    await page.getByTestId('apply-screen').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await noViolations(page, 'the application form');
    await fitsThePhone(page);
    await page.locator('#apply-phone').fill('12345');
    await page.getByTestId('apply-submit').click();
    expect(await page.getByTestId('apply-name-error').textContent()).toBe('此项为必填项');
    expect(await page.getByTestId('apply-phone-error').textContent()).toContain('11 位手机号');
    expect(await page.locator('#apply-name').getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate<string | undefined>('document.activeElement?.id'), 'focus on the first wrong field').toBe('apply-name');
    await noViolations(page, 'the form with its errors');
    await page.getByTestId('language-switch').click();
    expect(await page.getByTestId('apply-name-error').textContent()).toBe('This field is required');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await noViolations(page, 'the form in English');
    await page.getByTestId('language-switch').click();

    await page.locator('#apply-name').fill('孙小美');
    await page.locator('#apply-phone').fill('136 5555 6666');
    await page.locator('#apply-idNumber').fill('11010519491231002X');
    // the host picked from the site's directory by the beginning of their name (no visitor types a host's phone)
    await page.locator('#apply-hostId').fill('李');
    await page.getByTestId('host-picker-option').filter({ hasText: '李明' }).click();
    await page.locator('#apply-reason').fill('送合同');
    await page.getByTestId('apply-submit').click();
    await page.getByTestId('receipt-screen').waitFor();
    expect(new URL(page.url()).pathname).toBe('/app/apply/receipt');
    const code = (await page.getByTestId('receipt-code').textContent()) ?? '';
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
    expect(await page.getByTestId('receipt-status').textContent()).toBe('已发起');
    await noViolations(page, 'the receipt');

    // the host: a wrong token refused beside its field, then the issued one (Enter submits)
    await page.goto(web!.app('/host'));
    await page.getByTestId('host-signin-screen').waitFor();
    await noViolations(page, 'the host sign-in');
    await page.locator('#host-token').fill('not-a-token');
    await page.locator('#host-token').press('Enter');
    expect(await page.getByTestId('host-token-error').textContent()).toBe('令牌无效或已被吊销');
    const issued = HostToken.parse((await web!.api('POST', `/hosts/${HOST}/token`)).json);
    await page.locator('#host-token').fill(issued.token);
    await page.locator('#host-token').press('Enter');
    await page.getByTestId('host-inbox-screen').waitFor();

    const mine = page.locator(`[data-testid="host-booking"][data-booking-code="${code}"]`);
    await mine.waitFor();
    expect(await mine.getAttribute('data-status')).toBe('pending');
    expect(await mine.getByTestId('host-booking-status').textContent()).toBe('待确认');
    expect(await mine.getByTestId('host-booking-phone').textContent()).toBe('136****6666');
    expect(await mine.getByTestId('host-booking-id-number').textContent()).toBe('110***********002X');
    expect(await page.locator('main').textContent(), 'no phone or ID number in full').not.toMatch(/13655556666|11010519491231002X/);
    await noViolations(page, 'the host inbox');
    await fitsThePhone(page);

    await mine.getByTestId('host-approve').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => mine.getAttribute('data-status')).toBe('approved');
    expect(await mine.getByTestId('host-booking-status').textContent()).toBe('已确认');
    expect(await mine.getByTestId('host-approve').count(), 'a decided booking has no buttons').toBe(0);
    expect(await page.getByTestId('host-announcement').textContent()).toContain('已确认');
    await noViolations(page, 'the inbox after the decision');

    const listed = BookingList.parse((await web!.api('GET', '/bookings', undefined, issued.token)).json).bookings.find((b) => b.code === code);
    expect(listed?.status).toBe('approved');
    // a reload keeps the host signed in (this tab's session) and shows the decision from the cloud, under 已处理
    await page.reload();
    await page.getByTestId('host-tab-handled').click();
    await mine.waitFor();
    expect(await mine.getAttribute('data-status')).toBe('approved');
    expect(pageErrors).toEqual([]);
  });
});
