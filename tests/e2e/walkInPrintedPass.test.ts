/**
 * A walk-in's pass, printed (issue 9, "Tests and figures"): the real cloud (temp SQLite) with the demo data, the kiosk
 * core enrolled and synced, one real device manager driving the SAM_V card reader simulator and the ESC/POS printer
 * simulator (each on a socat pty), the browser shell and Debian Chromium. A visitor whose name has a middle dot and a
 * CJK Extension-A character puts her card on the reader; the desk registers her (desk approval: the pass at once) and
 * taps 打印通行证. The simulator decodes the job: the name printed masked exactly as the shared maskName gives it, the
 * GB18030 text decoded without a replacement character, the printed QR verifies at the cloud's /api/v1/passes/verify,
 * and the cloud's booking holds the full name unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimulatedReader } from '../../src/main/devices/idcard/simPty';
import type { PrinterOnPty } from '../../src/main/devices/printer/simulator';
import { queuedCommands } from '../support/kiosk/queuedCommands';
import { MINORITY_ID_NUMBER as ID_NUMBER, MINORITY_NAME as NAME, minorityNameCard } from '../support/devices/minorityNameCard';
import { maskName } from '../../src/shared/mask';
import { WalkInRegistration } from '../../src/shared/walkIn';
import { startKioskWithCardReaderAndPrinter, type KioskUnderTest } from '../support/kioskUnderTest';

const PHONE = '13812345678';

describe('a walk-in from a card read, printed on the ESC/POS printer', () => {
  let started: KioskUnderTest | undefined;
  let kiosk: KioskUnderTest;
  let reader: SimulatedReader;
  let printer: PrinterOnPty;

  beforeAll(async () => {
    ({ kiosk, reader, printer } = await startKioskWithCardReaderAndPrinter({ label: 'walkin-print', kioskName: 'E2E 登记打印' }));
    started = kiosk;
  });

  afterAll(async () => {
    await started?.close();
  });

  it('card → form → registered (desk) → 打印通行证: the masked name printed intact, the QR verifies in the cloud, the cloud keeps the full name', async () => {
    const page = await kiosk.browser.context.newPage();
    await kiosk.openHome(page);
    for (const device of ['idReader', 'printer']) {
      await expect
        .poll(() => page.locator(`[data-testid="device-chip"][data-device="${device}"]`).getAttribute('data-status'), { message: device })
        .toBe('ready');
    }
    reader.insertCard(minorityNameCard);
    await page.getByTestId('register-walkin-from-card').click();
    const cardName = page.getByTestId('walkin-card-name');
    await cardName.waitFor({ state: 'visible' });
    expect(await cardName.textContent(), 'the card read reaches the form intact').toBe(NAME);

    await page.getByTestId('walkin-phone').fill(PHONE);
    await page.getByTestId('walkin-company').fill('天山贸易');
    await page.getByTestId('host-query').fill('李明');
    await page.getByTestId('host-search').click();
    await page.locator('[data-testid="host-chosen"][data-host-id="host_demo_liming"]').waitFor({ state: 'visible' });
    await page.getByTestId('walkin-visit-type').selectOption('商务洽谈');
    await page.getByTestId('walkin-reason').fill('洽谈合作');
    await page.getByTestId('walkin-submit').click();

    // desk approval: the pass at once, and the ESC/POS printer behind the print button
    await page.getByTestId('pass-qr').waitFor({ state: 'visible' });
    expect(await page.getByTestId('pass-visitor').textContent()).toBe(maskName(NAME));
    const button = page.getByTestId('print-pass');
    await button.waitFor({ state: 'visible' });
    expect(await button.getAttribute('data-printer')).not.toBe('system');
    const before = printer.sim.jobs.length;
    const nextJob = printer.sim.nextJob();
    await button.click();
    await page.locator('[data-testid="print-result"][data-status="printed"]').waitFor({ state: 'visible' });
    const job = await nextJob;
    expect(printer.sim.jobs.length, 'one job printed').toBe(before + 1);

    // the decoded job: GB18030 text without a replacement character, the name masked exactly as the shared rule does
    expect(job.errors).toEqual([]);
    expect(job.unknownCommands).toBe(0);
    const text = job.lines.map((l) => l.text);
    expect(text).toEqual(expect.arrayContaining(['访客证', `访客: ${maskName(NAME)}`]));
    expect(maskName(NAME)).toBe('阿******提');
    for (const line of text) expect(line, 'decoded without replacement characters').not.toMatch(/[\uFFFD?]/u);
    const printed = JSON.stringify(job);
    expect(printed).not.toContain(ID_NUMBER);
    expect(printed).not.toContain(ID_NUMBER.slice(6, 14));
    expect(printed).not.toContain(PHONE);
    expect(job.cuts).toEqual(['partial']);
    expect(job.qr).toHaveLength(1);
    const token = job.qr[0]!.payload;

    // the registration the kiosk sends: the full name, untouched by the masking on screen and paper
    const commands = queuedCommands(kiosk.core, 'registerWalkIn');
    expect(commands).toHaveLength(1);
    const payload = WalkInRegistration.parse(commands[0]!.command.payload);
    expect(payload.visitor.name).toBe(NAME);
    const local = await kiosk.core.checkIn.verifyPassToken(token);
    expect(local.pid).toBe(payload.visitId);

    // the cloud applies it, the printed QR verifies there, and the booking holds the full name unchanged
    expect(await kiosk.core.sync.now()).toMatchObject({ online: true, pendingCommands: 0, conflicts: 0 });
    const verified = await kiosk.client.verifyPass(token);
    expect(verified.valid).toBe(true);
    expect(verified.payload.pid).toBe(payload.visitId);
    const booking = await kiosk.client.booking(payload.bookingId);
    expect(booking).toMatchObject({ source: 'walk_in', status: 'arrived', arrivedVisitId: payload.visitId });
    expect(booking.visitor.name).toBe(NAME);
    expect([...booking.visitor.name]).toHaveLength(8);
    await page.close();
  });
});
