/**
 * Walk-ins end to end with the host's approval and offline (issue 9 items 5 and 6): the real cloud (temp SQLite) with
 * the demo data, the kiosk core enrolled and synced, the browser shell and Debian Chromium.
 * - A site set to host approval: the desk registers a typed walk-in, the kiosk shows 等待受访人确认 with the host's
 *   masked name while it waits; the host approves through the API; the pass appears on screen, and the cloud has the
 *   main bill arrived. The waiting screen passes axe-core's rules.
 * - Offline: the cloud stopped, a desk-approval walk-in registered (the pass at once); the cloud back, the
 *   registration lands exactly once (one booking in the cloud, however often the kiosk syncs).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { queuedCommands } from '../support/kiosk/queuedCommands';
import { BookingList } from '../../src/shared/api';
import { WalkInRegistration } from '../../src/shared/walkIn';
import { axeViolationsInOrientations } from '../support/axe';
import { decodeQrFromPng } from '../support/qr';
import { startKioskUnderTest, type KioskUnderTest } from '../support/kioskUnderTest';

const HOST = 'host_demo_liming';

describe('walk-ins with the host’s approval and offline, end to end', () => {
  let started: KioskUnderTest | undefined;
  let kiosk: KioskUnderTest;

  beforeAll(async () => {
    kiosk = started = await startKioskUnderTest({ label: 'walkin-host', kioskName: 'E2E 受访人确认', syncOnStart: true });
  });

  afterAll(async () => {
    await started?.close();
  });

  const setApproval = async (walkInApproval: 'desk' | 'host') => {
    const r = await kiosk.client.request('POST', '/admin/sites/site_demo/settings', { walkInApproval, walkInOfflineFallback: 'desk' }, kiosk.client.adminToken);
    expect(r.status).toBe(200);
  };

  /** On home: the walk-in form typed in full (no card), the host found by name, submitted. */
  const registerTyped = async (page: Page, name: string, idNumber: string, phone: string) => {
    await page.getByTestId('start-walkin').click();
    await page.getByTestId('walkin-screen').waitFor();
    await page.getByTestId('walkin-name').fill(name);
    await page.getByTestId('walkin-id-number').fill(idNumber);
    await page.getByTestId('walkin-phone').fill(phone);
    await page.getByTestId('host-query').fill('李明');
    await page.getByTestId('host-search').click();
    await page.locator(`[data-testid="host-chosen"][data-host-id="${HOST}"]`).waitFor({ state: 'visible' });
    await page.getByTestId('walkin-visit-type').selectOption('商务洽谈');
    await page.getByTestId('walkin-reason').fill('送合同');
    await page.getByTestId('walkin-submit').click();
  };

  const walkInsOf = (phone: string) =>
    queuedCommands(kiosk.core, 'registerWalkIn').filter((c) => WalkInRegistration.parse(c.command.payload).visitor.phone === phone);

  it('host approval: the kiosk waits on screen (host masked, time shown), the host approves through the API, the pass appears', async () => {
    await setApproval('host');
    expect((await kiosk.core.sync.now()).online).toBe(true);
    const page = await kiosk.browser.context.newPage();
    await kiosk.openHome(page);
    await registerTyped(page, '孙小美', '11010519491231002X', '13655556666');

    const waiting = page.getByTestId('walkin-host-wait');
    await waiting.waitFor({ state: 'visible' });
    expect(await waiting.getAttribute('data-state')).toBe('waiting');
    expect(await page.getByTestId('walkin-wait-host').textContent()).toContain('李*');
    await page.getByTestId('walkin-wait-progress').waitFor({ state: 'visible' });
    await page.getByTestId('walkin-wait-cancel').waitFor({ state: 'visible' });
    expect(await axeViolationsInOrientations(page), 'the waiting screen passes axe-core').toEqual([]);
    await expect.poll(async () => (await page.getByTestId('walkin-wait-elapsed').textContent()) ?? '', { timeout: 5000 }).toMatch(/[1-9]/);

    const [command] = walkInsOf('13655556666');
    const registration = WalkInRegistration.parse(command!.command.payload);
    expect(registration.approval).toBe('host');
    expect((await kiosk.client.booking(registration.bookingId)).status).toBe('pending');

    await kiosk.client.decide(registration.bookingId, 'approve', await kiosk.client.hostToken(HOST));
    const qr = page.getByTestId('pass-qr');
    await qr.waitFor({ state: 'visible', timeout: 5000 });
    const token = decodeQrFromPng(await qr.screenshot());
    expect(token, 'the QR on screen decodes').toBeTruthy();
    const verified = await kiosk.core.checkIn.verifyPassToken(token!);
    expect(verified.bid).toBe(registration.bookingId);

    expect(await kiosk.core.sync.now()).toMatchObject({ online: true, pendingCommands: 0, conflicts: 0 });
    expect(await kiosk.client.booking(registration.bookingId)).toMatchObject({ source: 'walk_in', status: 'arrived', arrivedVisitId: verified.pid });
    expect((await kiosk.client.verifyPass(token!)).valid).toBe(true);
    await page.getByTestId('pass-done').click();
    await page.close();
  });

  it('offline: cloud stopped, a desk-approval walk-in registered (pass at once), cloud back: it lands exactly once', async () => {
    await setApproval('desk');
    expect((await kiosk.core.sync.now()).online).toBe(true);
    await kiosk.cloud.close();
    const page = await kiosk.browser.context.newPage();
    try {
      await kiosk.openHome(page);
      await registerTyped(page, '钱多多', '440306199003071232', '13677778888');
      await page.getByTestId('pass-qr').waitFor({ state: 'visible' });
      expect(await kiosk.core.sync.now()).toMatchObject({ online: false, pendingCommands: 1 });
    } finally {
      await kiosk.restartCloud();
    }
    expect(await kiosk.core.sync.now()).toMatchObject({ online: true, pendingCommands: 0, conflicts: 0 });
    expect(await kiosk.core.sync.now()).toMatchObject({ online: true, pendingCommands: 0, conflicts: 0 });

    const commands = walkInsOf('13677778888');
    expect(commands).toHaveLength(1);
    const registration = WalkInRegistration.parse(commands[0]!.command.payload);
    expect(registration.approval).toBe('desk');
    const listed = await kiosk.client.request('GET', '/bookings', undefined, kiosk.client.adminToken);
    const walkIns = BookingList.parse(listed.body).bookings.filter((b) => b.source === 'walk_in' && b.visitor.name === '钱多多');
    expect(walkIns).toHaveLength(1);
    expect(walkIns[0]).toMatchObject({ id: registration.bookingId, status: 'arrived' });
    await page.close();
  });
});
