/**
 * Fault drill (issue 12 item 3): the cloud killed (SIGKILL) again and again while a kiosk checks visitors in and out
 * and pushes and pulls: each kill lands wherever the cloud is (a push half applied, a pull half sent, a commit in
 * flight), the cloud is started again on the same SQLite file after a random pause, and the desk never stops. Then
 * the check every drill ends in: every check-in and sign-out the kiosk confirmed to a person is in the cloud exactly
 * once, and kiosk and cloud agree. The kill points are random; the seed is in the test's name
 * (PASSDESK_DRILL_SEED runs one again).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { openCloudDatabase } from '../../../../../src/cloud/db/database';
import { getBooking } from '../../../../../src/main/core/db/bookingsStore';
import { createKioskCore } from '../../../../../src/main/core/kioskCore';
import { setTimeout as sleep } from 'node:timers/promises';
import { drainAndExpectAgreement } from '../../../../support/drills/agreement';
import { approvedBookings, enrolmentCode } from '../../../../support/drills/bookings';
import { prepareCloudProcess } from '../../../../support/drills/cloudProcess';
import { drillRandom, drillSeed } from '../../../../support/drills/random';
import { tempDir } from '../../../../support/kiosk/helpers';

const BOOKINGS = 60;
const KILLS = 12;
const SEED = drillSeed();

describe('fault drill: the cloud killed (SIGKILL) during pushes and pulls', () => {
  const cloudDir = tempDir('passdesk-drill-cloud-');
  const kioskDir = tempDir('passdesk-drill-kiosk-');
  afterAll(() => {
    cloudDir.cleanup();
    kioskDir.cleanup();
  });

  it(`every confirmed check-in and sign-out reaches the cloud exactly once (${KILLS} cloud kills, seed ${SEED})`, async () => {
    const rand = drillRandom(SEED);
    const cloud = await prepareCloudProcess(cloudDir.dir);
    await cloud.start();
    const bookingIds = await approvedBookings(cloud, BOOKINGS);
    const signOut = new Set(bookingIds.filter((_, i) => i % 3 === 0));
    const core = await createKioskCore({
      dataDir: kioskDir.dir,
      cloudUrl: cloud.url,
      autoSync: true,
      syncTuning: { backoff: { baseMs: 50, capMs: 300 }, pullPageSize: 10 },
    });
    try {
      await core.enrol({ code: await enrolmentCode(cloud), name: 'Drill desk' });
      for (let i = 0; i < 50 && !bookingIds.every((id) => getBooking(core.db, id)); i++) await core.sync.now();

      // the killer: down for 0–400 ms, up for 100–900 ms, KILLS times, while the desk works
      let kills = 0;
      const killer = (async () => {
        while (kills < KILLS) {
          await sleep(100 + rand() * 800);
          await cloud.kill();
          kills++;
          await sleep(rand() * 400);
          await cloud.start();
        }
      })();

      const confirmedCheckIns = new Map<string, string>();
      const confirmedSignOuts = new Set<string>();
      let next = 0;
      while (next < bookingIds.length || kills < KILLS) {
        if (next < bookingIds.length) {
          const bookingId = bookingIds[next++]!;
          const { visit } = await core.checkIn.confirmCheckIn({ bookingId });
          confirmedCheckIns.set(bookingId, visit.id);
          if (signOut.has(bookingId)) {
            await core.checkIn.checkOut({ visitId: visit.id });
            confirmedSignOuts.add(bookingId);
          }
        }
        // a desk at a steady pace (the sync engine pushes each arrival soon after): the kills fall among the pushes
        await sleep(20 + rand() * 60);
      }
      await killer;
      expect(kills).toBe(KILLS);

      const cloudDb = await openCloudDatabase({ sqlitePath: cloud.sqlitePath });
      try {
        await drainAndExpectAgreement(core, cloudDb.kysely, { bookingIds, signOut, confirmedCheckIns, confirmedSignOuts });
      } finally {
        await cloudDb.close();
      }
    } finally {
      await core.close();
      await cloud.kill();
    }
  }, 600_000); // and up to five minutes waiting for the next site day (drillWindow)
});
