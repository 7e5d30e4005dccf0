/**
 * Today's visits kept between calls (src/main/core/todayVisits.ts): after each kind of write the desk makes — a
 * check-in, a sign-out, a gate passage, a booking changed by a pull, a write that touches no visit, a retention
 * delete, a new day — the list the core answers is the list a fresh connection reads in full (real SQLite, fake
 * clock). A second connection to the same file has no kept list: what it answers is the whole day read again.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KioskCore } from '../../../../src/main/core/kioskCore';
import { getBooking, upsertBooking } from '../../../../src/main/core/db/bookingsStore';
import { kioskDbPath, openKioskDb, type KioskDb } from '../../../../src/main/core/db/openDb';
import { visitsOfToday } from '../../../../src/main/core/todayVisits';
import { HOUR, MULTI_DAY_1, makeBooking, multiDayCore, tempDir } from '../../../support/kiosk/helpers';

const ZONE = 'Asia/Shanghai';

describe('today’s visits kept between calls', () => {
  let t: ReturnType<typeof tempDir>;
  let core: KioskCore;
  let clock: Date;

  beforeEach(async () => {
    t = tempDir();
    clock = MULTI_DAY_1;
    core = await multiDayCore(t.dir, () => clock);
    for (const n of [1, 2, 3]) upsertBooking(core.db, makeBooking({ id: `b_extra${n}`, code: `XTRA${n}345` }, MULTI_DAY_1));
  });
  afterEach(async () => {
    await core.close();
    t.cleanup();
  });

  /** what the core answers (kept, brought up to date), next to a full read on a connection with nothing kept */
  const expectSameAsFullRead = () => {
    const kept = core.checkIn.visitsToday();
    const other: KioskDb = openKioskDb(kioskDbPath(t.dir));
    const full = visitsOfToday(other, clock, ZONE);
    other.close();
    expect(kept).toEqual(full);
    return kept;
  };

  it('after a check-in, a sign-out, a gate passage, a pulled booking change and an unrelated write', async () => {
    expect(expectSameAsFullRead()).toEqual([]);
    const one = await core.checkIn.confirmCheckIn({ bookingId: 'b_one' });
    expect(expectSameAsFullRead().map((v) => v.bookingId)).toEqual(['b_one']);
    clock = new Date(MULTI_DAY_1.getTime() + 60_000);
    const multi = await core.checkIn.confirmCheckIn({ bookingId: 'b_multi' });
    clock = new Date(MULTI_DAY_1.getTime() + 120_000); // by check-in time (the same time would order by random visit id)
    await core.checkIn.confirmCheckIn({ bookingId: 'b_extra1' });
    expect(expectSameAsFullRead().map((v) => v.bookingId)).toEqual(['b_one', 'b_multi', 'b_extra1']);

    clock = new Date(MULTI_DAY_1.getTime() + HOUR);
    await core.checkIn.checkOut({ visitId: one.visit.id });
    expect(expectSameAsFullRead().find((v) => v.id === one.visit.id)?.todayState).toBe('out');
    expect(await core.gate.scan(multi.pass.token, 'exit')).toMatchObject({ passed: true });
    expect(expectSameAsFullRead().find((v) => v.id === multi.visit.id)?.todayState).toBe('out');

    // a pull changes a visited booking (its window ends sooner): its visit's record follows
    const extra = getBooking(core.db, 'b_extra1')!;
    upsertBooking(core.db, { ...extra, windowEnd: new Date(MULTI_DAY_1.getTime() + 2 * HOUR).toISOString(), updatedAt: clock.toISOString() });
    expectSameAsFullRead();
    // a write that touches no visit: the kept list as it was
    core.db.prepare('UPDATE sync_state SET id = id').run();
    const before = core.checkIn.visitsToday();
    expect(expectSameAsFullRead()).toEqual(before);
  });

  it('after a delete, after a window ends and on the next day: read in full, the same', async () => {
    await core.checkIn.confirmCheckIn({ bookingId: 'b_one' });
    await core.checkIn.confirmCheckIn({ bookingId: 'b_multi' });
    const two = await core.checkIn.confirmCheckIn({ bookingId: 'b_extra2' });
    expectSameAsFullRead();
    core.db.prepare('DELETE FROM visits WHERE id = ?').run(two.visit.id);
    expect(
      expectSameAsFullRead()
        .map((v) => v.bookingId)
        .sort(),
    ).toEqual(['b_multi', 'b_one']);
    // b_one's window ends: shown as the sweep will leave it, without a sweep
    clock = new Date(getBooking(core.db, 'b_one')!.windowEnd);
    expectSameAsFullRead();
    clock = new Date(MULTI_DAY_1.getTime() + 24 * HOUR);
    expect(expectSameAsFullRead().map((v) => v.bookingId)).toEqual(['b_multi']);
  });
});
