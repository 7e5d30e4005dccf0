/**
 * The whole path once, as people do it: a visitor books through the API, the host approves through the API,
 * the kiosk syncs, reception checks the visitor in through the UI in Debian Chromium, the QR code on screen
 * (decoded from a screenshot) is a pass the cloud accepts, and the cloud records the arrival.
 * Then offline: the cloud stops, a check-in still works, and after the cloud is back the arrival lands exactly once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoData, DEMO_SITE } from '../../src/cloud/demo';
import { startCloudServer, type RunningCloudServer } from '../../src/cloud/server';
import { idCheckCharacter } from '../../src/shared/idNumber';
import { createKioskCore, type KioskCore } from '../../src/main/core/kioskCore';
import { startBrowserHost, type BrowserHost } from '../../src/main/host/browserHost';
import { launchChromium, type LaunchedChromium } from '../support/chromium';
import { TestCloudClient } from '../support/cloudClient';
import { decodeQrFromPng } from '../support/qr';

const idNumber = (first17: string) => `${first17}${idCheckCharacter(first17)}`;

describe('booked visitor check-in, end to end', () => {
  let dir: string;
  let cloud: RunningCloudServer;
  let cloudPort: number;
  let client: TestCloudClient;
  let core: KioskCore;
  let host: BrowserHost;
  let browser: LaunchedChromium;
  let hostBearer: string;
  let hostPhone: string;
  /** the first test's booking and pass, signed out by the last test */
  let firstCheckIn: { bookingId: string; token: string } | undefined;

  async function bookAndApprove(visitor: { name: string; phone: string; first17: string }) {
    const now = Date.now();
    const booking = await client.book({
      source: 'self',
      hostPhone,
      visitor: { name: visitor.name, phone: visitor.phone, idType: 'resident_id', idNumber: idNumber(visitor.first17), company: '测试公司' },
      companions: [{ name: '随行一' }],
      reason: '商务洽谈',
      windowStart: new Date(now - 10 * 60_000).toISOString(),
      windowEnd: new Date(now + 4 * 3600_000).toISOString(),
    });
    expect(booking.status).toBe('pending');
    const approved = await client.decide(booking.id, 'approve', hostBearer);
    expect(approved.status).toBe('approved');
    return approved;
  }

  async function checkInThroughUi(page: Page, query: string, visitorName: string): Promise<string> {
    await page.goto(host.url);
    await page.getByTestId('start-checkin').click();
    await page.getByTestId('checkin-query').fill(query);
    await page.getByTestId('checkin-search').click();
    await page.getByTestId('booking-result').first().click();
    const details = page.getByTestId('booking-details');
    await expect.poll(() => details.textContent()).toContain(visitorName);
    await page.getByTestId('confirm-arrival').click();
    const qr = page.getByTestId('pass-qr');
    await qr.waitFor({ state: 'visible' });
    const png = await qr.screenshot();
    const token = decodeQrFromPng(png);
    expect(token, 'the QR on screen decodes').toBeTruthy();
    return token!;
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'passdesk-e2e-'));
    cloud = await startCloudServer({ sqlitePath: join(dir, 'cloud.sqlite'), port: 0 });
    cloudPort = Number(new URL(cloud.url).port);
    await loadDemoData(cloud.db);
    client = new TestCloudClient(cloud.url, cloud.adminToken);
    hostPhone = '13700000001';
    const h = await client.createHost({ name: '林小红', phone: hostPhone, department: '人事部', siteId: DEMO_SITE.id });
    hostBearer = await client.hostToken(h.id);

    core = await createKioskCore({ dataDir: join(dir, 'kiosk'), cloudUrl: cloud.url, autoSync: false });
    await core.enrol({ code: await client.enrolmentCode(DEMO_SITE.id), name: 'E2E 前台' });
    host = await startBrowserHost({ core, rendererDir: resolve('out/renderer'), port: 0 });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await core?.close();
    await cloud?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('books, approves, syncs, checks in through the UI; the QR verifies in the cloud; the booking is arrived', async () => {
    const booking = await bookAndApprove({ name: '黄晓明', phone: '13600000001', first17: '11010519800101123' });
    const pulled = await core.sync.now();
    expect(pulled.online).toBe(true);

    const page = await browser.context.newPage();
    const token = await checkInThroughUi(page, booking.code, '黄晓明');
    // people's numbers never appear in full on screen
    const text = (await page.textContent('body')) ?? '';
    expect(text).not.toContain('13600000001');

    const verified = await client.verifyPass(token);
    expect(verified.valid).toBe(true);
    expect(verified.payload.bid).toBe(booking.id);
    expect(verified.payload.iss).toBe(`kiosk:${core.identity()?.kioskId}`);

    const state = await core.sync.now();
    expect(state.pendingCommands).toBe(0);
    const after = await client.booking(booking.id);
    expect(after.status).toBe('arrived');
    expect(after.arrivedAt).toBeTruthy();
    firstCheckIn = { bookingId: booking.id, token };
    await page.close();
  });

  it('checks in while the cloud is down; after it is back the arrival lands exactly once', async () => {
    const booking = await bookAndApprove({ name: '欧阳娜娜', phone: '13600000002', first17: '44010619900101123' });
    await core.sync.now();

    await cloud.close();
    const page = await browser.context.newPage();
    const token = await checkInThroughUi(page, '13600000002', '欧阳娜娜');
    expect(token.startsWith('PD1.')).toBe(true);
    const offline = await core.sync.now();
    expect(offline.online).toBe(false);
    expect(offline.pendingCommands).toBe(1);
    await expect.poll(async () => (await page.getByTestId('sync-status').first().textContent()) ?? '').toMatch(/离线|offline/i);

    cloud = await startCloudServer({ sqlitePath: join(dir, 'cloud.sqlite'), port: cloudPort, adminToken: cloud.adminToken });
    const back = await core.sync.now();
    expect(back.online).toBe(true);
    expect(back.pendingCommands).toBe(0);
    expect(back.conflicts).toBe(0);

    const after = await client.booking(booking.id);
    expect(after.status).toBe('arrived');
    const applied = await cloud.db.kysely
      .selectFrom('applied_commands')
      .selectAll()
      .execute();
    const forBooking = applied.filter((c) => JSON.stringify(c).includes(booking.id));
    expect(forBooking).toHaveLength(1);
    // the pass issued offline verifies now that the cloud is back
    expect((await client.verifyPass(token)).payload.bid).toBe(booking.id);
    await page.close();
  });

  it('signs the visitor out with the pass; the cloud records the exit', async () => {
    expect(firstCheckIn, 'the first test checked a visitor in').toBeDefined();
    const page = await browser.context.newPage();
    await page.goto(host.url);
    await page.getByTestId('start-signout').click();
    await page.getByTestId('signout-token').fill(firstCheckIn!.token);
    await page.getByTestId('signout-submit').click();
    await page.getByTestId('signout-done').waitFor({ state: 'visible' });
    expect(await page.getByTestId('signout-done').textContent()).toContain('黄*');
    await core.sync.now();
    const after = await client.booking(firstCheckIn!.bookingId);
    expect(after.status).toBe('left');
    expect(after.leftAt).toBeTruthy();
    await page.close();
  });
});
