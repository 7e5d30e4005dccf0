/**
 * The whole path once, as people do it: a visitor books through the API, the host approves through the API,
 * the kiosk syncs, reception checks the visitor in through the UI in Debian Chromium, the QR code on screen
 * (decoded from a screenshot) is a pass the cloud accepts, and the cloud records the arrival.
 * Then offline: the cloud stops, a check-in still works, and after the cloud is back the arrival lands exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SITE } from '../../src/cloud/demo';
import { idCheckCharacter } from '../../src/shared/idNumber';
import { checkInThroughUi, startKioskUnderTest, type KioskUnderTest } from '../support/kioskUnderTest';
import { siteDayOf } from '../support/kiosk/oneDayBooking';

const idNumber = (first17: string) => `${first17}${idCheckCharacter(first17)}`;

describe('booked visitor check-in, end to end', () => {
  let kiosk: KioskUnderTest;
  let hostBearer: string;
  let hostPhone: string;
  /** the first test's booking and pass, signed out by the last test */
  let firstCheckIn: { bookingId: string; token: string } | undefined;

  async function bookAndApprove(visitor: { name: string; phone: string; first17: string }) {
    const now = Date.now();
    const booking = await kiosk.client.book({
      source: 'self',
      hostPhone,
      visitor: { name: visitor.name, phone: visitor.phone, idType: 'resident_id', idNumber: idNumber(visitor.first17), company: '测试公司' },
      companions: [{ name: '随行一' }],
      reason: '商务洽谈',
      windowStart: new Date(now - 10 * 60_000).toISOString(),
      // ends with today's site day: a window into tomorrow is a visit of two days, whose sign-out is an exit (the
      // last test signs out and expects the visit closed)
      windowEnd: new Date(Math.min(now + 4 * 3600_000, siteDayOf(new Date(now)).end.getTime())).toISOString(),
    });
    expect(booking.status).toBe('pending');
    const approved = await kiosk.client.decide(booking.id, 'approve', hostBearer);
    expect(approved.status).toBe('approved');
    return approved;
  }

  beforeAll(async () => {
    kiosk = await startKioskUnderTest({ label: 'checkin', kioskName: 'E2E 前台' });
    hostPhone = '13700000001';
    const h = await kiosk.client.createHost({ name: '林小红', phone: hostPhone, department: '人事部', siteId: DEMO_SITE.id });
    hostBearer = await kiosk.client.hostToken(h.id);
  });

  afterAll(async () => {
    await kiosk.close();
  });

  it('books, approves, syncs, checks in through the UI; the QR verifies in the cloud; the booking is arrived', async () => {
    const booking = await bookAndApprove({ name: '黄晓明', phone: '13600000001', first17: '11010519800101123' });
    const pulled = await kiosk.core.sync.now();
    expect(pulled.online).toBe(true);

    const page = await kiosk.browser.context.newPage();
    await kiosk.openHome(page);
    const token = await checkInThroughUi(page, booking.code, '黄晓明');
    // people's numbers never appear in full on screen
    const text = (await page.textContent('body')) ?? '';
    expect(text).not.toContain('13600000001');

    const verified = await kiosk.client.verifyPass(token);
    expect(verified.valid).toBe(true);
    expect(verified.payload.bid).toBe(booking.id);
    expect(verified.payload.iss).toBe(`kiosk:${kiosk.core.identity()?.kioskId}`);

    const state = await kiosk.core.sync.now();
    expect(state.pendingCommands).toBe(0);
    const after = await kiosk.client.booking(booking.id);
    expect(after.status).toBe('arrived');
    expect(after.arrivedAt).toBeTruthy();
    firstCheckIn = { bookingId: booking.id, token };
    await page.close();
  });

  it('checks in while the cloud is down; after it is back the arrival lands exactly once', async () => {
    const booking = await bookAndApprove({ name: '欧阳娜娜', phone: '13600000002', first17: '44010619900101123' });
    await kiosk.core.sync.now();

    await kiosk.cloud.close();
    const page = await kiosk.browser.context.newPage();
    await kiosk.openHome(page);
    const token = await checkInThroughUi(page, '13600000002', '欧阳娜娜');
    expect(token).toMatch(/^PD2\.[A-Z2-7]+$/); // compact: QR version 7 at M
    const offline = await kiosk.core.sync.now();
    expect(offline.online).toBe(false);
    expect(offline.pendingCommands).toBe(1);
    await expect.poll(async () => (await page.getByTestId('sync-status').first().textContent()) ?? '').toMatch(/离线|offline/i);

    const cloud = await kiosk.restartCloud();
    const back = await kiosk.core.sync.now();
    expect(back.online).toBe(true);
    expect(back.pendingCommands).toBe(0);
    expect(back.conflicts).toBe(0);

    const after = await kiosk.client.booking(booking.id);
    expect(after.status).toBe('arrived');
    const applied = await cloud.db.kysely.selectFrom('applied_commands').selectAll().execute();
    const forBooking = applied.filter((c) => JSON.stringify(c).includes(booking.id));
    expect(forBooking).toHaveLength(1);
    // the pass issued offline verifies now that the cloud is back
    expect((await kiosk.client.verifyPass(token)).payload.bid).toBe(booking.id);
    await page.close();
  });

  it('signs the visitor out with the pass; the cloud records the exit', async () => {
    expect(firstCheckIn, 'the first test checked a visitor in').toBeDefined();
    const page = await kiosk.browser.context.newPage();
    await kiosk.openHome(page);
    await page.getByTestId('start-signout').click();
    await page.getByTestId('signout-token').fill(firstCheckIn!.token);
    await page.getByTestId('signout-submit').click();
    await page.getByTestId('signout-done').waitFor({ state: 'visible' });
    expect(await page.getByTestId('signout-done').textContent()).toContain('黄*');
    await kiosk.core.sync.now();
    const after = await kiosk.client.booking(firstCheckIn!.bookingId);
    expect(after.status).toBe('left');
    expect(after.leftAt).toBeTruthy();
    await page.close();
  });
});
