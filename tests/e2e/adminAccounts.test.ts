/**
 * The web app's accounts screen end to end at 1280×800 in Debian Chromium, against the real cloud (temp SQLite,
 * the demo site and hosts) serving the built web app (out/webapp: npm run build:webapp). The administrator (bootstrap
 * token) creates a reviewer of a department (picked from the site's list) with a password (a too-short one first: the
 * cloud's problem shown beside the password) and sees it listed with its phone masked; the reviewer signs in by
 * password, lands on their review screen and is refused the accounts screen in words; the administrator disables the reviewer after a confirmation naming it, and the reviewer's next
 * sign-in is refused. axe-core finds no violation on any screen.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN } from '../support/cloud/harness';
import { fillAdminPasswordForm, signInWithAdminToken } from '../support/webAppAdmin';
import { DESK_VIEWPORT, noViolations, startWebAppCloud, type WebAppCloud } from '../support/webAppCloud';

const REVIEWER = { name: '周审核', phone: '13700137001', password: 'reviewer-pass-2026' };

describe('the web app: the accounts screen (1280×800)', () => {
  let web: WebAppCloud | undefined;
  let siteId = '';

  beforeAll(async () => {
    web = await startWebAppCloud({ label: 'admin-accounts' });
    siteId = web.siteId;
  });
  afterAll(async () => {
    await web?.close();
  });

  const signOut = async (page: Page) => {
    await page.getByTestId('admin-signout').click();
    await page.getByTestId('admin-signin-screen').waitFor();
  };

  it('creates a reviewer, who is refused the screen; disabled, the reviewer cannot sign in', async () => {
    const { page, pageErrors } = await web!.newPage(DESK_VIEWPORT);
    await page.goto(web!.app('/admin/accounts'));
    await signInWithAdminToken(page, ADMIN_TOKEN);
    await page.getByTestId('ac-table').waitFor();
    await noViolations(page, 'the accounts list');

    // create: a reviewer of 研发中心; a too-short password is refused beside its field and nothing is created
    await page.locator('#ac-name').fill(REVIEWER.name);
    await page.locator('#ac-phone').fill(REVIEWER.phone);
    await page.getByTestId('ac-role-reviewer').check();
    await page.getByTestId('ac-departments').getByRole('checkbox', { name: '研发中心' }).check();
    await page.locator('#ac-password').fill('short');
    await page.getByTestId('ac-create-submit').click();
    await expect.poll(() => page.getByTestId('ac-password-error').textContent()).toContain('at least 10 characters');
    expect(await page.getByTestId('ac-row').count()).toBe(0);
    await noViolations(page, 'the create form with its error');
    await page.locator('#ac-password').fill(REVIEWER.password);
    await page.getByTestId('ac-create-submit').click();
    await expect.poll(() => page.getByTestId('ac-announcement').textContent()).toBe(`已创建账号“${REVIEWER.name}”。`);
    const row = page.getByTestId('ac-row').filter({ hasText: REVIEWER.name });
    await row.waitFor();
    const cells = await row.locator('td').allTextContents();
    expect(cells.slice(0, 5)).toEqual(['137****7001', '审核人', '研发中心', '是', '否']);
    expect(await page.locator('main').textContent(), 'the whole number is never shown').not.toContain(REVIEWER.phone);

    // the reviewer signs in by password here: they land on their own screen; the accounts screen refuses them in words
    await signOut(page);
    await fillAdminPasswordForm(page, { siteId, phone: REVIEWER.phone, password: REVIEWER.password });
    await page.getByTestId('admin-review-screen').waitFor();
    await page.goto(web!.app('/admin/accounts'));
    await expect.poll(() => page.getByTestId('admin-screen-refused').textContent()).toBe('您的账号无权使用“账号”。');
    expect(await page.getByTestId('ac-create-form').count()).toBe(0);
    await noViolations(page, 'the accounts screen refused');

    // the administrator disables the reviewer after a confirmation naming it
    await signOut(page);
    await signInWithAdminToken(page, ADMIN_TOKEN);
    await row.getByRole('button', { name: `停用账号“${REVIEWER.name}”` }).click();
    const dialog = page.getByTestId('ac-disable-dialog');
    expect(await dialog.getByRole('heading').textContent()).toBe(`停用账号“${REVIEWER.name}”？`);
    await noViolations(page, 'the disable dialog');
    await dialog.getByTestId('ac-disable-confirm').click();
    await expect.poll(() => row.getByTestId('ac-disabled').textContent()).toBe('是');
    expect(await page.getByTestId('ac-announcement').textContent()).toBe(`账号“${REVIEWER.name}”已停用。`);

    // and the reviewer's sign-in is refused
    await signOut(page);
    await fillAdminPasswordForm(page, { siteId, phone: REVIEWER.phone, password: REVIEWER.password });
    await expect.poll(() => page.getByTestId('admin-password-error').textContent()).toBe('园区、手机号或密码不正确');
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
