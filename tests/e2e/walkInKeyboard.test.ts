/**
 * Walk-in registration without a card, on the on-screen keyboard alone (issue 9, item 8): the real cloud and kiosk
 * core, the browser shell and Debian Chromium. Every text field is filled by tapping keys: the name in Chinese through
 * pinyin (王 then 芳), the resident ID number on the digit pad with X, the phone on the digit pad, the host by pinyin,
 * a new-energy plate province first; Enter moves to the next field. A hardware keyboard types into the same field
 * with the on-screen keyboard open. The open keyboard passes axe-core in zh-CN and in English. The registration that
 * reaches the outbox holds exactly what was tapped, checked by the shared walk-in rules.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queuedCommands } from '../support/kiosk/queuedCommands';
import { WalkInRegistration } from '../../src/shared/walkIn';
import { axeViolationsInOrientations } from '../support/axe';
import { startKioskWithCardReader, type KioskUnderTest } from '../support/kioskUnderTest';

const ID_NUMBER = '11010519491231002X';

const osk = (page: Page) => page.getByTestId('osk');
/** Taps the on-screen keys of `keys` one by one (`enter`, `backspace`, `clear`, `space` name the action keys). */
async function tap(page: Page, ...keys: string[]): Promise<void> {
  for (const key of keys) await osk(page).locator(`[data-key="${key}"]`).click();
}
/** Composes `letters` on the pinyin keys and chooses `character` among the candidates (paging on when needed). */
async function pinyin(page: Page, letters: string, character: string): Promise<void> {
  await tap(page, ...letters);
  await osk(page).getByTestId('osk-candidate').first().waitFor({ state: 'visible' });
  for (let pages = 0; pages < 10; pages++) {
    const candidate = osk(page).getByTestId('osk-candidate').filter({ hasText: character });
    if ((await candidate.count()) > 0) return candidate.first().click();
    await osk(page).getByRole('button', { name: '下一页候选字' }).click();
  }
  throw new Error(`${character} not among the candidates of ${letters}`);
}
/** Whether `field` holds the page's focus. */
const isFocused = (field: Locator) => field.evaluate((el) => el === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement);
const seriousOrWorse = (violations: Awaited<ReturnType<typeof axeViolationsInOrientations>>) =>
  violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');

