/**
 * The site dashboard in the web app (issue 14 §7) at 1280×800 in Debian Chromium: the real cloud (temp SQLite,
 * the known world of dashboardFixtures.ts, its clock at 2026-11-22 14:30 Shanghai) serving the built web app
 * (npm run build:webapp). The administrator signs in with the bootstrap token, opens the dashboard (first in the
 * navigation), reads the known figures and the charts' tables, downloads one chart's CSV and parses it; chart.js draws
 * under the page's CSP without a refusal; axe-core finds no violation.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DASHBOARD_NOW, seedDashboard } from '../support/cloud/dashboardFixtures';
import { ADMIN_TOKEN } from '../support/cloud/harness';
import { signInWithAdminToken } from '../support/webAppAdmin';
import { DESK_VIEWPORT, noViolations, startWebAppCloud, type WebAppCloud } from '../support/webAppCloud';

describe('the web app: the site dashboard (1280×800)', () => {
  let web: WebAppCloud | undefined;

  beforeAll(async () => {
    web = await startWebAppCloud({
      label: 'dashboard',
      cloud: { notifyIntervalMs: 0, now: () => new Date(DASHBOARD_NOW) },
      seed: (cloud) => seedDashboard(cloud.db.kysely, { withSiteTest: true }),
    });
  });
  afterAll(async () => {
    await web?.close();
  });

  it('signs in with the bootstrap token, shows the known numbers, downloads a chart as CSV', async () => {
    const { page, pageErrors } = await web!.newPage(DESK_VIEWPORT);

    await page.goto(web!.app('/admin'));
    await signInWithAdminToken(page, ADMIN_TOKEN);
    const nav = page.getByRole('navigation', { name: '管理导航' });
    expect(await nav.getByRole('link').first().textContent(), 'the dashboard is first').toBe('数据看板');
    await nav.getByRole('link', { name: '数据看板' }).click();
    await page.getByTestId('dashboard-figures').waitFor();

    const figure = async (key: string) => (await page.getByTestId(`figure-${key}`).innerText()).replace(/\s+/g, ' ').trim();
    // two sites: the choice is a labelled select; the other site's numbers are its own
    await page.getByLabel('园区').selectOption('site_b');
    await expect.poll(() => figure('arrivalsToday')).toBe('今日到访 1');
    expect(await figure('kiosksOffline')).toBe('离线访客机（共 1 台） 1');
    await page.getByLabel('园区').selectOption('site_test');
    await expect.poll(() => figure('arrivalsToday')).toBe('今日到访 4');
    expect(await figure('onSiteNow')).toBe('当前在场访客 3');
    expect(await figure('visitsYear')).toBe('近 12 个月来访 7');
    expect(await figure('temperatureRefusals')).toBe('近 30 天体温异常拒绝 2');
    expect(await figure('blacklistHits')).toBe('近 30 天黑名单命中 3');
    expect(await figure('kiosksOffline')).toBe('离线访客机（共 3 台） 2');
    // chart.js drew each chart (its canvas has a size), and each has its numbers as a table
    for (const id of ['hours', 'days', 'departments', 'sources', 'safety']) {
      const box = await page.getByTestId(`dashboard-${id}`).locator('canvas').boundingBox();
      expect(box?.height ?? 0, `${id} drawn`).toBeGreaterThan(100);
    }
    const departments = page.getByTestId('dashboard-departments');
    expect(await departments.getByRole('table').getByRole('row').allInnerTexts()).toEqual(['部门\t来访人次', '研发部\t3', '行政部\t2']);
    expect(await page.getByTestId('dashboard-hours').locator('.dashboard-summary').textContent()).toBe('今日共到访 4 人次，最多的时段为 09:00（2 人次）。');
    expect(await page.getByTestId('dashboard-kiosks').getByRole('row').count()).toBe(4);
    await noViolations(page, 'the dashboard');

    // the CSV of visits per day, by keyboard
    const downloading = page.waitForEvent('download');
    await page.getByTestId('dashboard-days-csv').focus();
    await page.keyboard.press('Enter');
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('dashboard-days-2026-11-22.csv');
    const bytes = await readFile(await download.path());
    expect([...bytes.subarray(0, 3)], 'UTF-8 with BOM').toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe('日期 / day,来访 / visits');
    expect(lines).toHaveLength(366);
    const counts = new Map(lines.slice(1).map((l) => l.split(',') as [string, string]));
    expect(counts.get('2026-11-22')).toBe('4');
    expect(counts.get('2025-11-23')).toBe('1');

    // English too
    await page.getByTestId('language-switch').click();
    expect(await figure('onSiteNow')).toBe('visitors on site now 3');
    expect(pageErrors, 'no page error or CSP refusal').toEqual([]);
    await page.close();
  });
});
