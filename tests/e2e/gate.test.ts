/**
 * Gate mode end to end (issue 9 item 7, seed 000's entry and exit scans): the real cloud with the demo data, the
 * kiosk enrolled and synced, the browser shell and Debian Chromium. Reception checks demo booking DEM0A001 (张伟) in;
 * gate mode is opened from home; the pass typed into the gate's wedge field answers 通过 full screen with the masked
 * name, a forged token 未通过 with the reason in words; the same pass at the exit is let out; after a sync the cloud
 * has the entry and the exit, and the booking is still arrived (an exit does not end the visit). The gate screen and
 * both verdicts pass axe-core's rules.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { errorMessage } from '../../src/renderer/i18n/errorMessages';
import { axeViolationsInOrientations } from '../support/axe';
import { checkInThroughUi, startKioskUnderTest, type KioskUnderTest } from '../support/kioskUnderTest';

describe('gate mode, end to end', () => {
  let started: KioskUnderTest | undefined;
  let kiosk: KioskUnderTest;

  beforeAll(async () => {
    kiosk = started = await startKioskUnderTest({ label: 'gate', kioskName: 'E2E 闸口', syncOnStart: true });
  });
  afterAll(async () => {
    await started?.close();
  });

  /** types (as a keyboard-wedge scanner does) into the gate's field and submits; answers the verdict shown */
  async function scan(page: Page, text: string) {
    const field = page.getByTestId('gate-token');
    await field.waitFor();
    await field.fill(text);
    await field.press('Enter');
    const verdict = page.getByTestId('gate-verdict');
    await verdict.waitFor();
    return {
      passed: await verdict.getAttribute('data-passed'),
      reason: await verdict.getAttribute('data-reason'),
      word: await page.getByTestId('gate-verdict-word').textContent(),
      name: (await page.getByTestId('gate-verdict-name').count()) > 0 ? await page.getByTestId('gate-verdict-name').textContent() : null,
      detail: await page.getByTestId('gate-verdict-detail').textContent(),
    };
  }

  it('check in → gate mode → 通过 with the masked name; a forged token → 未通过 with the reason; the exit recorded in the cloud', async () => {
    const page = await kiosk.browser.context.newPage();
    await kiosk.openHome(page);
    const [booking] = await kiosk.core.checkIn.findBookings('DEM0A001');
    expect(booking).toBeTruthy();
    const token = await checkInThroughUi(page, 'DEM0A001', '张伟');

    await page.locator('.top-bar__brand').click(); // home
    await page.getByTestId('start-gate').click();
    await page.getByTestId('gate-screen').waitFor();
    expect(await page.getByTestId('gate-screen').getAttribute('data-direction')).toBe('entry');
    expect(await axeViolationsInOrientations(page), 'the gate screen passes axe-core').toEqual([]);

    const entry = await scan(page, token);
    expect(entry).toMatchObject({ passed: 'true', word: '通过', name: '张*', detail: '已记录进入' });
    expect(await axeViolationsInOrientations(page), 'the 通过 verdict passes axe-core').toEqual([]);
    // back to scanning after about 3 s
    await page.getByTestId('gate-screen').waitFor({ timeout: 6000 });

    const i = token.length - 10;
    const forged = token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1);
    const denied = await scan(page, forged);
    expect(denied.passed).toBe('false');
    expect(denied.word).toBe('未通过');
    expect(denied.reason).toMatch(/^pass_(bad_signature|malformed)$/);
    expect(denied.detail).toBe(errorMessage('zh-CN', denied.reason!));
    expect(await axeViolationsInOrientations(page), 'the 未通过 verdict passes axe-core').toEqual([]);
    await page.getByRole('button', { name: /继续扫码/ }).click();

    await page.getByTestId('gate-direction-exit').click();
    expect(await page.getByTestId('gate-screen').getAttribute('data-direction')).toBe('exit');
    const exit = await scan(page, token);
    expect(exit).toMatchObject({ passed: 'true', word: '通过', name: '张*', detail: '已记录离开' });

    const state = await kiosk.core.sync.now();
    expect(state.online).toBe(true);
    expect(state.pendingCommands).toBe(0);
    const rows = await kiosk.cloud.db.kysely
      .selectFrom('passages')
      .select(['direction', 'booking_id'])
      .where('booking_id', '=', booking!.id)
      .orderBy('at')
      .execute();
    expect(rows.map((r) => r.direction)).toEqual(['entry', 'exit']);
    expect((await kiosk.client.booking(booking!.id)).status).toBe('arrived');
    await page.close();
  });
});
