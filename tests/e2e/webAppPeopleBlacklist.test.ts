/**
 * The admin's people and blacklist screens end to end (issue 14 items 2 and 3), at a desktop's 1280 px in Debian
 * Chromium: the real cloud (temp SQLite, the demo site) serving the built web app (npm run build:webapp). The
 * administrator imports hosts from a CSV with one bad line (reported by line and field, nothing stored), fixes it and
 * imports; edits a host (a wrong phone refused, then the visit permission given); blacklists a phone and sees it
 * listed masked; an application by that phone is refused, and the entry's hit shows. A visitor applying by the site's
 * link reads its notice text. axe-core finds no violation on any screen.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN } from '../support/cloud/harness';
import { signInWithAdminToken } from '../support/webAppAdmin';
import { noViolations, startWebAppCloud, type WebAppCloud } from '../support/webAppCloud';

const HEADER = '姓名,手机号,部门,办公室,可接待';
const csvFile = (lines: string[]) => ({ name: 'hosts.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${[HEADER, ...lines].join('\r\n')}\r\n`, 'utf8') });
const BLACKLISTED = '13655550001';

describe('the web app: an administrator imports hosts and keeps the blacklist (1280 px)', () => {
  let web: WebAppCloud | undefined;

  beforeAll(async () => {
    web = await startWebAppCloud({ label: 'people-blacklist' });
  });
  afterAll(async () => {
    await web?.close();
  });

  it('imports hosts (a bad line reported, then fixed), edits one; blacklists a phone and sees its hit after a refused application', async () => {
    const { page, pageErrors } = await web!.newPage({ width: 1280, height: 900 });

    // the site's texts, edited in its policy, shown to a visitor applying by the site's link
    const policy = await web!.api('POST', '/admin/sites/site_demo/policy', {
      values: { noticeText: { 'zh-CN': '请在前台登记后入园', en: 'Register at the desk first' } },
    });
    expect(policy.status).toBe(200);
    await page.goto(web!.app('/apply?site=site_demo'));
    await page.getByTestId('site-texts').getByText('来访须知').click();
    await page.getByText('请在前台登记后入园').waitFor();
    await noViolations(page, 'the application with the site’s texts');

    await page.goto(web!.app('/admin/hosts'));
    await signInWithAdminToken(page, ADMIN_TOKEN);
    await page.getByTestId('admin-hosts-screen').waitFor();
    await page.getByTestId('hosts-table').waitFor();
    await noViolations(page, 'the hosts screen');

    // one bad line: nothing is stored, the line and the field are named
    await page
      .locator('#hosts-import-file')
      .setInputFiles(csvFile(['孙悟空,13700001111,后勤部,C-1,是', '猪八戒,1370000,后勤部,,是', '沙和尚,13700003333,后勤部,,否']));
    await page.getByTestId('hosts-import-submit').click();
    const problems = page.getByTestId('hosts-import-problems');
    await problems.waitFor();
    expect(await problems.locator('li').allTextContents()).toEqual([expect.stringMatching(/^第 3 行 · phone：/)]);
    expect(await page.getByTestId('hosts-table').textContent()).not.toContain('孙悟空');
    await noViolations(page, 'the hosts screen with the import’s problems');

    // fixed: every line is imported, the list shows them with phones masked
    await page
      .locator('#hosts-import-file')
      .setInputFiles(csvFile(['孙悟空,13700001111,后勤部,C-1,是', '猪八戒,13700002222,后勤部,,是', '沙和尚,13700003333,后勤部,,否']));
    await page.getByTestId('hosts-import-submit').click();
    await page.getByText('导入完成：新增 3 位，更新 0 位。').waitFor();
    await page.getByRole('row', { name: /沙和尚/ }).waitFor();
    const row = await page.getByRole('row', { name: /沙和尚/ }).textContent();
    expect(row).toContain('137****3333');
    expect(row).not.toContain('13700003333');

    // the import's department, renamed: its hosts with it
    await page.getByRole('button', { name: '重命名 后勤部' }).click();
    await page.locator('#department-rename').fill('总务部');
    await page.getByRole('button', { name: '保存名称' }).click();
    await page.getByText('部门已保存：总务部。').waitFor();
    await expect.poll(() => page.getByRole('row', { name: /沙和尚/ }).textContent()).toContain('总务部');

    // a host edited: a wrong phone refused in the form (nothing saved), then the visit permission given
    await page.getByRole('button', { name: '编辑 沙和尚' }).click();
    const editForm = page.getByTestId('host-edit-form');
    await editForm.waitFor();
    await page.locator('#host-edit-phone').fill('1370000');
    await page.getByTestId('host-edit-save').click();
    await editForm.getByRole('alert').waitFor();
    await noViolations(page, 'the host form with its error');
    await page.locator('#host-edit-phone').fill('');
    await page.getByTestId('host-edit-permission').check();
    await page.getByTestId('host-edit-save').click();
    await page.getByText('已保存 沙和尚。').waitFor();
    expect(await editForm.count(), 'the form closes').toBe(0);
    const edited = await page
      .getByRole('row', { name: /沙和尚/ })
      .locator('td')
      .allTextContents();
    expect(edited.slice(0, 4)).toEqual(['137****3333', '总务部', '', '是']);

    // the blacklist: add a phone, see it listed masked
    await page.getByRole('link', { name: '黑名单' }).click();
    await page.getByTestId('admin-blacklist-screen').waitFor();
    await page.locator('#bl-add-name').fill('白骨精');
    await page.locator('#bl-add-phone').fill(BLACKLISTED);
    await page.locator('#bl-add-reason').fill('冒用他人证件');
    await page.getByTestId('bl-add-submit').click();
    const entryRow = page.getByRole('row', { name: /白骨精/ });
    await entryRow.waitFor();
    expect(await entryRow.textContent()).toContain('136****0001');
    await noViolations(page, 'the blacklist screen');

    // an application by that phone is refused; its hit shows on the entry
    const application = await web!.api('POST', '/bookings', {
      source: 'self',
      hostPhone: '13800138001',
      visitor: { name: '白骨精', phone: BLACKLISTED },
      companions: [],
      reason: '拜访',
      windowStart: new Date(Date.now() + 3600_000).toISOString(),
      windowEnd: new Date(Date.now() + 4 * 3600_000).toISOString(),
    });
    expect(application.status).toBe(409);
    await page.locator('#bl-q').fill('0001');
    await page.getByTestId('bl-search-submit').click();
    await expect.poll(() => page.locator('[data-testid^="bl-hits-count-"]').textContent()).toBe('1');
    await page.getByRole('button', { name: '查看 白骨精 的命中记录' }).click();
    const hits = page.getByTestId('bl-hits');
    await hits.getByRole('row', { name: /已拒绝/ }).waitFor();
    expect(await hits.textContent()).toContain('申请');
    await noViolations(page, 'the blacklist screen with an entry’s hits');
    expect(pageErrors).toEqual([]);
  });
});
