/**
 * The seeds' booking model in the web app (issue 13 item 1), at a phone's 360×740 viewport in Chromium against the real
 * cloud (temp SQLite, the demo site; out/webapp: npm run build:webapp): a visitor applies naming an identity
 * category and a reason from the site's lists, as a driver (a wrong plate refused beside its field) with a companion;
 * then a group pass whose vehicle list is imported from a CSV file (its wrong lines shown, then a right file); the
 * administrator adds an item on the Lists screen by keyboard. axe-core finds no violation on any of them.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BookingList } from '../../src/shared/api';
import { SiteListItem, SiteLists } from '../../src/shared/siteLists';
import { ADMIN_TOKEN } from '../support/cloud/harness';
import { signInWithAdminToken } from '../support/webAppAdmin';
import { fitsThePhone, noViolations, PHONE_VIEWPORT, startWebAppCloud, type WebAppCloud } from '../support/webAppCloud';

describe('the web app: the booking model’s fields (360 px phone)', () => {
  let web: WebAppCloud | undefined;
  const api = async (method: 'GET' | 'POST', path: string, body?: unknown) => (await web!.api(method, path, body)).json;
  let outsider: SiteListItem;
  let delivery: SiteListItem;

  beforeAll(async () => {
    web = await startWebAppCloud({ label: 'booking-model' });
    const { siteId } = SiteLists.parse(await api('GET', '/site-lists'));
    outsider = SiteListItem.parse(await api('POST', `/admin/sites/${siteId}/lists/identity_category`, { name: '外来人员' }));
    delivery = SiteListItem.parse(await api('POST', `/admin/sites/${siteId}/lists/visit_reason`, { name: '送合同' }));
  });
  afterAll(async () => {
    await web?.close();
  });

  const bookingOf = async (page: Page) => {
    await page.getByTestId('receipt-screen').waitFor();
    const code = (await page.getByTestId('receipt-code').textContent()) ?? '';
    return BookingList.parse(await api('GET', '/bookings?limit=1000')).bookings.find((b) => b.code === code);
  };
  const fillVisitor = async (page: Page, name: string, phone: string) => {
    await page.goto(web!.app('/apply'));
    await page.locator('#apply-identityCategoryId').waitFor();
    await page.locator('#apply-name').fill(name);
    await page.locator('#apply-phone').fill(phone);
    await page.locator('#apply-identityCategoryId').selectOption(outsider.id);
    await page.locator('#apply-hostId').fill('李');
    await page.getByTestId('host-picker-option').filter({ hasText: '李明' }).click();
    await page.locator('#apply-reasonId').selectOption(delivery.id);
  };

  it('applies as a driver with a companion, then a group pass with a CSV vehicle list; the admin adds a list item', async () => {
    const { page, pageErrors } = await web!.newPage(PHONE_VIEWPORT);

    await fillVisitor(page, '孙小美', '13655556666');
    await page.getByTestId('apply-selfDrive').check();
    await page.locator('#apply-plate').fill('AB123');
    await page.getByTestId('apply-add-companion').click();
    await expect
      .poll(() => page.evaluate<string | undefined>('document.activeElement?.id'), { message: 'focus on the new companion' })
      .toBe('apply-companion-1-name');
    await page.keyboard.type('周小杰');
    await page.locator('#apply-companion-1-phone').fill('13712345699');
    await page.getByTestId('apply-submit').click();
    expect(await page.getByTestId('apply-plate-error').textContent()).toContain('车牌号格式不正确');
    await expect.poll(() => page.evaluate<string | undefined>('document.activeElement?.id'), { message: 'focus on the wrong plate' }).toBe('apply-plate');
    await noViolations(page, 'the form with a companion and a wrong plate');
    await fitsThePhone(page);
    await page.locator('#apply-plate').fill('京a 12345');
    await page.getByTestId('apply-submit').click();
    const driven = await bookingOf(page);
    expect(driven).toMatchObject({
      reason: '送合同',
      selfDrive: true,
      visitor: { plate: '京A12345' },
      companions: [{ name: '周小杰', phone: '13712345699' }],
      identityCategory: { name: '外来人员' },
    });

    await fillVisitor(page, '钱团长', '13655557777');
    await page.getByTestId('apply-groupPass').check();
    await page.locator('#apply-groupSize').fill('20');
    const file = (text: string) => ({ name: 'vehicles.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
    await page.locator('#apply-vehicles').setInputFiles(file('车牌号 plate,驾驶人 driver\n京A12345,张三\n京A123,李四\n'));
    // the file is read asynchronously: its result shows a moment later
    await expect.poll(() => page.getByTestId('apply-vehicles-status').textContent()).toContain('第 3 行');
    await page.locator('#apply-vehicles').setInputFiles(file('\uFEFF车牌号 plate,驾驶人 driver\r\n京A12345,张三\r\n粤BD12345,\r\n'));
    await expect.poll(() => page.getByTestId('apply-vehicles-status').textContent()).toContain('已导入 2 辆车');
    await noViolations(page, 'the group pass');
    await fitsThePhone(page);
    await page.getByTestId('apply-submit').click();
    const group = await bookingOf(page);
    expect(group).toMatchObject({ groupSize: 20, vehicles: [{ plate: '京A12345', driver: '张三' }, { plate: '粤BD12345' }] });

    await page.goto(web!.app('/admin'));
    await signInWithAdminToken(page, ADMIN_TOKEN);
    await page.getByRole('link', { name: '列表管理' }).first().click();
    await page.getByTestId('list-area').waitFor();
    await page.locator('#new-area').fill('实验楼');
    await page.locator('#new-area').press('Enter');
    await page.getByTestId('list-area').getByText('实验楼').waitFor();
    await noViolations(page, 'the Lists screen');
    await fitsThePhone(page);
    expect(pageErrors).toEqual([]);
  });
});
