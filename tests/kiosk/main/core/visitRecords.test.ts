/**
 * Multi-day visits after their first day at the kiosk (issue 9 item 7; src/main/core/visitRecords.ts), offline on real
 * SQLite with a fake clock: day 2 is among today's visits (the desk's list and the walk-in form's) with where the
 * visitor stands today; each entry and exit is recorded once, a repeated confirmation of the same re-entry records no
 * second one, and the visit lists them; staff ending the visit make one command; after the window an arrived visit
 * with no exit becomes left, flagged exitUnrecorded (未登记离开), and stops showing as on site (today's list shows it so
 * before the sweep has run: the list only reads).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { KioskCore } from '../../../../src/main/core/kioskCore';
import { allCommands } from '../../../../src/main/core/db/outboxStore';
import { getBooking } from '../../../../src/main/core/db/bookingsStore';
import { sweepEndedVisits } from '../../../../src/main/core/visitRecords';
import { HOUR, MULTI_DAY_1, multiDayCore, tempDir } from '../../../support/kiosk/helpers';

const DAY1 = MULTI_DAY_1; // 10:00 in Asia/Shanghai
const DAY = 24 * HOUR;
const DAY2_0900 = new Date(DAY1.getTime() + DAY - HOUR);

describe('multi-day visits after their first day, at the kiosk', () => {
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

  const entries = () => allCommands(core.db, 'kiosk_local').filter((c) => c.command.kind === 'passage' && c.command.payload.direction === 'entry').length;
  const todayOf = (visitId: string) => core.checkIn.visitsToday().find((v) => v.id === visitId);

  it('a repeated confirmation of a day-2 entry (same confirmation id) records one entry; a new confirmation one more', async () => {
    await core.checkIn.confirmCheckIn({ bookingId: 'b_multi' });
    clock = DAY2_0900;
    const confirmation = randomUUID();
    await core.checkIn.confirmCheckIn({ bookingId: 'b_multi', visitId: confirmation });
    await core.checkIn.confirmCheckIn({ bookingId: 'b_multi', visitId: confirmation });
    await core.checkIn.confirmCheckIn({ bookingId: 'b_multi', visitId: confirmation.toUpperCase() });
    expect(entries()).toBe(1);
    clock = new Date(DAY2_0900.getTime() + HOUR);
    await core.checkIn.confirmCheckIn({ bookingId: 'b_multi', visitId: randomUUID() });
    expect(entries()).toBe(2);
  });

  it('day 2 shows in today’s visits (desk and walk-in form): none before the entry, in after it, out after the exit; the visit lists each passage once', async () => {
    const { visit, pass } = await core.checkIn.confirmCheckIn({ bookingId: 'b_multi' });
    expect(todayOf(visit.id)).toMatchObject({ multiDay: true, todayState: 'in' });
    clock = new Date(DAY1.getTime() + 8 * HOUR);
    expect(await core.checkIn.checkOut({ visitId: visit.id })).toMatchObject({ todayState: 'out' });

    clock = DAY2_0900;
    expect(todayOf(visit.id)).toMatchObject({ multiDay: true, todayState: 'none' });
    expect(core.walkIn.lookup.today().find((v) => v.bookingId === 'b_multi')).toMatchObject({ multiDay: true, todayState: 'none' });
    await core.checkIn.confirmCheckIn({ bookingId: 'b_multi', visitId: randomUUID() });
    expect(todayOf(visit.id)?.todayState).toBe('in');
    expect(core.walkIn.lookup.today().find((v) => v.bookingId === 'b_multi')?.todayState).toBe('in');
    clock = new Date(DAY2_0900.getTime() + 2 * HOUR);
    expect(await core.gate.scan(pass.token, 'exit')).toMatchObject({ passed: true });
    const day2 = todayOf(visit.id);
    expect(day2?.todayState).toBe('out');
    expect(day2?.checkedOutAt).toBeUndefined();
    expect(day2?.passages?.map((p) => [p.direction, p.at])).toEqual([
      ['entry', DAY1.toISOString()],
      ['exit', new Date(DAY1.getTime() + 8 * HOUR).toISOString()],
      ['entry', DAY2_0900.toISOString()],
      ['exit', clock.toISOString()],
    ]);
    expect(new Set(day2?.passages?.map((p) => p.id)).size).toBe(4);
    // a one-day visit of day 1 is not day 2's
    expect(core.checkIn.visitsToday().map((v) => v.bookingId)).toEqual(['b_multi']);
  });

  it('staff end the visit on day 2: one checkout command however often it is asked, left, gone from day 3’s list', async () => {
    const { visit } = await core.checkIn.confirmCheckIn({ bookingId: 'b_multi' });
    clock = DAY2_0900;
    const ended = await core.checkIn.checkOut({ visitId: visit.id, endVisit: true });
    expect(ended).toMatchObject({ checkedOutAt: DAY2_0900.toISOString(), todayState: 'out' });
    expect(ended.exitUnrecorded).toBeUndefined();
    await core.checkIn.checkOut({ visitId: visit.id, endVisit: true });
    const ends = allCommands(core.db, 'kiosk_local').filter((c) => c.command.kind === 'checkout');
    expect(ends).toHaveLength(1);
    expect(ends[0]?.command.payload).toMatchObject({ visitId: visit.id, endVisit: true });
    expect(getBooking(core.db, 'b_multi')?.status).toBe('left');
    expect(todayOf(visit.id)).toBeDefined();
    clock = new Date(DAY2_0900.getTime() + DAY);
    expect(todayOf(visit.id)).toBeUndefined();
  });

  it('after the window an arrived visit with no exit becomes left, flagged exitUnrecorded, no longer on site; no command is made', async () => {
    const { visit } = await core.checkIn.confirmCheckIn({ bookingId: 'b_multi' });
    const one = await core.checkIn.confirmCheckIn({ bookingId: 'b_one' });
    const commandsBefore = allCommands(core.db, 'kiosk_local').length;
    clock = new Date('2026-11-24T09:00:00.000Z'); // day 3, 17:00: inside the window
    expect(sweepEndedVisits(core.db, clock)).toEqual({ bookings: 1, visits: 1 }); // the one-day visit of day 1
    expect(todayOf(visit.id)).toMatchObject({ todayState: 'none' });
    expect(todayOf(visit.id)?.checkedOutAt).toBeUndefined();

    clock = new Date('2026-11-24T10:00:00.000Z'); // the window's end
    const last = todayOf(visit.id);
    expect(last).toMatchObject({ checkedOutAt: '2026-11-24T10:00:00.000Z', exitUnrecorded: true, todayState: 'out' });
    // the list only reads (issue 12): it shows the window's end as the sweep will record it; the sweep (at start, after
    // a sync, on a timer) then records just that
    expect(getBooking(core.db, 'b_multi')?.status).toBe('arrived');
    expect(sweepEndedVisits(core.db, clock)).toEqual({ bookings: 1, visits: 1 });
    expect(todayOf(visit.id)).toEqual(last);
    expect(getBooking(core.db, 'b_multi')).toMatchObject({ status: 'left', leftAt: '2026-11-24T10:00:00.000Z', exitUnrecorded: true });
    expect(getBooking(core.db, 'b_one')).toMatchObject({ status: 'left', exitUnrecorded: true });
    expect(core.walkIn.lookup.today().find((v) => v.bookingId === 'b_multi')).toMatchObject({ todayState: 'out' });
    expect(sweepEndedVisits(core.db, clock)).toEqual({ bookings: 0, visits: 0 });
    expect(allCommands(core.db, 'kiosk_local')).toHaveLength(commandsBefore);
    expect(one.visit.id).not.toBe(visit.id);
  });

  it('today’s list is kept while nothing changes, and shows at once a row written past the core, a window’s end, a clock moved back', async () => {
    const { visit } = await core.checkIn.confirmCheckIn({ bookingId: 'b_one' });
    const first = core.checkIn.visitsToday();
    expect(core.checkIn.visitsToday()).toEqual(first);
    core.db.prepare('UPDATE visits SET host_name = ? WHERE id = ?').run('王五', visit.id); // not through the core
    expect(todayOf(visit.id)?.hostName).toBe('王五');
    const end = getBooking(core.db, 'b_one')?.windowEnd ?? '';
    clock = new Date(Date.parse(end) - 1);
    expect(todayOf(visit.id)?.checkedOutAt).toBeUndefined();
    clock = new Date(end); // the window has ended: shown as the sweep will leave it, nothing written
    expect(todayOf(visit.id)).toMatchObject({ checkedOutAt: new Date(end).toISOString(), exitUnrecorded: true, todayState: 'out' });
    clock = new Date(Date.parse(end) - 60_000); // the cloud's clock set the kiosk back
    expect(todayOf(visit.id)?.checkedOutAt).toBeUndefined();
    clock = new Date(DAY1.getTime() + DAY); // the next day: b_one's visit is no longer today's
    expect(todayOf(visit.id)).toBeUndefined();
  });

  it('the walk-in form’s today list only reads too: a window ended since the last sweep shows as the sweep will leave it', async () => {
    await core.checkIn.confirmCheckIn({ bookingId: 'b_multi' });
    clock = new Date('2026-11-24T10:00:00.000Z'); // the window's end, the sweep not run since
    const shown = core.walkIn.lookup.today().find((v) => v.bookingId === 'b_multi');
    expect(shown).toMatchObject({ multiDay: true, todayState: 'out' });
    expect(getBooking(core.db, 'b_multi')?.status).toBe('arrived'); // nothing written by the read
    expect(sweepEndedVisits(core.db, clock)).toEqual({ bookings: 1, visits: 1 });
    expect(core.walkIn.lookup.today().find((v) => v.bookingId === 'b_multi')).toEqual(shown);
  });
});
