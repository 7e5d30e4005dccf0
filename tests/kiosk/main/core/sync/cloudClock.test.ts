/**
 * The cloud clock across restarts and backwards (src/main/core/sync/cloudClock.ts, kiosk migration 0017; issue 12):
 * the offset a pull measured is kept in the kiosk's database, so a kiosk restarted offline follows the cloud's time at
 * once (a clock told not to follow ignores it); a new offset is saved when it moves by a second or more; and a
 * correction that sets the clock back never stamps a sign-out before its check-in.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { kioskDbPath, openKioskDb } from '../../../../../src/main/core/db/openDb';
import { allCommands } from '../../../../../src/main/core/db/outboxStore';
import { readClockOffset, saveClockOffset } from '../../../../../src/main/core/db/syncStateStore';
import { createCloudClock } from '../../../../../src/main/core/sync/cloudClock';
import { locallyEnrolledCore, makeBooking, seedHostAndBookings, tempDir } from '../../../../support/kiosk/helpers';

const OWN = new Date('2026-11-22T02:00:00.000Z');
const AHEAD = 10 * 60_000; // the cloud is 10 minutes ahead of the kiosk

describe('the cloud clock', () => {
  const dirs: { cleanup(): void }[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));
  const dir = () => {
    const t = tempDir();
    dirs.push(t);
    return t.dir;
  };

  it('keeps the last offset in the database: after a restart with no pull, the cloud’s time at once', () => {
    const path = kioskDbPath(dir());
    let db = openKioskDb(path);
    const store = () => ({ load: () => readClockOffset(db), save: (ms: number) => saveClockOffset(db, ms) });
    const first = createCloudClock(() => OWN, true);
    first.keep(store());
    expect(first.now()).toEqual(OWN); // nothing measured, nothing kept: the kiosk's own clock
    first.probe()(new Date(OWN.getTime() + AHEAD).toISOString());
    expect(first.now()).toEqual(new Date(OWN.getTime() + AHEAD));
    first.probe()(new Date(OWN.getTime() + AHEAD + 300).toISOString()); // a few hundred ms of round trip: not written again
    expect(readClockOffset(db)).toBe(AHEAD);
    db.close();

    db = openKioskDb(path); // restarted, offline
    const again = createCloudClock(() => OWN, true);
    again.keep(store());
    expect(again.now()).toEqual(new Date(OWN.getTime() + AHEAD));
    const ignoring = createCloudClock(() => OWN, false); // a test's injected clock stays its own
    ignoring.keep(store());
    expect(ignoring.now()).toEqual(OWN);
    again.probe()(OWN.toISOString()); // the clocks agree again: kept as such
    expect(readClockOffset(db)).toBe(0);
    db.close();
  });

  it('a correction backwards never stamps a sign-out before its check-in', async () => {
    let clock = new Date(OWN.getTime() + AHEAD);
    const core = await locallyEnrolledCore(dir(), { now: () => clock });
    try {
      seedHostAndBookings(core.db, [makeBooking({ id: 'b_back', code: 'BACK2345' }, clock)], clock);
      const { visit, pass } = await core.checkIn.confirmCheckIn({ bookingId: 'b_back' });
      clock = OWN; // the cloud's clock set the kiosk back 10 minutes
      const out = await core.checkIn.checkOut({ passToken: pass.token });
      expect(out.checkedOutAt).toBe(visit.checkedInAt);
      const command = allCommands(core.db, 'kiosk_local').find((c) => c.command.kind === 'checkout');
      expect(command?.command.at).toBe(visit.checkedInAt);
    } finally {
      await core.close();
    }
  });
});
