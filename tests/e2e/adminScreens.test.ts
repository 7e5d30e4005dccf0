/**
 * The web app's admin screens end to end at a desk's 1280×800 in Debian Chromium: the real cloud (temp SQLite, the
 * demo site and hosts) serving the built web app (out/webapp: npm run build:webapp). The administrator signs in with
 * the bootstrap token (a site administrator's account by phone and password, after one wrong password, for the
 * records), sees an enrolled kiosk online, makes an enrolment code, edits the site's policy (a wrong value named, a
 * right one saved), revokes the kiosk after a confirmation naming it (the list then says 已吊销) and downloads a
 * backup; then filters the booking records by a host and exports them as CSV (the file parsed: BOM, header, the
 * filtered rows only). axe-core finds no violation on any screen.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KioskList } from '../../src/shared/adminApi';
import { generatePassKeyPair } from '../../src/shared/pass';
import { RecordPage } from '../../src/shared/records';
import { EnrolResponse } from '../../src/shared/sync';
import { ADMIN_TOKEN } from '../support/cloud/harness';
import { fillAdminPasswordForm, signInWithAdminToken } from '../support/webAppAdmin';
import { DESK_VIEWPORT, noViolations, startWebAppCloud, type WebAppCloud } from '../support/webAppCloud';

const HOST = 'host_demo_liming';

describe('the web app: the admin screens (1280×800)', () => {
  let web: WebAppCloud | undefined;
  let siteId = '';

  beforeAll(async () => {
    web = await startWebAppCloud({ label: 'admin-screens' });
    siteId = web.siteId;
  });
  afterAll(async () => {
    await web?.close();
  });

  /** the cloud's API with `token` as the bearer (undefined: none) */
  const api = (method: 'GET' | 'POST', path: string, token: string | undefined, body?: unknown) => web!.api(method, path, body, token ?? null);

  /**
   * A fresh page signed in, watching for page errors (a CSP refusal is one): with the bootstrap token, or with a site
   * administrator account's phone and password (a wrong password first: refused in words, the password field emptied).
   */
  const signedIn = async (path: string, account?: { siteId: string; phone: string; password: string }): Promise<{ page: Page; pageErrors: string[] }> => {
    const { page, pageErrors } = await web!.newPage(DESK_VIEWPORT);
    await page.goto(web!.app(path));
    if (!account) {
      await signInWithAdminToken(page, ADMIN_TOKEN);
      return { page, pageErrors };
    }
    await fillAdminPasswordForm(page, { ...account, password: 'not the password' });
    await expect.poll(() => page.getByTestId('admin-password-error').textContent()).toBe('园区、手机号或密码不正确');
    expect(await page.locator('#admin-password').inputValue()).toBe('');
    await noViolations(page, 'the sign-in screen with its error');
    await fillAdminPasswordForm(page, account);
    await page.getByTestId('admin-signin-screen').waitFor({ state: 'detached' });
    return { page, pageErrors };
  };

  it('shows an enrolled kiosk online, makes an enrolment code, saves the site policy, revokes the kiosk after a confirmation, downloads a backup', async () => {
    const code = (await api('POST', '/admin/enrolment-codes', ADMIN_TOKEN, { siteId, ttlMinutes: 30 })).json as { code: string };
    const keys = await generatePassKeyPair();
    const enrolled = EnrolResponse.parse(
      (await api('POST', '/kiosks/enrol', undefined, { code: code.code, name: '东门访客机', publicKey: keys.publicKey })).json,
    );
    expect((await api('GET', '/sync/pull?version=2.3.4&pending=2', enrolled.credential)).status).toBe(200);

    const { page, pageErrors } = await signedIn('/admin/kiosks');
    const row = page.locator(`[data-testid="kiosk-row"][data-kiosk-id="${enrolled.kioskId}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-state')).toBe('online');
    expect(await row.getByTestId('kiosk-state').textContent()).toBe('在线');
    const cells = await row.locator('td').allTextContents();
    expect(cells.slice(0, 1)).toEqual(['Passdesk 演示园区']);
    expect(cells).toContain('2.3.4');
    expect(cells).toContain('2');
    await noViolations(page, 'the kiosk list');

    await page.getByTestId('enrol-create').click();
    const shown = page.getByTestId('enrol-code');
    await shown.waitFor();
    expect(await shown.textContent()).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(await page.getByTestId('enrol-expires').textContent()).toContain('有效期至');
    await page.getByRole('button', { name: '编辑园区“Passdesk 演示园区”的策略' }).click();
    await page.getByTestId('policy-editor').waitFor();
    await page.locator('tr[data-policy-key="idleTimeoutS"]').waitFor();
    await noViolations(page, 'the kiosk screen with a code and the site policy');

    // the site policy: a wrong value named beside it, the focus on it, nothing sent; then a right one saved
    const editor = page.getByTestId('policy-editor');
    const idle = editor.locator('tr[data-policy-key="idleTimeoutS"]');
    await idle.getByRole('checkbox').first().check();
    await page.locator('#policy-idleTimeoutS').fill('soon');
    await page.getByTestId('policy-save').click();
    expect(await editor.getByRole('alert').textContent()).toBe('请更正标出的 1 项后再保存。');
    expect(await idle.locator('.field-error').textContent()).toBe('此值无效');
    expect(await page.evaluate<string | undefined>('document.activeElement?.id'), 'focus on the wrong value').toBe('policy-idleTimeoutS');
    await page.locator('#policy-idleTimeoutS').fill('90');
    await page.getByTestId('policy-save').click();
    await expect.poll(() => editor.getByRole('status').textContent()).toBe('策略已保存，访客机将在下次同步时生效。');
    expect(((await api('GET', `/admin/sites/${siteId}/policy`, ADMIN_TOKEN)).json as { values: Record<string, unknown> }).values.idleTimeoutS).toBe(90);

    // revoke: the confirmation names the kiosk; its confirm button revokes it
    await row.getByTestId('kiosk-revoke').click();
    const dialog = page.getByTestId('revoke-dialog');
    expect(await dialog.getByRole('heading').textContent()).toBe('吊销访客机“东门访客机”？');
    await noViolations(page, 'the revocation dialog');
    await dialog.getByTestId('revoke-confirm').click();
    await expect.poll(() => row.getAttribute('data-state')).toBe('revoked');
    expect(await row.getByTestId('kiosk-state').textContent()).toBe('已吊销');
    expect(await row.getByTestId('kiosk-revoke').count(), 'a revoked kiosk has no revoke button').toBe(0);
    expect(await page.getByTestId('kiosks-announcement').textContent()).toBe('访客机“东门访客机”已吊销。');
    const listed = KioskList.parse((await api('GET', '/admin/kiosks', ADMIN_TOKEN)).json).kiosks.find((k) => k.id === enrolled.kioskId);
    expect(listed?.revokedAt).toBeDefined();
    await noViolations(page, 'the kiosk list after the revocation');

    // the backup: downloaded through the page with the bearer, the restore command beside it
    await page.getByRole('link', { name: '备份' }).click();
    await page.getByTestId('admin-backup-screen').waitFor();
    expect(await page.getByTestId('restore-command').textContent()).toBe('npm run cloud -- restore <file>');
    await noViolations(page, 'the backup screen');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('backup-download').click()]);
    expect(download.suggestedFilename()).toMatch(/^passdesk-cloud-.*\.sqlite$/);
    const bytes = await readFile(await download.path());
    expect(bytes.subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
    await expect.poll(() => page.getByTestId('backup-status').textContent()).toContain('备份已下载');
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('filters the booking records by a host and exports exactly those rows as CSV', async () => {
    const expected = RecordPage.parse((await api('GET', `/admin/records/bookings?hostId=${HOST}&limit=200`, ADMIN_TOKEN)).json).rows;
    const all = RecordPage.parse((await api('GET', '/admin/records/bookings?limit=200', ADMIN_TOKEN)).json).rows;
    expect(expected.length).toBeGreaterThan(0);
    expect(all.length, 'other hosts have bookings too').toBeGreaterThan(expected.length);

    const account = { siteId, phone: '13700007777', password: 'records at the desk 1' };
    const made = await api('POST', '/admin/accounts', ADMIN_TOKEN, {
      siteId,
      name: '园区管理员',
      phone: account.phone,
      roles: ['site_admin'],
      password: account.password,
    });
    expect(made.status).toBe(201);
    const { page, pageErrors } = await signedIn('/admin/records', account);
    await page.getByTestId('admin-records-screen').waitFor();
    await page.getByTestId('records-tab-bookings').click();
    await expect.poll(() => page.getByTestId('record-row').count()).toBe(all.length);
    await noViolations(page, 'the records screen');

    await page.locator('#filter-hostId').selectOption(HOST);
    await page.getByTestId('filter-apply').click();
    await expect.poll(() => page.getByTestId('record-row').count()).toBe(expected.length);
    const hostIds = await Promise.all((await page.getByTestId('record-row').all()).map((r) => r.getAttribute('data-host-id')));
    expect(new Set(hostIds)).toEqual(new Set([HOST]));
    for (const phone of await page.getByTestId('record-phone').allTextContents()) expect(phone).toMatch(/^\d{3}\*{4}\d{4}$/);

    // full numbers: the warning appears when ticked (untick again: the export below is masked)
    await page.getByTestId('export-unmasked').check();
    expect(await page.locator('#export-warning').textContent()).toContain('审计日志');
    await noViolations(page, 'the records screen with the full-number warning');
    await page.getByTestId('export-unmasked').uncheck();

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    expect(download.suggestedFilename()).toMatch(/^bookings-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = (await readFile(await download.path())).toString('utf8');
    expect(text.startsWith('\uFEFF'), 'a BOM for Excel').toBe(true);
    const lines = text.slice(1).trimEnd().split(/\r?\n/);
    expect(lines[0]).toMatch(/^预约编号,访客姓名,证件号码,手机号码,/);
    const codes = lines.slice(1).map((l) => l.split(',')[0]);
    expect(codes.sort()).toEqual(expected.map((r) => r.code).sort());
    expect(text, 'no full phone number').not.toMatch(/1\d{10}/);
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
