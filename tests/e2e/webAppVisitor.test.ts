/**
 * The web app's visitor side end to end (issue 13 items 2 and 5) at a phone's 360×740 viewport in Debian Chromium:
 * the real cloud (temp SQLite, demo data) serving the built web app (out/webapp) and the kiosk under test (browser
 * shell, out/renderer) enrolled to it, one cloud and one browser for the three flows. The cloud's SMS provider is
 * a recorder at the provider boundary: the sign-in codes are read from what it was asked to send.
 * (a) a visitor applies with a companion, the host approves, the visitor signs in by code (the privacy notice
 *     accepted with its version) and opens my pass; the kiosk checks them in by the QR read off the web page.
 * (b) returned with a reason → amended (its reason, a companion added) and resubmitted → approved; then cancelled
 *     after a confirmation; sign-out.
 * (c) an invitation with a companion limit of 1 (a second companion refused, here and by the cloud), submitted,
 *     then 已使用; an expired invitation shows 已失效.
 * axe-core finds no violation on any screen; nothing scrolls sideways at 360 px.
 */
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SITE } from '../../src/cloud/demo';
import type { NotificationProvider } from '../../src/cloud/notifications/provider';
import { InvitationCreated } from '../../src/shared/hostDesk';
import { idCheckCharacter } from '../../src/shared/idNumber';
import { decodeQrFromPng } from '../support/qr';
import { checkInThroughUi, startKioskUnderTest, type KioskUnderTest } from '../support/kioskUnderTest';
import { fitsThePhone, noViolations, PHONE_VIEWPORT, webAppOn } from '../support/webAppCloud';

const idNumber = (first17: string) => `${first17}${idCheckCharacter(first17)}`;
const HOST_PHONE = '13700000031';