describe('walk-in on the on-screen keyboard, end to end', () => {
  let started: KioskUnderTest | undefined;
  let kiosk: KioskUnderTest;

  beforeAll(async () => {
    ({ kiosk } = await startKioskWithCardReader({ label: 'walkin-osk', kioskName: 'E2E 屏幕键盘' }));
    started = kiosk;
  });

  afterAll(async () => {
    await started?.close();
  });

  it('registers a walk-in without a card by key taps only; a hardware keyboard types into the same field; axe in zh-CN and en', async () => {
    const page = await kiosk.browser.context.newPage();
    await kiosk.openHome(page);
    await page.getByTestId('start-walkin').click();
    await page.getByTestId('walkin-screen').waitFor();
    expect(await osk(page).count(), 'closed until a field is touched').toBe(0);

    // name: touching the field opens the Chinese keyboard; 王 then 芳 through pinyin
    const name = page.getByTestId('walkin-name');
    await name.click();
    await osk(page).waitFor({ state: 'visible' });
    expect(await osk(page).getAttribute('data-kind')).toBe('chinese');
    await tap(page, 'w', 'a', 'n', 'g');
    expect(await osk(page).getByTestId('osk-composition').textContent()).toBe('wang');
    await osk(page).getByTestId('osk-candidate').first().waitFor({ state: 'visible' });
    expect(seriousOrWorse(await axeViolationsInOrientations(page)), 'the open keyboard (zh-CN) passes axe').toEqual([]);
    await osk(page).getByTestId('osk-candidate').filter({ hasText: '王' }).first().click();
    await pinyin(page, 'fang', '芳');
    expect(await name.inputValue()).toBe('王芳');
    expect(await isFocused(name), 'the field keeps the focus').toBe(true);
    // the focused field is not under the keyboard
    const fieldBox = (await name.boundingBox())!;
    const dockBox = (await osk(page).boundingBox())!;
    expect(fieldBox.y + fieldBox.height).toBeLessThanOrEqual(dockBox.y);

    // Enter: the ID number next (resident ID: digits and X)
    await tap(page, 'enter');
    const idNumber = page.getByTestId('walkin-id-number');
    expect(await isFocused(idNumber)).toBe(true);
    expect(await osk(page).getAttribute('data-kind')).toBe('idNumber');
    await tap(page, ...ID_NUMBER, '5', 'backspace');
    expect(await idNumber.inputValue()).toBe(ID_NUMBER);

    // Enter: the phone, on the digit pad
    await tap(page, 'enter');
    const phone = page.getByTestId('walkin-phone');
    expect(await isFocused(phone)).toBe(true);
    expect(await osk(page).getAttribute('data-kind')).toBe('digits');
    await tap(page, ...'13812345678');
    expect(await phone.inputValue()).toBe('13812345678');

    // Enter: the unit; a hardware keyboard types into it with the on-screen keyboard open, then the keys go on
    await tap(page, 'enter');
    const company = page.getByTestId('walkin-company');
    expect(await isFocused(company)).toBe(true);
    await page.keyboard.type('Acme ');
    await osk(page).waitFor({ state: 'visible' });
    await pinyin(page, 'ke', '科');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('技');
    expect(await company.inputValue()).toBe('Acme 技');

    // in English the open keyboard's words change and it passes axe too
    await page.getByTestId('lang-switch').click();
    await company.click();
    expect(await osk(page).getByTestId('osk-done').textContent()).toBe('Done');
    expect(await osk(page).getByTestId('osk-mode').textContent()).toBe('Chinese (pinyin)');
    expect(seriousOrWorse(await axeViolationsInOrientations(page)), 'the open keyboard (en) passes axe').toEqual([]);
    await page.getByTestId('lang-switch').click();

    // the host by name in pinyin (李明); the keyboard's Enter searches
    const hostQuery = page.getByTestId('host-query');
    await hostQuery.click();
    await pinyin(page, 'li', '李');
    await pinyin(page, 'ming', '明');
    expect(await hostQuery.inputValue()).toBe('李明');
    await tap(page, 'enter');
    await page.locator('[data-testid="host-chosen"][data-host-id="host_demo_liming"]').waitFor({ state: 'visible' });

    // 完成 closes the keyboard; the toggle opens it again
    await osk(page).getByTestId('osk-done').click();
    expect(await osk(page).count()).toBe(0);
    await page.getByTestId('osk-toggle').click();
    await osk(page).waitFor({ state: 'visible' });
    await hostQuery.press('Escape');
    expect(await osk(page).count(), 'Escape closes').toBe(0);

    await page.getByTestId('walkin-visit-type').selectOption('商务洽谈');
    const reason = page.getByTestId('walkin-reason');
    await reason.click();
    await pinyin(page, 'qia', '洽');
    await pinyin(page, 'tan', '谈');
    expect(await reason.inputValue()).toBe('洽谈');
    await page.getByTestId('walkin-self-drive').check();

    // a new-energy plate: the province first (letters refused), then the letter, then 6 more, 8 in all
    const plate = page.getByTestId('walkin-plate');
    await plate.click();
    await osk(page).waitFor({ state: 'visible' });
    expect(await osk(page).getAttribute('data-kind')).toBe('plate');
    expect(await osk(page).locator('[data-key="粤"]').isEnabled()).toBe(true);
    await tap(page, '粤');
    expect(await osk(page).locator('[data-key="1"]').count(), 'the issuing letter next, no digits').toBe(0);
    await tap(page, 'B', 'D', '1', '2', '3', '4', '5');
    expect(await osk(page).locator('[data-key="6"]').isDisabled(), 'a ninth character is refused').toBe(true);
    expect(await plate.inputValue()).toBe('粤BD12345');
    await osk(page).getByTestId('osk-done').click();

    await page.getByTestId('walkin-submit').click();
    await page.getByTestId('pass-qr').waitFor({ state: 'visible' });

    const commands = queuedCommands(kiosk.core, 'registerWalkIn');
    expect(commands).toHaveLength(1);
    const payload = WalkInRegistration.parse(commands[0]!.command.payload);
    expect(payload.visitor).toMatchObject({ name: '王芳', idType: 'resident_id', idNumber: ID_NUMBER, phone: '13812345678', company: 'Acme 技' });
    expect(payload.hostId).toBe('host_demo_liming');
    expect(payload).toMatchObject({ reason: '洽谈', plate: '粤BD12345' });
    await page.close();
  });
});
