/**
 * Walk-in registration end to end (issue 9): the real cloud (temp SQLite) with the demo data, the kiosk core enrolled
 * and synced (hosts pulled), a real device manager whose ID card reader is the SAM_V simulator on a socat pty, the
 * browser shell and Debian Chromium. A visitor with a middle dot and a CJK Extension-A character in her name puts her
 * card on the reader on the walk-in screen: the form is prefilled (number masked), the host is found by name, the
 * registration gives the pass on screen, whose QR decodes to a pass this kiosk verifies; the outbox holds one signed
 * registerWalkIn command, which the cloud applies once (the main bill arrived, the name intact, the pass valid there).
 * The filled walk-in form passes axe-core's rules.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimulatedReader } from '../../src/main/devices/idcard/simPty';
import { queuedCommands } from '../support/kiosk/queuedCommands';
import { MINORITY_ID_NUMBER as ID_NUMBER, MINORITY_NAME as NAME, minorityNameCard } from '../support/devices/minorityNameCard';
import { maskIdNumber } from '../../src/shared/mask';
import { WalkInRegistration } from '../../src/shared/walkIn';
import { axeViolationsInOrientations } from '../support/axe';
import { decodeQrFromPng } from '../support/qr';
import { startKioskWithCardReader, type KioskUnderTest } from '../support/kioskUnderTest';

describe('walk-in registration, end to end', () => {
  let started: KioskUnderTest | undefined;
  let kiosk: KioskUnderTest;
  let reader: SimulatedReader;

  beforeAll(async () => {
    ({ kiosk, reader } = await startKioskWithCardReader({ label: 'walkin', kioskName: 'E2E 访客登记' }));
    started = kiosk;
  });

  afterAll(async () => {
    await started?.close();
  });

  it('card read (no booking) → 登记来访 → form prefilled → host found → registered → the pass on screen; again from the tile with 访客最后来访', async () => {
    const page = await kiosk.browser.context.newPage();
    await kiosk.openHome(page);
    await expect.poll(() => page.locator('[data-testid="device-chip"][data-device="idReader"]').getAttribute('data-status')).toBe('ready');
    // on the home screen the card looks for today's bookings; none: 登记来访 opens the walk-in form with the card
    reader.insertCard(minorityNameCard);
    await page.getByTestId('register-walkin-from-card').click();
    await page.getByTestId('walkin-screen').waitFor();
    const cardName = page.getByTestId('walkin-card-name');
    await cardName.waitFor({ state: 'visible' });
    expect(await cardName.textContent()).toBe(NAME);
    expect(await page.getByTestId('walkin-card-id').textContent()).toBe(maskIdNumber(ID_NUMBER));
    expect((await page.textContent('body')) ?? '').not.toContain(ID_NUMBER);
    expect(await axeViolationsInOrientations(page), 'the walk-in form passes axe-core').toEqual([]);

    await page.getByTestId('walkin-phone').fill('13812345678');
    await page.getByTestId('walkin-company').fill('天山贸易');
    // a host without visit permission is 无此受访人
    await page.getByTestId('host-query').fill('赵强');
    await page.getByTestId('host-search').click();
    await page.getByTestId('no-such-host').waitFor({ state: 'visible' });
    await page.getByTestId('host-query').fill('李明');
    await page.getByTestId('host-search').click();
    await page.locator('[data-testid="host-chosen"][data-host-id="host_demo_liming"]').waitFor({ state: 'visible' });
    expect(await page.getByTestId('host-hit').textContent()).toContain('138****8001');
    await page.getByTestId('walkin-visit-type').selectOption('商务洽谈');
    await page.getByTestId('walkin-reason').fill('洽谈合作');
    await page.getByTestId('walkin-submit').click();

    const qr = page.getByTestId('pass-qr');
    await qr.waitFor({ state: 'visible' });
    const token = decodeQrFromPng(await qr.screenshot());
    expect(token, 'the QR on screen decodes').toBeTruthy();
    expect(await page.getByTestId('pass-visitor').textContent()).toBe('阿******提');
    expect((await page.textContent('body')) ?? '').not.toContain(ID_NUMBER);

    const verified = await kiosk.core.checkIn.verifyPassToken(token!);
    const visit = kiosk.core.checkIn.visitsToday().find((v) => v.id === verified.pid);
    expect(visit?.visitorName).toBe(NAME);

    const commands = queuedCommands(kiosk.core, 'registerWalkIn');
    expect(commands).toHaveLength(1);
    const payload = WalkInRegistration.parse(commands[0]!.command.payload);
    expect(payload.visitor).toMatchObject({ name: NAME, idNumber: ID_NUMBER, idSource: 'card', phone: '13812345678', company: '天山贸易' });
    expect(payload.hostId).toBe('host_demo_liming');
    expect(payload.visitId).toBe(verified.pid);

    // the cloud applies it exactly once: the main bill arrived, the name intact, the pass verifies there too
    expect(await kiosk.core.sync.now()).toMatchObject({ online: true, pendingCommands: 0, conflicts: 0 });
    const cloudBooking = await kiosk.client.booking(payload.bookingId);
    expect(cloudBooking).toMatchObject({ source: 'walk_in', status: 'arrived', arrivedVisitId: verified.pid });
    expect(cloudBooking.visitor.name).toBe(NAME);
    expect((await kiosk.client.verifyPass(token!)).valid).toBe(true);

    // the same person again: 访客最后来访, one tap to reuse (phone masked, the core takes the number)
    await page.getByTestId('pass-done').click();
    await page.getByTestId('start-walkin').click();
    reader.removeCard();
    reader.insertCard({
      type: 'resident',
      name: NAME,
      sex: '2',
      nation: '05',
      birthDate: '19920315',
      idNumber: ID_NUMBER,
      validFrom: '20150610',
      validUntil: '20350610',
    });
    const last = page.getByTestId('last-visit');
    await last.waitFor({ state: 'visible' });
    expect(await last.textContent()).toContain('李明');
    await page.getByTestId('reuse-last-visit').click();
    expect(await page.getByTestId('walkin-phone-reused').textContent()).toContain('138****5678');
    expect(await page.getByTestId('walkin-company').inputValue()).toBe('天山贸易');
    // with a companion typed by staff: a sub-bill with its own pass on the same screen
    await page.getByTestId('add-companion').click();
    await page.getByTestId('companion-name').fill('Anna Smith');
    await page.getByTestId('companion').locator('select').selectOption('passport');
    await page.getByTestId('companion-id').fill('E87654321');
    await page.getByTestId('walkin-submit').click();
    await page.locator('.pass__qr [data-testid="pass-qr"]').waitFor({ state: 'visible' });
    const companionQr = page.getByTestId('companion-pass').getByTestId('pass-qr');
    await companionQr.waitFor({ state: 'visible' });
    const companionToken = decodeQrFromPng(await companionQr.screenshot());
    expect(companionToken, 'the companion QR decodes').toBeTruthy();
    const companionPass = await kiosk.core.checkIn.verifyPassToken(companionToken!);
    expect(kiosk.core.checkIn.visitsToday().find((v) => v.id === companionPass.pid)?.visitorName).toBe('Anna Smith');
    expect(queuedCommands(kiosk.core, 'registerWalkIn')).toHaveLength(2);
    await page.close();
  });
});
