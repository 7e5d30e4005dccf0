/**
 * 转发同伴填写 end to end (issue 13 item 2) at a phone's 360×740 viewport in Debian Chromium: the real cloud
 * (in-memory SQLite, the demo site) serving the built web app (npm run build:webapp). The visitor of demo booking
 * DEM0A001 signs in by code, opens the booking and makes a companion link (its QR drawn); a second page opens the link,
 * is told what a wrong ID number is, fills in the companion's details and submits; the link is then used (410 in words);
 * the visitor's detail shows the companion, name masked, waiting for the host. axe-core finds no violation on any
 * screen; nothing scrolls sideways at 360 px.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NotificationProvider } from '../../src/cloud/notifications/provider';
import { fitsThePhone, noViolations, PHONE_VIEWPORT, startWebAppCloud, type WebAppCloud } from '../support/webAppCloud';

const VISITOR = '13912345678'; // 张伟, demo booking DEM0A001 (approved, today)

describe('the web app: a visitor sends a companion a link, the companion fills in their own details (360 px phone)', () => {
  let web: WebAppCloud | undefined;
  const codes: { phone: string; code: string }[] = [];
  const recorder: NotificationProvider = {
    name: 'recorder',
    send: (m) => {
      if (m.template === 'signInCode') codes.push({ phone: m.phone, code: m.params.code ?? '' });
      return Promise.resolve({ kind: 'sent' });
    },
  };

  beforeAll(async () => {
    web = await startWebAppCloud({ label: 'companion-link', cloud: { notifications: { provider: recorder, language: 'zh-CN', publicUrl: '' } } });
  });
  afterAll(async () => {
    await web?.close();
  });

  const app = (path: string) => web!.app(path);
  async function phonePage() {
    const { page, pageErrors } = await web!.newPage(PHONE_VIEWPORT);
    return { page, errors: pageErrors };
  }

  it('the visitor makes the link, a second page opens it and submits, the visitor’s detail shows the companion', async () => {
    const { page, errors } = await phonePage();
    await page.goto(app('/visitor?site=site_demo'));
    await page.getByTestId('visitor-signin-screen').waitFor();
    await page.locator('#visitor-phone').fill(VISITOR);
    await page.getByTestId('visitor-send-code').click();
    await page.locator('#visitor-code').waitFor();
    await expect.poll(() => codes.filter((c) => c.phone === VISITOR).length).toBe(1);
    await page.locator('#visitor-code').fill(codes.at(-1)!.code);
    await page.locator('#visitor-privacy-accept').check();
    await page.getByTestId('visitor-submit').click();
    await page.getByTestId('my-bookings-screen').waitFor();
    await page.locator('[data-testid="my-booking"][data-booking-code="DEM0A001"]').getByRole('link').click();
    await page.getByTestId('booking-detail-screen').waitFor();

    // 转发同伴填写: the link, its copy field and its QR
    const section = page.getByTestId('companion-links');
    await section.getByText('还没有发出链接。').waitFor();
    await section.getByRole('button', { name: '转发同伴填写' }).click();
    await page.getByTestId('companion-link-made').waitFor();
    await expect.poll(() => page.evaluate<string | undefined>('document.activeElement?.id')).toBe('companion-link-made-title');
    const url = await page.getByTestId('companion-link-url').inputValue();
    expect(url).toMatch(new RegExp(`^${web!.cloud.url}/app/companion/[A-Za-z0-9_-]{43}$`));
    expect(await page.getByTestId('companion-link-qr').getAttribute('alt')).toBe('同伴填写链接的二维码，同伴扫码即可填写');
    await expect.poll(() => page.locator('[data-testid="companion-link"]').getAttribute('data-status')).toBe('open');
    await noViolations(page, 'the booking with its companion link');
    await fitsThePhone(page);

    // the companion, on another phone: what they see, a wrong ID number said beside its field, then submitted
    const other = await phonePage();
    const companion = other.page;
    await companion.goto(url);
    await companion.getByTestId('companion-screen').waitFor();
    expect(await companion.getByTestId('companion-from').textContent()).toBe('张* 邀请您一同前往 Passdesk 演示园区 拜访 李*。请填写您本人的信息。');
    await noViolations(companion, 'the companion’s form');
    await fitsThePhone(companion);
    await companion.locator('#companion-name').fill('林觐文');
    await companion.locator('#companion-phone').fill('13700001111');
    await companion.locator('#companion-idNumber').fill('110105194912310021');
    await companion.getByTestId('companion-submit').click();
    await companion.getByTestId('companion-form-error').waitFor();
    expect(await companion.locator('#companion-idNumber').getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => companion.evaluate<string | undefined>('document.activeElement?.id')).toBe('companion-idNumber');
    await noViolations(companion, 'the companion’s form with an error');
    await companion.locator('#companion-idNumber').fill('11010519491231002X');
    await companion.getByTestId('companion-submit').click();
    const result = companion.getByTestId('companion-result');
    await result.waitFor();
    // the main booking is approved: a visitor's own booking's companion waits for the host (seed 004 1.7)
    expect(await result.getAttribute('data-status')).toBe('pending');
    expect(await companion.getByRole('status').first().textContent()).toMatch(/^您的信息已提交，等待受访人审核。/);
    expect(await companion.getByTestId('companion-result-code').textContent()).toMatch(/^[0-9A-Z]{8}$/);
    await noViolations(companion, 'the companion’s result');
    // the link is used: opened again, it says so
    await companion.goto(url);
    await companion.getByTestId('companion-closed').waitFor();
    expect(await companion.getByTestId('companion-closed').textContent()).toContain('一个链接只能填写一位同伴');

    // the visitor's detail shows the companion, name masked, with their status
    await page.reload();
    const row = page.locator('[data-testid="companion-link"][data-status="used"]');
    await row.waitFor();
    expect(await row.getByTestId('companion-link-companion').textContent()).toBe('林*文（已发起）');
    expect(await page.locator('main').textContent(), 'no phone or ID number in full').not.toMatch(/13700001111|11010519491231002X/);
    await noViolations(page, 'the booking with its companion');
    await fitsThePhone(page);
    expect([...errors, ...other.errors]).toEqual([]);
  });
});
