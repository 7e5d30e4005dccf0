/**
 * The administrator's two flows that reach a kiosk (issue 14, Tests), end to end with real parts: the cloud (temp
 * SQLite, the demo site) serving the built web app (out/webapp) and the kiosk under test (its core enrolled and synced,
 * the browser shell on out/renderer), one cloud and one Chromium for both, the admin's desk at 1280×800 beside the
 * kiosk's screen.
 * (a) an approved visitor the kiosk would check in; the administrator blacklists their phone on the blacklist screen
 *     (listed masked); after the kiosk's next sync its check-in is refused in the kiosk's words (请联系前台, the
 *     person masked in the staff's note, never the word 黑名单, no button to confirm the arrival); with the kiosk's
 *     next sync the refusal is a hit on the entry, from the kiosk.
 * (b) the administrator revokes the kiosk on the kiosks screen after the confirmation naming it; after its next sync
 *     the kiosk shows 本机已停用 and offers no check-in (nor a walk-in), though the visitor's booking is approved.
 * axe-core finds no violation on the admin screens.
 */
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idCheckCharacter } from '../../src/shared/idNumber';
import { startKioskUnderTest, type KioskUnderTest } from '../support/kioskUnderTest';
import { signInWithAdminToken } from '../support/webAppAdmin';
import { DESK_VIEWPORT, noViolations, webAppOn, type WebAppHelpers } from '../support/webAppCloud';

const HOST_PHONE = '13800138001';
const HOST_ID = 'host_demo_liming';
const FORBIDDEN = /黑名单|black\s*-?list/i;

