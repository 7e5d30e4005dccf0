/**
 * Multi-day visits at the kiosk (issue 9 item 7; the rule in src/shared/visitDays.ts), offline on real SQLite with a
 * fake clock: a booking whose window spans three site days is checked in on day 1, signed out that evening without
 * ending the visit, and on day 2 the same pass lets its holder in again (at the desk and at the gate), with no
 * already_arrived; staff end the visit; a one-day visit keeps the one-visit rule.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KioskCore } from '../../../../src/main/core/kioskCore';
import { allCommands } from '../../../../src/main/core/db/outboxStore';
import { getBooking } from '../../../../src/main/core/db/bookingsStore';
import { HOUR, MULTI_DAY_1, multiDayCore, tempDir } from '../../../support/kiosk/helpers';

const DAY1 = MULTI_DAY_1; // 10:00 in Asia/Shanghai
const DAY = 24 * HOUR;

describe('multi-day visits at the kiosk', () => {
  let t: ReturnType<typeof tempDir>;
  let core: KioskCore;
  let clock: Date;

  beforeEach(async () => {
    t = tempDir();
    clock = DAY1;
    core = await multiDayCore(t.dir, () => clock);
  });
  afterEach(async () => {
    await core.close();
    t.cleanup();
  });

  const kinds = () =>
    allCommands(core.db, 'kiosk_local').map((c) => [c.command.kind, 'direction' in c.command.payload ? c.command.payload.direction : undefined]);

  it('day 1 in and out, day 2 in again with the same pass (desk and gate): entries and exits recorded, no already_arrived', async () => {
    const first = await core.checkIn.confirmCheckIn({ bookingId: 'b_multi' });
    clock = new Date(DAY1.getTime() + 8 * HOUR); // 18:00
    const out = await core.checkIn.checkOut({ passToken: first.pass.token });
    expect(out.checkedOutAt).toBeUndefined();
    expect(getBooking(core.db, 'b_multi')?.status).toBe('arrived');

    clock = new Date(DAY1.getTime() + DAY - HOUR); // day 2, 09:00
    const [view] = await core.checkIn.findBookings(first.pass.token);
    expect(view).toMatchObject({ id: 'b_multi', status: 'arrived', checkIn: { allowed: true } });
    const again = await core.checkIn.confirmCheckIn({ bookingId: 'b_multi' });
    expect(again.visit.id).toBe(first.visit.id);
    expect(again.pass.token).toBe(first.pass.token);
    expect(await core.gate.scan(first.pass.token, 'entry')).toMatchObject({ passed: true, name: '张*' });
    expect(await core.gate.scan(first.pass.token, 'exit')).toMatchObject({ passed: true });
    expect(getBooking(core.db, 'b_multi')?.status).toBe('arrived');
    expect(kinds()).toEqual([
      ['checkin', undefined],
      ['checkout', undefined],
      ['passage', 'entry'],
      ['passage', 'entry'],
      ['passage', 'exit'],
    ]);
  });

  it('staff end the visit: left, its pass no longer lets anyone in, a check-in is already_arrived', async () => {
    const { visit, pass } = await core.checkIn.confirmCheckIn({ bookingId: 'b_multi' });
    clock = new Date(DAY1.getTime() + DAY);
    const ended = await core.checkIn.checkOut({ visitId: visit.id, endVisit: true });
    expect(ended.checkedOutAt).toBe(clock.toISOString());
    expect(getBooking(core.db, 'b_multi')?.status).toBe('left');
    await expect(core.checkIn.confirmCheckIn({ bookingId: 'b_multi' })).rejects.toMatchObject({ code: 'already_arrived' });
    expect(await core.gate.scan(pass.token, 'entry')).toMatchObject({ passed: false, reason: 'visitor_left' });
    const sent = allCommands(core.db, 'kiosk_local').map((c) => c.command);
    expect(sent.at(-1)).toMatchObject({ kind: 'checkout', payload: { visitId: visit.id, endVisit: true } });
  });

  it('after the window: no entry (already_arrived at the desk, pass_expired at the gate)', async () => {
    const { pass } = await core.checkIn.confirmCheckIn({ bookingId: 'b_multi' });
    clock = new Date('2026-11-24T11:00:00.000Z');
    await expect(core.checkIn.confirmCheckIn({ bookingId: 'b_multi' })).rejects.toMatchObject({ code: 'already_arrived' });
    expect(await core.gate.scan(pass.token, 'entry')).toMatchObject({ passed: false, reason: 'pass_expired' });
    // an exit after the window ends the visit
    await core.checkIn.checkOut({ passToken: pass.token });
    expect(getBooking(core.db, 'b_multi')?.status).toBe('left');
  });

  it('a one-day visit keeps the one-visit rule: the sign-out ends it, a second check-in is already_arrived', async () => {
    const { pass } = await core.checkIn.confirmCheckIn({ bookingId: 'b_one' });
    await core.checkIn.checkOut({ passToken: pass.token });
    expect(getBooking(core.db, 'b_one')?.status).toBe('left');
    await expect(core.checkIn.confirmCheckIn({ bookingId: 'b_one' })).rejects.toMatchObject({ code: 'already_arrived' });
  });
});
