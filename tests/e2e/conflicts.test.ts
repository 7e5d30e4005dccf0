/**
 * A sync conflict as reception staff meet it, in Debian Chromium: two kiosks enrolled to one real cloud both
 * check in the same booking. The first (a core on its own) syncs first; the second, driven through its UI,
 * checks the visitor in while it still holds the booking as approved, and the cloud answers its push with a
 * conflict. The status bar's conflict chip opens the Sync conflicts screen, which says what happened in
 * words; acknowledging it brings the count to 0 and keeps the record on the list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KioskCore } from '../../src/main/core/kioskCore';
import { oneDayBooking } from '../support/kiosk/oneDayBooking';
import { checkInThroughUi, startKioskUnderTest, type KioskUnderTest } from '../support/kioskUnderTest';

describe('sync conflicts shown to staff, end to end', () => {
  /** the second kiosk, west gate, is the one on screen */
  let kiosk: KioskUnderTest;
  /** the first kiosk, east gate: a core on its own */
  let first: KioskCore;

  beforeAll(async () => {
    kiosk = await startKioskUnderTest({ label: 'conflicts', otherKiosks: ['东门前台'], kioskName: '西门前台' });
    first = kiosk.others[0]!;
  });

  afterAll(async () => {
    await kiosk.close();
  });

  it('the second kiosk checks in a booking already checked in at the first: staff see why and acknowledge it', async () => {
    // a booking of the whole site day, which both kiosks pull: not a demo booking, of two days in the day's last half
    // hour (15:30–16:00 UTC), when a second check-in is a re-entry, not a conflict
    const booking = await oneDayBooking(kiosk.cloud);
    for (const core of [first, kiosk.core]) expect(await core.sync.now()).toMatchObject({ online: true, pendingCommands: 0 });
    // the first kiosk checks the visitor in and syncs; the second has not pulled since
    await first.checkIn.confirmCheckIn({ bookingId: booking.id });
    expect(await first.sync.now()).toMatchObject({ online: true, pendingCommands: 0, conflicts: 0 });
    expect((await kiosk.client.booking(booking.id)).status).toBe('arrived');

    const page = await kiosk.browser.context.newPage();
    await kiosk.openHome(page);
    const chip = page.getByTestId('sync-conflicts');
    await expect.poll(() => chip.textContent()).toBe('冲突 0');
    expect(await chip.evaluate((el: { tagName: string }) => el.tagName)).toBe('SPAN');

    await checkInThroughUi(page, booking.code, booking.visitorName);

    // the check-in's push comes back as a conflict; the chip counts it and becomes a button
    await expect.poll(() => chip.textContent(), { timeout: 15_000 }).toContain('冲突 1');
    expect(await chip.evaluate((el: { tagName: string }) => el.tagName)).toBe('BUTTON');
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
    expect(rowText).toContain(`预约码 ${booking.code}`);
    expect(rowText).toContain(`${booking.visitorName[0]}*`);
    // the visitor's full name and numbers do not appear on this screen
    const screenText = (await screen.textContent()) ?? '';
    expect(screenText).not.toContain(booking.visitorName);
    expect(screenText).not.toContain(booking.visitorPhone);

    // the same reason in English
    await page.getByTestId('lang-switch').click();
    await expect.poll(async () => (await row.textContent()) ?? '').toContain('Already checked in at another kiosk');
    await page.getByTestId('lang-switch').click();
    await expect.poll(async () => (await row.textContent()) ?? '').toContain('该预约已在其他访客机签到');

    await row.getByTestId('conflict-ack').click();
    await expect.poll(() => chip.textContent()).toBe('冲突 0');
    expect(await chip.evaluate((el: { tagName: string }) => el.tagName)).toBe('SPAN');
    // still listed, marked acknowledged, with no button left
    await expect.poll(() => row.getAttribute('data-acknowledged')).toBe('true');
    expect(await row.getByTestId('conflict-ack').count()).toBe(0);
    expect(await row.getByTestId('conflict-acknowledged').textContent()).toContain('已确认');

    // the core agrees: recorded, acknowledged, not counted
    expect(kiosk.core.sync.state().conflicts).toBe(0);
    const [recorded] = kiosk.core.sync.conflicts();
    expect(recorded).toMatchObject({ code: 'already_arrived', bookingCode: booking.code, status: 'conflict' });
    expect(recorded?.acknowledgedAt).toBeDefined();
    await page.close();
  });
});
