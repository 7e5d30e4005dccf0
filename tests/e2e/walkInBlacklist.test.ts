/**
 * A walk-in with a blacklisted companion, end to end (issue 9 item 4): the real cloud (temp SQLite) with the demo data,
 * the kiosk core enrolled and synced, the SAM_V simulator on a socat pty as the ID card reader, the browser shell and
 * Debian Chromium. The lead's card and then a companion's card from the reader; the companion's ID is on the cloud's
 * blacklist (pulled by the kiosk):
 * - at `warn`: submitting shows the staff a discreet note (who, masked; the level; the reason) and no pass; after the
 *   staff acknowledge it, the lead's and the companion's passes appear and the cloud applies the registration with
 *   the warning as its note;
 * - at `refuse`: the visitor-facing words are only 请联系前台, no pass, nothing registered.
 * No text on the screen says 黑名单 / blacklist.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { SimulatedReader } from '../../src/main/devices/idcard/simPty';
import { queuedCommands } from '../support/kiosk/queuedCommands';
import { WalkInRegistration } from '../../src/shared/walkIn';
import { startKioskWithCardReader, type KioskUnderTest } from '../support/kioskUnderTest';

const LEAD = { name: '王建国', sex: '1', birthDate: '19920315', idNumber: '650102199203150042' };
const COMPANION = { name: '赵六', sex: '1', birthDate: '19900307', idNumber: '440306199003071232' };
const FORBIDDEN = /黑名单|black\s*-?list/i;

describe('walk-in with a blacklisted companion, end to end', () => {
  let started: KioskUnderTest | undefined;
  let kiosk: KioskUnderTest;
  let reader: SimulatedReader;

  beforeAll(async () => {
    ({ kiosk, reader } = await startKioskWithCardReader({ label: 'walkin-blacklist', kioskName: 'E2E 访客登记 名单' }));
    started = kiosk;
  });

  afterAll(async () => {
    await started?.close();
  });

  const blacklist = async (level: 'warn' | 'refuse', reason: string): Promise<string> => {
    const r = await kiosk.client.request(
      'POST',
      '/admin/blacklist',
      { siteId: 'site_demo', idNumber: COMPANION.idNumber, reason, level },
      kiosk.client.adminToken,
    );
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    await kiosk.core.sync.now();
    return (r.body as { id: string }).id;
  };

  const card = (person: typeof LEAD) => ({
    type: 'resident' as const,
    name: person.name,
    sex: person.sex,
    nation: '01',
    birthDate: person.birthDate,
    idNumber: person.idNumber,
    validFrom: '20150610',
    validUntil: '20350610',
  });

  /** From home: the walk-in form with the lead's card, a phone, the host, a reason and the companion's card. */
  async function fillWithCompanionCard(page: Page): Promise<void> {
    await page.getByTestId('start-walkin').click();
    await page.getByTestId('walkin-screen').waitFor();
    reader.removeCard();
    reader.insertCard(card(LEAD));
    await page.getByTestId('walkin-card-name').waitFor({ state: 'visible' });
    expect(await page.getByTestId('walkin-card-name').textContent()).toBe(LEAD.name);
    await page.getByTestId('walkin-phone').fill('13812340000');
    await page.getByTestId('host-query').fill('李明');
    await page.getByTestId('host-search').click();
    await page.locator('[data-testid="host-chosen"][data-host-id="host_demo_liming"]').waitFor({ state: 'visible' });
    await page.getByTestId('walkin-reason').fill('设备维护');
    // the companion's card: the next card read is theirs
    await page.getByTestId('add-companion-card').click();
    reader.removeCard();
    reader.insertCard(card(COMPANION));
    await page.locator('[data-testid="companion"][data-kind="card"]').waitFor({ state: 'visible' });
  }

  const visibleText = async (page: Page): Promise<string> => page.locator('body').innerText();
  const registrations = () => queuedCommands(kiosk.core, 'registerWalkIn');

  it('warn: the staff see the note, acknowledge it, and the passes appear; the cloud applies it', async () => {
    const entryId = await blacklist('warn', '需前台陪同');
    const page = await kiosk.browser.context.newPage();
    await kiosk.openHome(page);
    await expect.poll(() => page.locator('[data-testid="device-chip"][data-device="idReader"]').getAttribute('data-status')).toBe('ready');
    await fillWithCompanionCard(page);

    await page.getByTestId('walkin-submit').click();
    const note = page.getByTestId('staff-note');
    await note.waitFor({ state: 'visible' });
    const item = note.getByTestId('staff-note-item');
    expect(await item.getAttribute('data-level')).toBe('warn');
    const noteText = await note.innerText();
    expect(noteText).toContain('需前台陪同');
    expect(noteText).toContain('提醒');
    expect(noteText).toContain('赵*');
    expect(noteText).not.toContain(COMPANION.idNumber);
    expect(await visibleText(page)).not.toMatch(FORBIDDEN);
    expect(await page.getByTestId('pass-qr').count()).toBe(0);
    expect(registrations()).toHaveLength(0);

    await page.getByTestId('staff-note-acknowledge').click();
    await page.locator('.pass__qr [data-testid="pass-qr"]').waitFor({ state: 'visible' });
    await page.getByTestId('companion-pass').getByTestId('pass-qr').waitFor({ state: 'visible' });
    expect(await visibleText(page)).not.toMatch(FORBIDDEN);

    const [command] = registrations();
    const payload = WalkInRegistration.parse(command!.command.payload);
    expect(payload.companions.map((c) => c.person.idNumber)).toEqual([COMPANION.idNumber]);
    expect(await kiosk.core.sync.now()).toMatchObject({ online: true, pendingCommands: 0, conflicts: 0 });
    expect(await kiosk.client.booking(payload.companions[0]!.bookingId)).toMatchObject({ status: 'arrived', mainBookingId: payload.bookingId });

    await page.getByTestId('pass-done').click();
    await page.getByTestId('home').waitFor();
    const off = await kiosk.client.request('POST', `/admin/blacklist/${entryId}/deactivate`, undefined, kiosk.client.adminToken);
    expect(off.status).toBe(200);
    await page.close();
  });

  it('refuse: the visitor screen says only 请联系前台; no pass, nothing registered', async () => {
    await blacklist('refuse', '曾冒用他人证件');
    const before = registrations().length;
    const page = await kiosk.browser.context.newPage();
    await kiosk.openHome(page);
    await fillWithCompanionCard(page);

    await page.getByTestId('walkin-submit').click();
    const banner = page.getByTestId('error-message');
    await banner.waitFor({ state: 'visible' });
    expect(await banner.getAttribute('data-code')).toBe('walkin_refused');
    expect((await banner.locator('.banner__text').innerText()).trim()).toBe('请联系前台');
    // the staff-only note says why, without the word
    expect(await page.getByTestId('staff-note-item').getAttribute('data-level')).toBe('refuse');
    expect(await page.getByTestId('staff-note-acknowledge').count()).toBe(0);
    expect(await visibleText(page)).not.toMatch(FORBIDDEN);
    expect(await page.getByTestId('walkin-submit').isDisabled()).toBe(true);
    expect(await page.getByTestId('pass-qr').count()).toBe(0);
    expect(registrations()).toHaveLength(before);
    await page.close();
  });
});
