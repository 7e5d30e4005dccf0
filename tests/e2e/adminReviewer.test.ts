/**
 * Reviewers review on the web (issue 14 item 1, seed 004) end to end at 1280×800 in Debian Chromium, against the
 * real cloud (in-memory SQLite, the demo site, hosts and departments) serving the built web app (out/webapp: npm run
 * build:webapp). The administrator (bootstrap token) creates a reviewer of 研发中心, picked from the site's
 * departments; bookings of 研发中心 and of 行政部 wait. The reviewer signs in by password, lands on 审核 (the only
 * screen in the navigation), sees only 研发中心's booking with the visitor masked, approves it (the cloud then has it
 * approved), and opening 行政部's booking by its id is refused in words (403). A records viewer sees and lands on
 * Records only. axe-core finds no violation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN } from '../support/cloud/harness';
import { fillAdminPasswordForm, signInWithAdminToken } from '../support/webAppAdmin';
import { DESK_VIEWPORT, noViolations, startWebAppCloud, type WebAppCloud } from '../support/webAppCloud';

const REVIEWER = { name: '吴审核', phone: '13700137101', password: 'reviewer-pass-2026' };
const HOUR = 3_600_000;

describe('the web app: a reviewer reviews (1280×800)', () => {
  let web: WebAppCloud | undefined;
  let siteId = '';

  beforeAll(async () => {
    web = await startWebAppCloud({ label: 'admin-reviewer' });
    siteId = web.siteId;
  });
  afterAll(async () => {
    await web?.close();
  });

  const api = async (method: 'GET' | 'POST', path: string, body?: unknown) => {
    const res = await web!.api(method, path, body);
    return { status: res.status, json: res.json as { id: string; status: string } };
  };
  const book = async (hostPhone: string, visitor: { name: string; phone: string }) => {
    const start = Date.now() + HOUR;
    const res = await api('POST', '/bookings', {
      source: 'self',
      hostPhone,
      visitor: { ...visitor, idType: 'resident_id', idNumber: '11010519491231002X' },
      companions: [],
      reason: '技术交流',
      windowStart: new Date(start).toISOString(),
      windowEnd: new Date(start + 2 * HOUR).toISOString(),
    });
    expect(res.status).toBe(201);
    expect(res.json.status).toBe('pending');
    return res.json.id;
  };

  it('a reviewer of 研发中心 sees and approves only its booking; another department’s is refused', async () => {
    const ours = await book('13800138002', { name: '郑小明', phone: '13912347101' }); // 王芳, 研发中心
    const theirs = await book('13800138001', { name: '钱多多', phone: '13912347102' }); // 李明, 行政部

    const { page, pageErrors } = await web!.newPage(DESK_VIEWPORT);
    await page.goto(web!.app(`/admin/accounts`));
    await signInWithAdminToken(page, ADMIN_TOKEN);
    await page.getByTestId('ac-table').waitFor();
    // the administrator's navigation has every screen, Review among them
    expect(await page.getByRole('navigation', { name: '管理导航' }).getByRole('link', { name: '审核' }).count()).toBe(1);

    // a reviewer of 研发中心, picked from the site's departments
    await page.locator('#ac-name').fill(REVIEWER.name);
    await page.locator('#ac-phone').fill(REVIEWER.phone);
    await page.getByTestId('ac-role-reviewer').check();
    const departments = page.getByRole('group', { name: /审核的部门/ });
    await departments.getByRole('checkbox', { name: '研发中心' }).check();
    await page.locator('#ac-password').fill(REVIEWER.password);
    await noViolations(page, 'the create form with the departments');
    await page.getByTestId('ac-create-submit').click();
    // (the password's argon2id hash takes a while on a busy machine)
    await expect.poll(() => page.getByTestId('ac-announcement').textContent(), { timeout: 15_000 }).toBe(`已创建账号“${REVIEWER.name}”。`);
    const row = page.getByTestId('ac-row').filter({ hasText: REVIEWER.name });
    expect((await row.locator('td').allTextContents()).slice(0, 3)).toEqual(['137****7101', '审核人', '研发中心']);

    // the reviewer signs in and lands on Review, the only screen of the navigation
    await page.getByTestId('admin-signout').click();
    await fillAdminPasswordForm(page, { siteId, phone: REVIEWER.phone, password: REVIEWER.password });
    await page.getByTestId('admin-review-screen').waitFor();
    expect(new URL(page.url()).pathname).toBe('/app/admin/review');
    expect(await page.getByRole('navigation', { name: '管理导航' }).getByRole('link').allTextContents()).toEqual(['审核']);
    const rows = page.getByTestId('review-row');
    const bookingIds = async () => Promise.all((await rows.all()).map((r) => r.getAttribute('data-booking-id')));
    await rows.first().waitFor();
    expect(await bookingIds()).toEqual([ours]);
    const cells = await rows.first().locator('td').allTextContents();
    expect(cells.slice(0, 4)).toEqual(['郑*明 139****7101', '王芳', '研发中心', expect.stringContaining('–')]);
    expect(cells[4]).toBe('1');
    expect(await page.locator('main').textContent(), 'the visitor is masked').not.toContain('13912347101');
    await noViolations(page, 'the review screen');
    // at 360 px the table scrolls in its box, the page does not
    await page.setViewportSize({ width: 360, height: 740 });
    expect(await page.evaluate<number>('document.documentElement.scrollWidth'), 'no sideways scrolling at 360 px').toBeLessThanOrEqual(360);
    await page.setViewportSize({ width: 1280, height: 800 });

    // approve: announced, and the cloud has it approved
    await rows.first().getByRole('button', { name: '同意 郑*明 的预约' }).click();
    await expect.poll(() => page.getByTestId('review-announcement').textContent()).toContain('郑*明');
    expect((await api('GET', `/bookings/${ours}`)).json.status).toBe('approved');
    // now among the decided (the demo's approved booking of 研发中心 is there too)
    await page.getByTestId('review-tab-decided').click();
    await expect.poll(() => bookingIds()).toContain(ours);
    expect(await page.getByTestId('review-row').filter({ hasText: '郑*明' }).getByTestId('review-status').textContent()).toBe('已确认');

    // another department's booking by its id: refused in words, and it stays pending
    await page.goto(web!.app(`/admin/review/${theirs}`));
    await expect.poll(() => page.getByTestId('review-error').textContent()).toBe('该预约不属于您审核的部门（403 禁止访问）。');
    expect(await page.getByTestId('review-booking').count()).toBe(0);
    await noViolations(page, 'a refused booking');
    expect((await api('GET', `/bookings/${theirs}`)).json.status).toBe('pending');

    // a records viewer sees Records only, lands there, and reads the records (no administrator's list is asked for)
    const viewer = await api('POST', '/admin/accounts', {
      siteId,
      name: '郑查看',
      phone: '13700137102',
      roles: ['records_viewer'],
      password: REVIEWER.password,
    });
    expect(viewer.status).toBe(201);
    await page.getByTestId('admin-signout').click();
    await fillAdminPasswordForm(page, { siteId, phone: '13700137102', password: REVIEWER.password });
    await page.getByTestId('admin-records-screen').waitFor();
    expect(await page.getByRole('navigation', { name: '管理导航' }).getByRole('link').allTextContents()).toEqual(['记录']);
    await page.getByTestId('records-tab-bookings').click();
    await page.getByTestId('records-table').waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await page.getByTestId('export-unmasked').count(), 'full numbers are not offered').toBe(0);
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
