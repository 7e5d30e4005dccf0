/**
 * The web app's host screens end to end (issue 13 item 3), at a phone's 360×740 viewport in Chromium: the real cloud
 * (temp SQLite, the demo site and hosts) serving the built web app (npm run build:webapp), its sign-in codes
 * caught by a capturing SMS provider. The host signs in with phone and code, returns one booking with a reason (the
 * dialog by keyboard), approves another, finds both under 已处理, books for a visitor (代约), makes an invitation
 * and sees its link and a QR code holding it, revokes it (已失效, the link refused), and signs out (the session ends
 * in the cloud). axe-core finds no violation on any screen.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SmsMessage } from '../../src/cloud/notifications/provider';
import { BookingReceipt } from '../../src/shared/api';
import { HostInbox } from '../../src/shared/hostDesk';
import { decodeQrFromPng } from '../support/qr';
import { fitsThePhone, noViolations, PHONE_VIEWPORT, startWebAppCloud, type WebAppCloud } from '../support/webAppCloud';

const HOST_PHONE = '13800138001';

describe('the web app: the host’s desk (360 px phone)', () => {
  let web: WebAppCloud | undefined;
  const sent: SmsMessage[] = [];

  beforeAll(async () => {
    web = await startWebAppCloud({
      label: 'host-desk',
      cloud: {
        notifyIntervalMs: 0,
        notifications: {
          provider: {
            name: 'capture',
            send: (m) => {
              sent.push(m);
              return Promise.resolve({ kind: 'sent' });
            },
          },
          language: 'zh-CN',
          publicUrl: '',
        },
      },
    });
  });
  afterAll(async () => {
    await web?.close();
  });

  /** the cloud's API without a bearer unless `token` names one */
  const api = (method: 'GET' | 'POST', path: string, opts: { token?: string; body?: unknown } = {}) => web!.api(method, path, opts.body, opts.token ?? null);
  const apply = async (name: string, phone: string) => {
    const start = new Date(Date.now() + 3600_000);
    const body = {
      hostPhone: HOST_PHONE,
      visitor: { name, phone },
      reason: '送合同',
      windowStart: start.toISOString(),
      windowEnd: new Date(start.getTime() + 7200_000).toISOString(),
    };
    return BookingReceipt.parse((await api('POST', '/bookings', { body })).json).code;
  };

  it('signs in by code, returns and approves, books for a visitor, invites and revokes, signs out', async () => {
    // twenty older applications: the inbox's first page is 20, the rest come with 加载更多
    for (let i = 10; i < 30; i++) await apply(`排队${i}`, `136555501${i}`);
    const returnedCode = await apply('钱多多', '13655550001');
    const approvedCode = await apply('孙小美', '13655550002');
    const { page, pageErrors } = await web!.newPage(PHONE_VIEWPORT);

    // sign-in: the site from the address, the phone, the code the SMS provider was handed
    await page.goto(web!.app('/host?site=site_demo'));
    await page.getByTestId('host-signin-screen').waitFor();
    expect(await page.locator('#host-site').inputValue()).toBe('site_demo');
    await noViolations(page, 'the host sign-in');
    await fitsThePhone(page);
    await page.locator('#host-phone').fill(HOST_PHONE);
    await page.getByTestId('host-send-code').click();
    await page.locator('#host-code').waitFor();
    expect(await page.getByTestId('host-code-status').textContent()).toContain('验证码已发送');
    await page.locator('#host-code').fill('000000');
    await page.locator('#host-code').press('Enter');
    expect(await page.getByTestId('host-code-error').textContent()).toBe('验证码错误或已失效，请重新获取。');
    const code = sent.filter((m) => m.template === 'signInCode' && m.phone === HOST_PHONE).at(-1)?.params.code ?? '';
    expect(code).toMatch(/^\d{6}$/);
    await page.locator('#host-code').fill(code);
    await page.locator('#host-code').press('Enter');
    await page.getByTestId('host-inbox-screen').waitFor();
    const token = await page.evaluate<string>("JSON.parse(sessionStorage.getItem('passdesk.webapp.hostSession')).token");

    // 待处理: return one with a reason (the dialog by keyboard; an empty reason refused), approve the other
    const toReturn = page.locator(`[data-testid="host-booking"][data-booking-code="${returnedCode}"]`);
    const toApprove = page.locator(`[data-testid="host-booking"][data-booking-code="${approvedCode}"]`);
    await toReturn.waitFor();
    expect(await toReturn.getByTestId('host-booking-phone').textContent()).toBe('136****0001');
    expect(await page.locator('main').textContent(), 'no phone number in full').not.toMatch(/1365555000\d/);
    await noViolations(page, 'the inbox');
    await fitsThePhone(page);
    await toReturn.getByTestId('host-return').focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByTestId('host-reason-dialog');
    await dialog.waitFor();
    expect(await page.evaluate<string | undefined>('document.activeElement?.id'), 'focus in the dialog').toBe('host-reason');
    await page.keyboard.press('Enter'); // a newline in the textarea: nothing sent
    await dialog.getByTestId('host-reason-confirm').click();
    expect(await page.getByTestId('host-reason-error').textContent()).toBe('请填写原因');
    await noViolations(page, 'the reason dialog');
    await page.locator('#host-reason').fill('请补充公司名称');
    await dialog.getByTestId('host-reason-confirm').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => toReturn.getAttribute('data-status')).toBe('returned');
    expect(await toReturn.getByTestId('host-booking-decision-reason').textContent()).toBe('请补充公司名称');
    expect(await page.getByTestId('host-announcement').textContent()).toContain('钱多多');
    await toApprove.getByTestId('host-approve').click();
    await expect.poll(() => toApprove.getAttribute('data-status')).toBe('approved');
    expect(await page.getByTestId('host-announcement').textContent()).toContain('已确认');
    expect(await toApprove.getByTestId('host-approve').count(), 'a decided booking has no buttons').toBe(0);

    // the next page, after the cloud's cursor
    expect(await page.getByTestId('host-booking').count()).toBe(20);
    await page.getByTestId('host-load-more').click();
    await expect.poll(() => page.getByTestId('host-booking').count()).toBeGreaterThan(20);
    expect(await page.getByTestId('host-load-more').count(), 'no more pages').toBe(0);
    const listedCodes = await Promise.all((await page.getByTestId('host-booking').all()).map((l) => l.getAttribute('data-booking-code')));
    expect(new Set(listedCodes).size, 'no booking twice').toBe(listedCodes.length);

    // 已处理 by the keyboard (→ on the tabs): both, with the return's reason
    await page.getByTestId('host-tab-pending').focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.getByTestId('host-tab-handled').getAttribute('aria-selected')).toBe('true');
    await page.locator('[data-box="handled"]').waitFor();
    await toApprove.waitFor();
    expect(await toReturn.getByTestId('host-booking-decision-reason').textContent()).toBe('请补充公司名称');
    await noViolations(page, 'the 已处理 tab');

    // 代约: pending or approved as the site says (the demo site: pending)
    await page.getByRole('link', { name: '代约' }).click();
    await page.getByTestId('host-proxy-screen').waitFor();
    await noViolations(page, 'the 代约 form');
    await page.locator('#proxy-name').fill('周到');
    await page.locator('#proxy-phone').fill('13655550003');
    await page.locator('#proxy-reason').fill('面试');
    // 抄送 another host, picked in the directory's combobox by keyboard (names and departments, never phones)
    const cc = page.locator('#proxy-cc');
    await cc.fill('王');
    await expect.poll(() => cc.getAttribute('aria-expanded')).toBe('true');
    expect(await page.getByTestId('host-picker-option').allTextContents()).toEqual(['王芳 研发中心']);
    expect(await cc.getAttribute('aria-activedescendant')).toBe('proxy-cc-option-0');
    expect(await page.getByTestId('proxy-cc-status').textContent()).toContain('找到 1 位受访人');
    await noViolations(page, 'the host picker open');
    await cc.press('Enter');
    expect(await cc.inputValue()).toBe('王芳（研发中心）');
    expect(await cc.getAttribute('aria-expanded')).toBe('false');
    await page.getByTestId('proxy-add-companion').click();
    await page.locator('#proxy-companion-0-name').fill('吴同');
    await page.getByTestId('proxy-submit').click();
    await page.getByTestId('host-proxy-result').waitFor();
    expect(await page.getByTestId('host-proxy-outcome').getAttribute('data-status')).toBe('pending');
    expect(await page.getByTestId('host-proxy-outcome').textContent()).toContain('等待审批');
    await noViolations(page, 'the 代约 result');
    const proxyCode = await page.getByTestId('host-proxy-code').textContent();
    const wangToken = ((await api('POST', '/hosts/host_demo_wangfang/token', { token: web!.cloud.adminToken })).json as { token: string }).token;
    const copied = HostInbox.parse((await api('GET', '/host/bookings?box=cc', { token: wangToken })).json);
    expect(
      copied.items.map((i) => i.code),
      'copied to the host picked',
    ).toContain(proxyCode);

    // 邀请: make one, its link and the QR holding it; revoke it (已失效, the link refused)
    await page.getByRole('link', { name: '邀请' }).click();
    await page.getByTestId('host-invitations-screen').waitFor();
    await noViolations(page, 'the invitations');
    await page.locator('#invite-companions').fill('2');
    await page.getByTestId('invite-submit').click();
    const link = await page.getByTestId('host-invitation-link').inputValue();
    expect(link).toMatch(new RegExp(`^${web!.app('/invite/')}[A-Za-z0-9_-]{43}$`));
    const qr = page.getByTestId('host-invitation-qr');
    await qr.waitFor();
    expect(decodeQrFromPng(await qr.screenshot()), 'the QR holds the link').toBe(link);
    const listed = page.getByTestId('host-invitation');
    await expect.poll(() => listed.count()).toBe(1);
    expect(await listed.getByTestId('host-invitation-status').textContent()).toBe('邀请中');
    await noViolations(page, 'the invitation made');
    await fitsThePhone(page);
    await listed.getByTestId('host-revoke').click();
    await expect.poll(() => listed.getAttribute('data-status')).toBe('revoked');
    expect(await listed.getByTestId('host-invitation-status').textContent()).toBe('已失效');
    expect(await page.getByTestId('host-invitation-announcement').textContent()).toContain('邀请已撤销');
    expect((await api('GET', `/invitations/${link.split('/').at(-1)}`)).status).toBe(410);

    // sign-out ends the session in the cloud too
    expect((await api('GET', '/me', { token })).status).toBe(200);
    await page.getByTestId('host-signout').click();
    await page.getByTestId('host-signin-screen').waitFor();
    expect((await api('GET', '/me', { token })).status).toBe(401);
    expect(pageErrors).toEqual([]);
  });
});
