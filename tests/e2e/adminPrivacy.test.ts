/**
 * The admin's privacy and site texts screens end to end (issue 14 items 2 and 6), at 1280 px and a phone's 360 px in
 * Debian Chromium: the real cloud (in-memory SQLite, the demo site) serving the built web app (npm run build:webapp).
 * The administrator sets the site's retention days (a bad value refused in words, nothing saved); finds a visitor by
 * phone (the number never shown back), downloads the export and parses it, deletes the data after a confirmation
 * naming what goes, and the cloud no longer has it (and its audit log has both requests); edits the site's texts (the
 * privacy notice's version moves) and a visitor applying by the site's link reads the new notice. axe-core finds no
 * violation on any screen at either width.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PersonDataExport, RetentionSettings } from '../../src/shared/retention';
import { ADMIN_TOKEN } from '../support/cloud/harness';
import { signInWithAdminToken } from '../support/webAppAdmin';
import { fitsThePhone, noViolations, PHONE_VIEWPORT, startWebAppCloud, type WebAppCloud } from '../support/webAppCloud';

const VISITOR_PHONE = '13655557777';

describe('the web app: retention, a visitor’s data on request and the site texts (1280 and 360 px)', () => {
  let web: WebAppCloud | undefined;
  let siteId = '';

  beforeAll(async () => {
    web = await startWebAppCloud({ label: 'admin-privacy' });
    siteId = web.siteId;
  });
  afterAll(async () => {
    await web?.close();
  });

  const api = (method: 'GET' | 'POST', path: string, body?: unknown) => web!.api(method, path, body);
  const retention = async () => RetentionSettings.parse((await api('GET', `/admin/sites/${siteId}/retention`)).json);
  const at360 = async (page: Page, screen: string) => {
    await page.setViewportSize(PHONE_VIEWPORT);
    await noViolations(page, `${screen} at 360 px`);
    await fitsThePhone(page);
    await page.setViewportSize({ width: 1280, height: 900 });
  };

  it('sets retention, exports and deletes a visitor’s data, edits the texts a visitor then reads', async () => {
    const applied = await fetch(`${web!.cloud.url}/api/v1/bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        source: 'self',
        hostPhone: '13800138001',
        visitor: { name: '唐三藏', phone: VISITOR_PHONE },
        companions: [],
        reason: '拜访',
        windowStart: new Date(Date.now() + 3600_000).toISOString(),
        windowEnd: new Date(Date.now() + 4 * 3600_000).toISOString(),
      }),
    });
    expect(applied.status).toBe(202);
    const code = ((await applied.json()) as { code: string }).code;

    const { page, pageErrors } = await web!.newPage({ width: 1280, height: 900 });
    await page.goto(web!.app(`/admin/privacy`));
    await signInWithAdminToken(page, ADMIN_TOKEN);
    await page.getByTestId('admin-privacy-screen').waitFor();
    const visitDays = page.getByLabel('来访记录保留天数');
    await expect.poll(() => visitDays.inputValue()).toBe('180');
    await noViolations(page, 'the privacy screen');
    await at360(page, 'the privacy screen');

    // a bad value: named in words beside its field, nothing sent, nothing saved
    await visitDays.fill('0');
    await page.getByLabel('日志保留天数').fill('400');
    await page.getByTestId('retention-save').click();
    await expect.poll(() => page.getByTestId('retention-error').textContent()).toBe('有 1 项天数不正确，未保存。');
    expect(await page.getByTestId('retention-visitDays-error').textContent()).toBe('请输入 1 到 3650 之间的整数天数。');
    expect(await page.evaluate<string | undefined>('document.activeElement?.id'), 'focus on the wrong field').toBe('retention-visitDays');
    await noViolations(page, 'the retention form with its error');
    expect(await retention()).toEqual({ visitDays: 180, photoDays: 30, logDays: 365 });
    // a good one: saved, said, and the cloud has it
    await visitDays.fill('90');
    await page.getByTestId('retention-save').click();
    await expect.poll(() => page.getByTestId('retention-saved').textContent()).toBe('已保存：来访记录 90 天，照片 30 天，日志 400 天。');
    expect(await retention()).toEqual({ visitDays: 90, photoDays: 30, logDays: 400 });

    // the visitor's data: found by phone, the number cleared and shown only masked
    await page.getByLabel('手机号').fill(VISITOR_PHONE);
    await page.getByTestId('person-find').click();
    const found = page.getByTestId('person-found');
    await expect.poll(() => found.textContent()).toContain('136****7777 在云端的数据共');
    expect(await found.textContent()).toContain('预约与临时来访：1 条');
    expect(await page.getByLabel('手机号').inputValue()).toBe('');
    expect(await page.content()).not.toContain(VISITOR_PHONE);
    await noViolations(page, 'the privacy screen with a person found');

    // the export: the cloud's JSON, as a download
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('person-download').click()]);
    expect(download.suggestedFilename()).toMatch(/^person-data-\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2}\.json$/);
    const exported = PersonDataExport.parse(JSON.parse((await readFile(await download.path())).toString('utf8')));
    expect(exported.person.phoneMasked).toBe('136****7777');
    expect(exported.bookings.map((b) => b.code)).toEqual([code]);
    await expect.poll(() => page.getByTestId('person-outcome').textContent()).toMatch(/^已下载 person-data-.*\.json：共 \d+ 条记录。$/);

    // the deletion: a confirmation naming what goes, then the counts
    await page.getByRole('button', { name: '删除 136****7777 的数据…' }).click();
    const dialog = page.getByRole('dialog', { name: '删除 136****7777 的数据？' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('预约与临时来访：1 条');
    expect(await dialog.getByLabel('保留黑名单记录（0 条）').isChecked()).toBe(true);
    await noViolations(page, 'the deletion’s confirmation');
    await dialog.getByRole('button', { name: '确认删除 136****7777 的数据' }).click();
    await expect.poll(() => page.getByTestId('person-outcome').textContent()).toContain('已删除 136****7777 的数据：');
    expect(await page.getByTestId('person-outcome').textContent()).toContain('预约与临时来访 1 条');
    // the cloud no longer has it; both requests are in its audit log, masked
    const after = PersonDataExport.parse((await api('POST', '/admin/people/export', { phone: VISITOR_PHONE })).json);
    expect([after.bookings.length, after.visitors.length, after.companionOf.length]).toEqual([0, 0, 0]);
    const audit = await web!.cloud.db.kysely.selectFrom('audit_log').select(['action', 'detail']).where('action', 'like', 'person.%').execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['person.delete', 'person.export', 'person.export']);
    expect(audit.map((a) => a.detail).join(' ')).not.toContain(VISITOR_PHONE);

    // the site's texts: the privacy notice's version moves with its text; a visitor reads the new notice
    await page.getByRole('link', { name: '站点文本' }).click();
    await page.getByTestId('admin-texts-screen').waitFor();
    const version = page.getByTestId('texts-version');
    await version.waitFor();
    const before = await version.textContent();
    await noViolations(page, 'the site texts screen');
    await at360(page, 'the site texts screen');
    await page.getByLabel('来访须知（中文）').fill('请携带身份证件，在前台登记。');
    await page.getByLabel('隐私声明（英文）').fill('We keep your visit for 90 days.');
    await page.getByTestId('texts-save').click();
    await expect.poll(() => page.getByTestId('texts-saved').textContent()).toMatch(/^文本已保存；.*隐私声明已更新为新版本 privacy-p[0-9a-f]{8}/);
    expect(await version.textContent()).not.toBe(before);
    await page.goto(web!.app(`/apply?site=${siteId}`));
    await page.getByTestId('site-texts').getByText('来访须知').click();
    await page.getByText('请携带身份证件，在前台登记。').waitFor();
    expect(pageErrors).toEqual([]);
  });
});