describe('the web app: visitors sign in, see and change their bookings, open their pass; invitations (360 px phone)', () => {
  let started: KioskUnderTest | undefined;
  let kiosk: KioskUnderTest;
  let hostBearer: string;
  /** every SMS the cloud sent: the sign-in codes among them */
  const sent: { phone: string; template: string; params: Readonly<Record<string, string>> }[] = [];
  const recorder: NotificationProvider = {
    name: 'recorder',
    send: (m) => {
      sent.push({ phone: m.phone, template: m.template, params: m.params });
      return Promise.resolve({ kind: 'sent' });
    },
  };

  beforeAll(async () => {
    kiosk = started = await startKioskUnderTest({
      label: 'webapp-visitor',
      kioskName: 'E2E 前台',
      cloud: { webAppDir: resolve('out/webapp'), notifications: { provider: recorder, language: 'zh-CN', publicUrl: '' } },
    });
    const host = await kiosk.client.createHost({ name: '林小红', phone: HOST_PHONE, department: '人事部', siteId: DEMO_SITE.id });
    hostBearer = await kiosk.client.hostToken(host.id);
  });
  afterAll(async () => {
    await started?.close();
  });

  const app = (path: string) => webAppOn(kiosk).app(path);

  async function phonePage(): Promise<{ page: Page; errors: string[] }> {
    const { page, pageErrors } = await webAppOn(kiosk).newPage(PHONE_VIEWPORT);
    return { page, errors: pageErrors };
  }

  /** the last sign-in code the cloud sent to `phone` (sent without being awaited: polled) */
  async function codeSentTo(phone: string, count: number): Promise<string> {
    await expect.poll(() => sent.filter((s) => s.phone === phone && s.template === 'signInCode').length).toBeGreaterThanOrEqual(count);
    return sent.filter((s) => s.phone === phone && s.template === 'signInCode').at(-1)!.params.code!;
  }

  function window(fromMinutes: number, toMinutes: number) {
    const now = Date.now();
    return { windowStart: new Date(now + fromMinutes * 60_000).toISOString(), windowEnd: new Date(now + toMinutes * 60_000).toISOString() };
  }

  /** at /app/visitor: asks for a code, types it (`wrongFirst`: a wrong one before), accepts the notice, signs in */
  async function signIn(page: Page, phone: string, opts: { wrongFirst?: boolean } = {}) {
    await page.goto(app('/visitor'));
    await page.getByTestId('visitor-signin-screen').waitFor();
    await page.locator('#visitor-phone').fill(phone);
    await page.getByTestId('visitor-send-code').click();
    await page.locator('#visitor-code').waitFor();
    expect(await page.getByTestId('visitor-code-sent').textContent()).toContain(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
    const code = await codeSentTo(phone, 1);
    await page.locator('#visitor-privacy-accept').check();
    if (opts.wrongFirst) {
      await page.locator('#visitor-code').fill(code === '000000' ? '111111' : '000000');
      await page.getByTestId('visitor-submit').click();
      await expect.poll(() => page.getByTestId('visitor-code-error').textContent()).toBe('验证码错误，还可尝试 4 次。');
      expect(await page.locator('#visitor-code').getAttribute('aria-invalid')).toBe('true');
    }
    await page.locator('#visitor-code').fill(code);
    await page.getByTestId('visitor-submit').click();
    await page.getByTestId('my-bookings-screen').waitFor();
  }

  it('(a) applies with a companion, approved, signs in by code, opens my pass; the kiosk checks in by that QR', async () => {
    const phone = '13655550001';
    const booking = await kiosk.client.book({
      source: 'self',
      hostPhone: HOST_PHONE,
      visitor: { name: '孙小美', phone, idType: 'resident_id', idNumber: idNumber('11010519900307123') },
      companions: [{ name: '周一', phone: '13655550002' }],
      reason: '送合同',
      ...window(-10, 240),
    });
    expect((await kiosk.client.decide(booking.id, 'approve', hostBearer)).status).toBe('approved');

    const { page, errors } = await phonePage();
    await page.goto(app('/'));
    await page.getByTestId('home-screen').waitFor();
    await page.getByRole('navigation').getByRole('link', { name: '我的预约' }).click();
    await page.getByTestId('visitor-signin-screen').waitFor();
    await noViolations(page, 'the visitor sign-in');
    await fitsThePhone(page);
    await page.locator('#visitor-phone').fill(phone);
    await page.getByTestId('visitor-send-code').click();
    await page.locator('#visitor-code').fill(await codeSentTo(phone, 1));
    await noViolations(page, 'the code and the privacy notice');
    // the notice must be accepted before the first sign-in
    await page.getByTestId('visitor-submit').click();
    expect(await page.getByTestId('visitor-privacy-error').textContent()).toBe('请先阅读并勾选同意隐私声明');
    await page.locator('#visitor-privacy-accept').check();
    await page.getByTestId('visitor-submit').click();
    await page.getByTestId('my-bookings-screen').waitFor();
    expect(await page.getByTestId('visitor-signed-in-as').textContent()).toContain('136****0001');

    const mine = page.locator(`[data-testid="my-booking"][data-booking-code="${booking.code}"]`);
    await mine.waitFor();
    expect(await mine.getByTestId('my-booking-status').textContent()).toBe('已确认');
    await noViolations(page, 'my bookings');
    await fitsThePhone(page);
    await mine.getByRole('link').click();
    await page.getByTestId('booking-detail-screen').waitFor();
    expect(await page.getByTestId('booking-detail-companions').textContent()).toBe('周一 (136****0002)');
    expect(await page.locator('main').textContent(), 'no phone or ID number in full').not.toMatch(/13655550001|13655550002|110105199003071/);
    await noViolations(page, 'the booking');
    await page.getByRole('link', { name: '查看通行证' }).click();
    await page.getByTestId('my-pass-screen').waitFor();
    const qr = page.getByTestId('pass-qr');
    await qr.waitFor();
    expect(await qr.getAttribute('alt')).toBe(`通行证二维码，预约码 ${booking.code}`);
    expect(await page.getByTestId('pass-code').textContent()).toBe(booking.code);
    await noViolations(page, 'my pass');
    await fitsThePhone(page);
    const token = decodeQrFromPng(await qr.screenshot());
    expect(token).toMatch(/^PD2\.[A-Z2-7]+$/);

    // the same pass found without signing in: the phone and a new code (seed 003)
    await page.goto(app('/visitor/find'));
    await page.getByTestId('find-pass-screen').waitFor();
    await page.locator('#find-phone').fill(phone);
    await page.getByTestId('find-send-code').click();
    await page.locator('#find-code').fill(await codeSentTo(phone, 2));
    await page.getByTestId('find-submit').click();
    const found = page.locator(`[data-testid="pass-view"][data-booking-code="${booking.code}"]`);
    await found.getByTestId('pass-qr').waitFor();
    await noViolations(page, 'a pass found by phone and code');
    await fitsThePhone(page);

    // the kiosk, synced, checks the visitor in by the token the QR holds (a scanner types it into the search field)
    expect((await kiosk.core.sync.now()).online).toBe(true);
    const desk = await kiosk.browser.context.newPage();
    await kiosk.openHome(desk);
    await checkInThroughUi(desk, token!, '孙小美');
    await kiosk.core.sync.now();
    expect((await kiosk.client.booking(booking.id)).status).toBe('arrived');
    await desk.close();
    // the texts' link to the pass (/app/pass/<code>) opens my pass, once arrived: why there is no QR now
    await page.goto(app(`/pass/${booking.code}`));
    await page.waitForURL(app(`/visitor/bookings/${booking.id}/pass`));
    await page.getByTestId('pass-unavailable').waitFor();
    expect(await page.getByTestId('pass-unavailable').textContent()).toContain('已到达');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('(b) returned with a reason, amended and resubmitted, approved; then cancelled after a confirmation; signs out', async () => {
    const phone = '13655550011';
    const booking = await kiosk.client.book({
      source: 'self',
      hostPhone: HOST_PHONE,
      visitor: { name: '钱多多', phone, idType: 'resident_id' },
      reason: '面试',
      ...window(60, 180),
    });
    await kiosk.client.decide(booking.id, 'return', hostBearer, '请写明面试岗位');

    const { page, errors } = await phonePage();
    await signIn(page, phone, { wrongFirst: true });
    await page.locator('#my-bookings-status').selectOption('returned');
    const mine = page.locator(`[data-testid="my-booking"][data-booking-code="${booking.code}"]`);
    await mine.waitFor();
    expect(await mine.getByTestId('my-booking-status').textContent()).toBe('已退回');
    await mine.getByRole('link').click();
    await page.getByTestId('booking-detail-screen').waitFor();
    expect(await page.getByTestId('booking-detail-reason').textContent()).toBe('请写明面试岗位');

    await page.getByTestId('booking-edit').click();
    await page.locator('#amend-reason').fill('');
    await page.getByTestId('amend-submit').click();
    expect(await page.getByTestId('amend-reason-error').textContent()).toBe('此项为必填项');
    await noViolations(page, 'the amend form with its error');
    await page.locator('#amend-reason').fill('面试：前端工程师');
    await page.getByTestId('amend-add-companion').click();
    await page.locator('#amend-companion-1-name').fill('赵六');
    await page.locator('#amend-companion-1-phone').fill('13655550012');
    await page.getByTestId('amend-submit').click();
    await expect.poll(() => page.getByTestId('booking-detail-status').textContent()).toBe('已发起');
    expect(await page.getByTestId('booking-detail-announcement').textContent()).toBe('已重新提交，等待受访人审核。');
    expect(await page.getByTestId('booking-detail-visit-reason').textContent()).toBe('面试：前端工程师');
    expect(await page.getByTestId('booking-detail-companions').textContent()).toBe('赵六 (136****0012)');
    const amended = await kiosk.client.booking(booking.id);
    expect([amended.reason, amended.companions]).toEqual(['面试：前端工程师', [{ name: '赵六', phone: '13655550012' }]]);

    expect((await kiosk.client.decide(booking.id, 'approve', hostBearer)).status).toBe('approved');
    await page.reload();
    await expect.poll(() => page.getByTestId('booking-detail-status').textContent()).toBe('已确认');
    expect(await page.getByTestId('booking-edit').count(), 'an approved booking is not edited').toBe(0);
    // my pass before the window opens: why not, no QR
    await page.getByRole('link', { name: '查看通行证' }).click();
    await page.getByTestId('pass-unavailable').waitFor();
    expect(await page.getByTestId('pass-unavailable').textContent()).toContain('通行证尚未生效');
    expect(await page.getByTestId('pass-qr').count()).toBe(0);
    await noViolations(page, 'my pass before its window');
    await page.goBack();

    // cancel: a confirmation (focus on it), "keep it" changes nothing, then cancelled
    await page.getByTestId('booking-cancel').click();
    expect(await page.evaluate<string | undefined>('document.activeElement?.dataset.testid')).toBe('cancel-yes');
    expect(await page.getByTestId('cancel-confirm').textContent()).toContain(booking.code);
    await noViolations(page, 'the cancel confirmation');
    await page.getByTestId('cancel-no').click();
    expect((await kiosk.client.booking(booking.id)).status).toBe('approved');
    await page.getByTestId('booking-cancel').click();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('booking-detail-status').textContent()).toBe('已取消');
    expect((await kiosk.client.booking(booking.id)).status).toBe('cancelled');

    await page.getByRole('link', { name: '返回我的预约' }).click();
    await page.getByTestId('visitor-sign-out').click();
    await page.getByTestId('visitor-signin-screen').waitFor();
    expect(await page.getByTestId('visitor-signin-notice').textContent()).toBe('您已退出登录。');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('(c) an invitation: a companion limit (one too many refused), submitted, then 已使用; an expired one shows 已失效', async () => {
    const invite = async (companionLimit: number) => {
      const res = await kiosk.client.request(
        'POST',
        '/host/invitations',
        { companionLimit, validForMinutes: 120, needsApproval: true, window: { start: window(60, 180).windowStart, end: window(60, 180).windowEnd } },
        hostBearer,
      );
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return InvitationCreated.parse(res.body);
    };
    const inv = await invite(1);
    expect(new URL(inv.link, kiosk.cloud.url).pathname).toBe(`/app/invite/${inv.token}`);

    const { page, errors } = await phonePage();
    await page.goto(app(`/invite/${inv.token}`));
    await page.getByTestId('invite-screen').waitFor();
    await page.getByTestId('invite-status').waitFor();
    expect(await page.getByTestId('invite-status').textContent()).toBe('邀请中');
    expect(await page.getByTestId('invite-from').textContent()).toBe('林*红 邀请您到访 Passdesk 演示园区');
    expect(await page.getByTestId('invite-companion-limit-value').textContent()).toBe('1 人');
    expect(await page.getByTestId('invite-needs-approval').textContent()).toBe('需要受访人审核');
    await noViolations(page, 'the invitation');
    await fitsThePhone(page);

    await page.locator('#invite-visitor-name').fill('吴用');
    await page.locator('#invite-visitor-phone').fill('13655550021');
    await page.getByTestId('invite-add-companion').click();
    // the new row takes the focus once rendered (as webAppBooking's companion: polled, not read at once)
    await expect
      .poll(() => page.evaluate<string | undefined>('document.activeElement?.id'), { message: 'focus on the new companion' })
      .toBe('invite-companion-1-name');
    await page.locator('#invite-companion-1-name').fill('公孙胜');
    await page.getByTestId('invite-add-companion').click();
    expect(await page.getByTestId('invite-companion-limit').textContent()).toBe('已达到邀请允许的同行人数上限（1 人）。');
    expect(await page.getByTestId('invite-companion').count(), 'no second companion').toBe(1);
    await noViolations(page, 'the invitation form at its limit');
    await fitsThePhone(page);
    // the cloud refuses one too many as well, and stores nothing
    const tooMany = await kiosk.client.request('POST', `/invitations/${inv.token}/bookings`, {
      visitor: { name: '吴用', phone: '13655550021' },
      companions: [{ name: '公孙胜' }, { name: '戴宗' }],
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body).toMatchObject({ error: 'companion_limit_exceeded' });

    await page.getByTestId('invite-submit').click();
    await page.getByTestId('invite-result').waitFor();
    expect(await page.getByTestId('invite-result-status').textContent()).toBe('已发起');
    const code = (await page.getByTestId('invite-result-code').textContent()) ?? '';
    const main = (await kiosk.client.request('GET', '/bookings', undefined, hostBearer)).body as { bookings: { code: string; companions: unknown[] }[] };
    expect(main.bookings.find((b) => b.code === code)?.companions).toHaveLength(1);
    await noViolations(page, 'the invitation result');
    await page.reload();
    await page.getByTestId('invite-closed').waitFor();
    expect(await page.getByTestId('invite-status').textContent()).toBe('已使用');

    const old = await invite(2);
    await kiosk.cloud.db.kysely
      .updateTable('invitations')
      .set({ expires_at: new Date(Date.now() - 60_000).toISOString() })
      .where('id', '=', old.id)
      .execute();
    await page.goto(app(`/invite/${old.token}`));
    await page.getByTestId('invite-closed').waitFor();
    expect(await page.getByTestId('invite-status').textContent()).toBe('已失效');
    expect(await page.getByTestId('invite-closed').textContent()).toBe('此邀请已失效，请联系邀请人重新发送。');
    expect(await page.locator('form').count(), 'no form on an expired invitation').toBe(0);
    await noViolations(page, 'an expired invitation');
    expect(errors).toEqual([]);
    await page.close();
  });
});
