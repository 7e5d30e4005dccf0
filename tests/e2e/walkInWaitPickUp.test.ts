/**
 * A walk-in waiting for its host, picked up again and withdrawn, end to end (issue 9 items 5 and 6): the real cloud
 * (temp SQLite) with the demo data, the kiosk core enrolled and synced, the browser shell and Debian Chromium. The
 * desk registers a walk-in for a host-approval site and leaves the waiting screen (home): the core keeps waiting;
 * the walk-in screen lists it under 等待中的访客 (masked); picked up, it shows its wait again; 取消等待 withdraws it —
 * the cloud has the main bill cancelled, from one command.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allCommands } from '../../src/main/core/db/outboxStore';
import { queuedCommands } from '../support/kiosk/queuedCommands';
import { WalkInRegistration } from '../../src/shared/walkIn';
import { axeViolationsInOrientations } from '../support/axe';
import { startKioskUnderTest, type KioskUnderTest } from '../support/kioskUnderTest';

const HOST = 'host_demo_liming';

describe('a walk-in waiting for its host, picked up again and withdrawn, end to end', () => {
  let started: KioskUnderTest | undefined;
  let kiosk: KioskUnderTest;

  beforeAll(async () => {
    kiosk = started = await startKioskUnderTest({ label: 'walkin-pickup', kioskName: 'E2E 等待中的访客', syncOnStart: true });
    const r = await kiosk.client.request(
      'POST',
      '/admin/sites/site_demo/settings',
      { walkInApproval: 'host', walkInOfflineFallback: 'desk' },
      kiosk.client.adminToken,
    );
    expect(r.status).toBe(200);
  });

  afterAll(async () => {
    await started?.close();
  });

  it('left while waiting, listed masked, picked up, cancelled: withdrawn in the cloud once', async () => {
    expect((await kiosk.core.sync.now()).online).toBe(true);
    const page = await kiosk.browser.context.newPage();
    await kiosk.openHome(page);
    await page.getByTestId('start-walkin').click();
    await page.getByTestId('walkin-screen').waitFor();
    await page.getByTestId('walkin-name').fill('欧阳·娜仁');
    await page.getByTestId('walkin-id-number').fill('11010519491231002X');
    await page.getByTestId('walkin-phone').fill('13655550001');
    await page.getByTestId('host-query').fill('李明');
    await page.getByTestId('host-search').click();
    await page.locator(`[data-testid="host-chosen"][data-host-id="${HOST}"]`).waitFor({ state: 'visible' });
    await page.getByTestId('walkin-visit-type').selectOption('商务洽谈');
    await page.getByTestId('walkin-reason').fill('送合同');
    await page.getByTestId('walkin-submit').click();
    await page.getByTestId('walkin-host-wait').waitFor({ state: 'visible' });

    const [command] = queuedCommands(kiosk.core, 'registerWalkIn');
    const registration = WalkInRegistration.parse(command!.command.payload);
    await expect.poll(async () => (await kiosk.client.booking(registration.bookingId)).status, { timeout: 5000 }).toBe('pending');

    // leaving the waiting screen does not stop the wait
    await page.getByTestId('go-home').click();
    await page.getByTestId('start-walkin').waitFor({ state: 'visible' });
    await page.getByTestId('start-walkin').click();
    const item = page.locator(`[data-testid="walkin-wait-item"][data-registration-id="${command!.command.id}"]`);
    await item.waitFor({ state: 'visible' });
    expect(await item.getAttribute('data-state')).toBe('waiting');
    const text = (await item.textContent()) ?? '';
    expect(text).toContain('李*');
    expect(text).not.toContain('娜仁');
    expect(await axeViolationsInOrientations(page), 'the walk-in screen with its waiting list passes axe-core').toEqual([]);

    await item.click();
    await page.getByTestId('walkin-host-wait').waitFor({ state: 'visible' });
    await page.getByTestId('walkin-wait-cancel').click();
    await page.getByTestId('start-walkin').waitFor({ state: 'visible' });
    await expect.poll(async () => (await kiosk.client.booking(registration.bookingId)).status, { timeout: 5000 }).toBe('cancelled');
    expect(await kiosk.core.sync.now()).toMatchObject({ online: true, pendingCommands: 0, conflicts: 0 });
    const withdrawals = allCommands(kiosk.core.db, kiosk.core.identity()!.kioskId).filter((c) => c.command.kind === 'cancelWalkIn');
    expect(withdrawals.map((c) => c.state)).toEqual(['sent']);
    await page.close();
  });
});
