/**
 * The admin screen's logs section, end to end (issue 11): the browser shell over an enrolled kiosk core, Debian
 * Chromium. Lines the kiosk logged with an ID and a phone number show masked; "download" saves them through the
 * browser (a Chromium download, its file masked too), "export" writes them to a typed folder, and a hostile path is
 * refused (on the screen, and by the core). In zh-CN and in English, axe finds nothing.
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/main/core/log';
import { axeViolationsInOrientations } from '../support/axe';
import { startKioskUnderTest, type KioskUnderTest } from '../support/kioskUnderTest';

const PIN = '204817';
const ID = '11010519491231002X';
const MOBILE = '13912345678';
const FILE = /^passdesk-log-E2E-日志-\d{4}-\d{2}-\d{2}\.txt$/;

async function expectAccessible(page: Page, where: string): Promise<void> {
  await page.waitForTimeout(250);
  const violations = await axeViolationsInOrientations(page);
  expect(violations, `${where}: ${violations.map((v) => `${v.id} (${v.impact}) ${v.help} at ${v.targets.join(', ')}`).join('; ')}`).toEqual([]);
}

async function openLogs(page: Page, firstUse: boolean): Promise<void> {
  const brand = page.getByTestId('top-bar-brand');
  for (let i = 0; i < 5; i++) await brand.click();
  const input = page.getByTestId('admin-pin-input');
  await input.waitFor();
  await input.fill(PIN);
  await page.getByTestId('admin-pin-submit').click();
  if (firstUse) {
    await expect.poll(() => page.getByTestId('admin-pin').getAttribute('data-step')).toBe('confirm');
    await input.fill(PIN);
    await page.getByTestId('admin-pin-submit').click();
  }
  await page.getByTestId('admin-home').waitFor();
  await page.getByTestId('admin-section-logs').click();
  await page.getByTestId('admin-logs-lines').waitFor();
}

/** Clicks download and returns the file Chromium saved: its suggested name and its text. */
async function downloadLogs(page: Page): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('admin-logs-download').click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

describe('the admin logs section, end to end', () => {
  let kiosk: KioskUnderTest | undefined;

  beforeAll(async () => {
    kiosk = await startKioskUnderTest({ label: 'logs', kioskName: 'E2E 日志' });
  });
  afterAll(async () => {
    await kiosk?.close();
  });

  it('zh-CN: shows the last lines masked, downloads them, exports to a typed folder, refuses a hostile path', async () => {
    if (!kiosk) throw new Error('the kiosk under test did not start');
    kiosk.core.setLanguage('zh-CN');
    createLogger('e2e').warn(`looked up visitor ${ID} by phone ${MOBILE}`);
    const page = await kiosk.browser.context.newPage();
    await kiosk.openHome(page);
    await openLogs(page, true);
    const shown = (await page.getByTestId('admin-logs-lines').textContent()) ?? '';
    expect(shown).toContain(`looked up visitor 110${'*'.repeat(11)}002X by phone 139****5678`);
    expect(shown).not.toContain(ID);
    expect(shown).not.toContain(MOBILE);
    expect(await page.getByTestId('admin-logs-shown').textContent()).toMatch(/^共 \d+ 行$/);
    await expectAccessible(page, 'logs (zh-CN)');

    const saved = await downloadLogs(page);
    expect(saved.name).toMatch(FILE);
    expect(saved.text).toContain('looked up visitor 110');
    expect(saved.text).not.toMatch(new RegExp(`${ID}|${MOBILE}`));
    await expect.poll(() => page.getByTestId('admin-logs-result').textContent()).toContain(saved.name);

    // a path with .. is refused on the screen; nothing is asked of the core
    await page.getByTestId('admin-logs-folder-typed').check();
    await page.getByTestId('admin-logs-path').fill(`${kiosk.dir}/../etc`);
    await page.getByTestId('admin-logs-export').click();
    await expect.poll(() => page.getByTestId('admin-logs-path-error').textContent()).toContain('绝对路径');
    await expectAccessible(page, 'logs, a refused path (zh-CN)');
    // a folder that does not exist: the core refuses it
    await page.getByTestId('admin-logs-path').fill(join(kiosk.dir, 'no-such-stick'));
    await page.getByTestId('admin-logs-export').click();
    await expect.poll(() => page.getByTestId('error-message').textContent()).toContain('无法使用该文件夹');

    const stick = join(kiosk.dir, 'USB-STICK');
    mkdirSync(stick);
    await page.getByTestId('admin-logs-path').fill(stick);
    await page.getByTestId('admin-logs-export').click();
    await expect.poll(() => page.getByTestId('admin-logs-result').textContent()).toContain(stick);
    const files = readdirSync(stick);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(FILE);
    const exported = readFileSync(join(stick, files[0]!), 'utf8');
    expect(exported).toContain('looked up visitor 110');
    expect(exported).not.toMatch(new RegExp(`${ID}|${MOBILE}`));
    await page.close();
  });

  it('en: the section reads in English, downloads, and passes axe', async () => {
    if (!kiosk) throw new Error('the kiosk under test did not start');
    kiosk.core.setLanguage('en');
    const page = await kiosk.browser.context.newPage();
    await kiosk.openHome(page);
    await openLogs(page, false);
    expect(await page.getByTestId('admin-logs-shown').textContent()).toMatch(/^\d+ lines$/);
    expect(await page.getByTestId('admin-logs-download').textContent()).toBe('Download log file');
    await expectAccessible(page, 'logs (en)');
    await page.getByTestId('admin-logs-count').selectOption('100');
    const saved = await downloadLogs(page);
    expect(saved.name).toMatch(FILE);
    expect(saved.text.trimEnd().split('\n').length).toBeLessThanOrEqual(100);
    expect(saved.text).not.toMatch(new RegExp(`${ID}|${MOBILE}`));
    await expect.poll(() => page.getByTestId('admin-logs-result').textContent()).toBe(`Downloaded ${saved.name}`);
    await page.close();
  });
});
