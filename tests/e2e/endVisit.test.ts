/**
 * Staff end a multi-day visit from today's visitors (issue 9 item 7), end to end: the real cloud with a host and a
 * booking whose window spans three days, the kiosk enrolled and synced, the browser shell and Debian Chromium. The
 * visitor is checked in through the UI; in 今日访客 the row says 多日访问 and 今日在场; 结束访问 asks for a
 * confirmation (取消 sends nothing), confirming records the exit and ends the visit: the row says 已离开, the outbox
 * holds one checkout command with endVisit, which the cloud applies once (the booking left, with its exit recorded).
 * The confirmation passes axe-core's rules.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SITE } from '../../src/cloud/demo';
import { allCommands } from '../../src/main/core/db/outboxStore';
import { idCheckCharacter } from '../../src/shared/idNumber';
import { maskName } from '../../src/shared/mask';
import { axeViolationsInOrientations } from '../support/axe';
import { checkInThroughUi, startKioskUnderTest, type KioskUnderTest } from '../support/kioskUnderTest';

const first17 = '11010519850505123';

describe('结束访问 (end visit) in today’s visitors, end to end', () => {
  let started: KioskUnderTest | undefined;
  let kiosk: KioskUnderTest;

  beforeAll(async () => {
    kiosk = started = await startKioskUnderTest({ label: 'endvisit', kioskName: 'E2E 结束访问' });
  });
  afterAll(async () => {
    await started?.close();
  });

  it('multi-day visit checked in → 今日访客 → 结束访问 → confirm: left, one endVisit command, applied once by the cloud', async () => {
    const hostPhone = '13700000077';
    const host = await kiosk.client.createHost({ name: '周敏', phone: hostPhone, department: '行政部', siteId: DEMO_SITE.id });
    const now = Date.now();
    const booked = await kiosk.client.book({
      source: 'self',
      hostPhone,
      visitor: { name: '欧阳娜娜', phone: '13600000077', idType: 'resident_id', idNumber: first17 + idCheckCharacter(first17) },
      companions: [],
      reason: '驻场调试',
      windowStart: new Date(now - 10 * 60_000).toISOString(),
      windowEnd: new Date(now + 2 * 24 * 3600_000).toISOString(),
    });
    await kiosk.client.decide(booked.id, 'approve', await kiosk.client.hostToken(host.id));
    expect((await kiosk.core.sync.now()).online).toBe(true);

    const page = await kiosk.browser.context.newPage();
    await kiosk.openHome(page);
    await checkInThroughUi(page, booked.code, '欧阳娜娜');
    await page.locator('.top-bar__brand').click(); // home
    await page.getByTestId('open-today').click();
    const row = page.getByTestId('today-visit').filter({ hasText: maskName('欧阳娜娜') });
    await row.waitFor();
    expect(await row.textContent()).toContain('多日访问');
    expect(await row.getByTestId('today-state').textContent()).toBe('今日在场');

    const checkouts = () => allCommands(kiosk.core.db, kiosk.core.identity()!.kioskId).filter((c) => c.command.kind === 'checkout');
    await row.getByTestId('today-end-visit').click();
    const confirm = row.getByTestId('end-visit-confirm');
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain(maskName('欧阳娜娜'));
    expect(await axeViolationsInOrientations(page), 'the end-visit confirmation passes axe-core').toEqual([]);
    await row.getByTestId('end-visit-no').click();
    await confirm.waitFor({ state: 'detached' });
    expect(checkouts()).toHaveLength(0);

    await row.getByTestId('today-end-visit').click();
    await row.getByTestId('end-visit-yes').click();
    await row.locator('.badge--left').waitFor();
    expect(await row.getByTestId('today-end-visit').count()).toBe(0);
    expect(await row.getByTestId('today-signout').count()).toBe(0);
    expect(checkouts()).toHaveLength(1);
    expect(checkouts()[0]?.command.payload).toMatchObject({ bookingId: booked.id, endVisit: true });

    expect(await kiosk.core.sync.now()).toMatchObject({ online: true, pendingCommands: 0, conflicts: 0 });
    const cloud = await kiosk.client.booking(booked.id);
    expect(cloud.status).toBe('left');
    expect(cloud.exitUnrecorded).toBeUndefined();
    expect(await kiosk.core.sync.now()).toMatchObject({ pendingCommands: 0, conflicts: 0 });
    expect(checkouts()).toHaveLength(1);
    await page.close();
  });
});
