/**
 * Fault drill (issue 12 item 3): a TCP fault proxy between the kiosk and its cloud drops, delays, truncates and
 * resets 40 % of what the kiosk sends (most connections meet a fault) while the desk checks visitors in and out and the sync engine pushes and pulls. Then
 * the network heals and the drill ends in the check every drill ends in: every check-in and sign-out the kiosk
 * confirmed to a person is in the cloud exactly once, and kiosk and cloud agree. The faults are random; the seed is
 * in the test's name (PASSDESK_DRILL_SEED runs one again).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createKioskCore } from '../../../../../src/main/core/kioskCore';
import { getBooking } from '../../../../../src/main/core/db/bookingsStore';
import { drainAndExpectAgreement } from '../../../../support/drills/agreement';
import { approvedBookings } from '../../../../support/drills/bookings';
import { FAULTS, startFaultProxy } from '../../../../support/drills/faultProxy';
import { drillRandom, drillSeed } from '../../../../support/drills/random';
import { useCloudKiosks } from '../../../../support/kiosk/cloudKiosks';
import { tempDir } from '../../../../support/kiosk/helpers';

const BOOKINGS = 60;
const FAULT_RATE = 0.4;
const SEED = drillSeed();

describe('fault drill: a network that drops, delays, truncates and resets connections', () => {
  const kiosks = useCloudKiosks('Faulty network desk');
  const data = tempDir('passdesk-drill-net-');
  afterAll(() => data.cleanup());

  it(`every confirmed check-in and sign-out reaches the cloud exactly once (${FAULT_RATE * 100} % of what the kiosk sends faulted, seed ${SEED})`, async () => {
    const cloud = kiosks.cloud;
    const bookingIds = await approvedBookings(cloud, BOOKINGS);
    const signOut = new Set(bookingIds.filter((_, i) => i % 3 === 0));
    // enrolled on a healthy network (a one-time code), then working through the proxy
    const enrolling = await createKioskCore({ dataDir: data.dir, cloudUrl: cloud.url, autoSync: false });
    await enrolling.enrol({ code: await cloud.enrolmentCode(), name: 'Faulty network desk' });
    await enrolling.close();
    const proxy = await startFaultProxy(cloud.url, { faultRate: FAULT_RATE, random: drillRandom(SEED) });
    const core = await createKioskCore({
      dataDir: data.dir,
      cloudUrl: proxy.url,
      autoSync: true,
      syncTuning: { backoff: { baseMs: 50, capMs: 300 }, pullPageSize: 10 },
    });
    try {
      // the bookings arrive through the faulty network (pages of 10: many requests, each may fail)
      for (let i = 0; i < 200 && !bookingIds.every((id) => getBooking(core.db, id)); i++) await core.sync.now();
      expect(bookingIds.filter((id) => !getBooking(core.db, id))).toEqual([]);

      const confirmedCheckIns = new Map<string, string>();
      const confirmedSignOuts = new Set<string>();
      for (const bookingId of bookingIds) {
        const { visit } = await core.checkIn.confirmCheckIn({ bookingId });
        confirmedCheckIns.set(bookingId, visit.id);
        if (signOut.has(bookingId)) {
          await core.checkIn.checkOut({ visitId: visit.id });
          confirmedSignOuts.add(bookingId);
        }
        // the sync engine runs beside the desk; now and then staff press 同步 as well
        if (confirmedCheckIns.size % 7 === 0) await core.sync.now();
      }
      const { clean, faulted } = proxy.connections;
      expect(faulted / (clean + faulted), `faulted ${faulted} of ${clean + faulted} connections`).toBeGreaterThanOrEqual(0.3);
      for (const f of FAULTS) expect(proxy.faults[f], `${f} faults`).toBeGreaterThan(0);

      proxy.faultRate = 0; // the network heals
      await drainAndExpectAgreement(core, cloud.server.db.kysely, { bookingIds, signOut, confirmedCheckIns, confirmedSignOuts });
    } finally {
      await core.close();
      await proxy.close();
    }
  }, 600_000); // and up to five minutes waiting for the next site day (drillWindow)
});