describe('admin flows that reach the kiosk: a blacklisted phone, a revoked kiosk', () => {
  let started: KioskUnderTest | undefined;
  let kiosk: KioskUnderTest;
  let web: WebAppHelpers;
  let hostBearer: string;

  beforeAll(async () => {
    kiosk = started = await startKioskUnderTest({
      label: 'admin-flows',
      kioskName: 'E2E 东门',
      syncOnStart: true,
      cloud: { webAppDir: resolve('out/webapp') },
    });
    web = webAppOn(kiosk);
    hostBearer = await kiosk.client.hostToken(HOST_ID);
  });
  afterAll(async () => {
    await started?.close();
  });

  /** an approved booking of today for `name` with `phone`, synced to the kiosk */
  async function approvedBooking(name: string, phone: string, first17: string) {
    const now = Date.now();
    const booking = await kiosk.client.book({
      source: 'self',
      hostPhone: HOST_PHONE,
      visitor: { name, phone, idType: 'resident_id', idNumber: `${first17}${idCheckCharacter(first17)}` },
      companions: [],
      reason: '送货',
      windowStart: new Date(now - 10 * 60_000).toISOString(),
      windowEnd: new Date(now + 4 * 3600_000).toISOString(),
    });
    expect((await kiosk.client.decide(booking.id, 'approve', hostBearer)).status).toBe('approved');
    expect((await kiosk.core.sync.now()).online).toBe(true);
    return booking;
  }

  /** at the kiosk, from its home: 签到, the booking found by its code and opened */
  async function openAtTheKiosk(page: Page, code: string, name: string): Promise<void> {
    await page.getByTestId('start-checkin').click();
    await page.getByTestId('checkin-query').fill(code);
    await page.getByTestId('checkin-search').click();
    await page.getByTestId('booking-result').first().click();
    await expect.poll(() => page.getByTestId('booking-details').textContent()).toContain(name);
  }

  /** the admin's desk: a page signed in with the bootstrap token at `path` */
  async function adminDesk(path: string): Promise<{ page: Page; pageErrors: string[] }> {
    const desk = await web.newPage(DESK_VIEWPORT);
    await desk.page.goto(web.app(path));
    await signInWithAdminToken(desk.page, kiosk.cloud.adminToken);
    return desk;
  }

  it('(a) a phone blacklisted on the admin screen: after the next sync the kiosk refuses the visitor, masked', async () => {
    const phone = '13655550001';
    const booking = await approvedBooking('白晶晶', phone, '11010519900101123');
    const counter = await kiosk.browser.context.newPage();
    // before: the kiosk would check this visitor in
    await kiosk.openHome(counter);
    await openAtTheKiosk(counter, booking.code, '白晶晶');
    await counter.getByTestId('confirm-arrival').waitFor();
    await counter.getByTestId('go-home').click();
    await counter.getByTestId('home').waitFor();

    const { page, pageErrors } = await adminDesk('/admin/blacklist');
    await page.getByTestId('admin-blacklist-screen').waitFor();
    await page.locator('#bl-add-name').fill('白晶晶');
    await page.locator('#bl-add-phone').fill(phone);
    await page.locator('#bl-add-reason').fill('冒用他人证件');
    await page.getByTestId('bl-add-submit').click();
    const entry = page.getByRole('row', { name: /白晶晶/ });
    await entry.waitFor();
    expect(await entry.textContent()).toContain('136****0001');
    expect(await page.locator('main').textContent(), 'the whole number is never shown').not.toContain(phone);
    await noViolations(page, 'the blacklist screen with the entry');

    // the kiosk's next sync brings the entry: the same visitor is refused, in the kiosk's words
    expect((await kiosk.core.sync.now()).online).toBe(true);
    await openAtTheKiosk(counter, booking.code, '白晶晶');
    const refusal = counter.getByTestId('error-message');
    await refusal.waitFor();
    expect(await refusal.getAttribute('data-code')).toBe('blacklisted');
    expect(await refusal.innerText()).toContain('请联系前台');
    expect(await counter.getByTestId('confirm-arrival').count(), 'no arrival to confirm').toBe(0);
    const note = counter.getByTestId('staff-note-item');
    expect(await note.getAttribute('data-level')).toBe('refuse');
    expect(await note.innerText()).toContain('白*晶');
    expect(await note.innerText()).toContain('冒用他人证件');
    const shown = await counter.locator('body').innerText();
    expect(shown).not.toMatch(FORBIDDEN);
    expect(shown, 'the phone is never shown in full at the kiosk').not.toContain(phone);
    expect((await kiosk.client.booking(booking.id)).status, 'nothing arrived in the cloud').toBe('approved');

    // the kiosk's refusal reaches the cloud with its next sync: the administrator sees the entry's hit, from the kiosk
    expect((await kiosk.core.sync.now()).online).toBe(true);
    await page.reload();
    await page.getByTestId('admin-blacklist-screen').waitFor();
    await page.getByRole('button', { name: '查看 白晶晶 的命中记录' }).click();
    const hit = page.getByTestId('bl-hits').getByRole('row', { name: /自助机/ });
    await hit.waitFor();
    expect(await hit.textContent()).toContain('已拒绝');
    expect(await hit.textContent()).toContain('白*晶');
    expect(pageErrors).toEqual([]);
    await counter.close();
    await page.close();
  });

  it('(b) a kiosk revoked on the kiosks screen after the confirmation: after its next sync it says 本机已停用, no check-in', async () => {
    const booking = await approvedBooking('孙小圣', '13655550002', '11010519900202123');
    const kioskId = kiosk.core.identity()!.kioskId;
    const counter = await kiosk.browser.context.newPage();
    await kiosk.openHome(counter);
    expect(await counter.getByTestId('start-checkin').count()).toBe(1);

    const { page, pageErrors } = await adminDesk('/admin/kiosks');
    const row = page.locator(`[data-testid="kiosk-row"][data-kiosk-id="${kioskId}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-state')).toBe('online');
    await row.getByTestId('kiosk-revoke').click();
    const dialog = page.getByTestId('revoke-dialog');
    expect(await dialog.getByRole('heading').textContent()).toBe('吊销访客机“E2E 东门”？');
    await noViolations(page, 'the revocation dialog');
    // cancelled first: nothing happens
    await dialog.getByRole('button', { name: '取消' }).click();
    expect(await row.getAttribute('data-state')).toBe('online');
    expect((await kiosk.core.sync.now()).phase, 'not revoked before the confirmation').not.toBe('revoked');
    await row.getByTestId('kiosk-revoke').click();
    await dialog.getByTestId('revoke-confirm').click();
    await expect.poll(() => row.getAttribute('data-state')).toBe('revoked');
    expect(await row.getByTestId('kiosk-state').textContent()).toBe('已吊销');
    await noViolations(page, 'the kiosk list after the revocation');

    // the kiosk's next sync: the notice, and no way to check the approved visitor in
    expect((await kiosk.core.sync.now()).phase).toBe('revoked');
    const notice = counter.getByTestId('home-revoked');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('本机已停用');
    expect(await counter.getByTestId('start-checkin').count()).toBe(0);
    expect(await counter.getByTestId('start-walkin').count()).toBe(0);
    expect((await kiosk.client.booking(booking.id)).status).toBe('approved');
    expect(pageErrors).toEqual([]);
    await counter.close();
    await page.close();
  });
});
