/**
 * A sync conflict as reception staff meet it, in Debian Chromium: two kiosks enrolled to one real cloud both
 * check in the same booking. The first (a core on its own) syncs first; the second, driven through its UI,
 * checks the visitor in while it still holds the booking as approved, and the cloud answers its push with a
 * conflict. The status bar's conflict chip opens the Sync conflicts screen, which says what happened in
 * words; acknowledging it brings the count to 0 and keeps the record on the list.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SITE, loadDemoData } from '../../src/cloud/demo';
import { startCloudServer, type RunningCloudServer } from '../../src/cloud/server';
import { createKioskCore, type KioskCore } from '../../src/main/core/kioskCore';
import { startBrowserHost, type BrowserHost } from '../../src/main/host/browserHost';
import { launchChromium, type LaunchedChromium } from '../support/chromium';
import { TestCloudClient } from '../support/cloudClient';

describe('sync conflicts shown to staff, end to end', () => {
  let dir: string;
  let cloud: RunningCloudServer;
  let client: TestCloudClient;
  let first: KioskCore;
  let second: KioskCore;
  let host: BrowserHost;
  let browser: LaunchedChromium;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'passdesk-e2e-conflicts-'));
    cloud = await startCloudServer({ sqlitePath: join(dir, 'cloud.sqlite'), port: 0 });
    await loadDemoData(cloud.db);
    client = new TestCloudClient(cloud.url, cloud.adminToken);
    first = await createKioskCore({ dataDir: join(dir, 'kiosk-1'), cloudUrl: cloud.url, autoSync: false });
    await first.enrol({ code: await client.enrolmentCode(DEMO_SITE.id), name: '东门前台' });
    second = await createKioskCore({ dataDir: join(dir, 'kiosk-2'), cloudUrl: cloud.url, autoSync: false });
    await second.enrol({ code: await client.enrolmentCode(DEMO_SITE.id), name: '西门前台' });
    host = await startBrowserHost({ core: second, rendererDir: resolve('out/renderer'), port: 0 });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await second?.close();
    await first?.close();
    await cloud?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the second kiosk checks in a booking already checked in at the first: staff see why and acknowledge it', async () => {
    // the first kiosk checks 张伟 in (DEM0A001) and syncs; the second has not pulled since
    await first.checkIn.confirmCheckIn({ bookingId: 'bk_demo_a001' });
    expect(await first.sync.now()).toMatchObject({ online: true, pendingCommands: 0, conflicts: 0 });
    expect((await client.booking('bk_demo_a001')).status).toBe('arrived');

    const page = await browser.context.newPage();
    await page.goto(host.url);
    const chip = page.getByTestId('sync-conflicts');
    await expect.poll(() => chip.textContent()).toBe('冲突 0');
    expect(await chip.evaluate((el) => el.tagName)).toBe('SPAN');

    await page.getByTestId('start-checkin').click();
    await page.getByTestId('checkin-query').fill('DEM0A001');
    await page.getByTestId('checkin-search').click();
    await page.getByTestId('booking-result').first().click();
    await page.getByTestId('confirm-arrival').click();
    await page.getByTestId('pass-qr').waitFor({ state: 'visible' });

    // the check-in's push comes back as a conflict; the chip counts it and becomes a button
    await expect.poll(() => chip.textContent(), { timeout: 15_000 }).toContain('冲突 1');
    expect(await chip.evaluate((el) => el.tagName)).toBe('BUTTON');
    await chip.click();

    const screen = page.getByTestId('conflicts-screen');
    await screen.waitFor({ state: 'visible' });
    const rows = page.getByTestId('conflict-row');
    await expect.poll(() => rows.count()).toBe(1);
    const row = rows.first();
    expect(await row.getAttribute('data-code')).toBe('already_arrived');
    const rowText = (await row.textContent()) ?? '';
    expect(rowText).toContain('签到');
    expect(rowText).toContain('该预约已在其他访客机签到');
    expect(rowText).toContain('预约码 DEM0A001');
    expect(rowText).toContain('张*');
    // the visitor's full name and numbers do not appear on this screen
    const screenText = (await screen.textContent()) ?? '';
    expect(screenText).not.toContain('张伟');
    expect(screenText).not.toContain('13912345678');

    // the same reason in English
    await page.getByTestId('lang-switch').click();
    await expect.poll(async () => (await row.textContent()) ?? '').toContain('Already checked in at another kiosk');
    await page.getByTestId('lang-switch').click();
    await expect.poll(async () => (await row.textContent()) ?? '').toContain('该预约已在其他访客机签到');

    await row.getByTestId('conflict-ack').click();
    await expect.poll(() => chip.textContent()).toBe('冲突 0');
    expect(await chip.evaluate((el) => el.tagName)).toBe('SPAN');
    // still listed, marked acknowledged, with no button left
    await expect.poll(() => row.getAttribute('data-acknowledged')).toBe('true');
    expect(await row.getByTestId('conflict-ack').count()).toBe(0);
    expect(await row.getByTestId('conflict-acknowledged').textContent()).toContain('已确认');

    // the core agrees: recorded, acknowledged, not counted
    expect(second.sync.state().conflicts).toBe(0);
    const [recorded] = second.sync.conflicts();
    expect(recorded).toMatchObject({ code: 'already_arrived', bookingCode: 'DEM0A001', status: 'conflict' });
    expect(recorded?.acknowledgedAt).toBeDefined();
    await page.close();
  });
});
