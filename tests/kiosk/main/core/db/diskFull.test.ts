/**
 * Fault drill (issue 12 item 3): the kiosk's disk fills up during check-ins. A real SQLITE_FULL, provoked by
 * capping the kiosk database's size (`PRAGMA max_page_count` at its current size) while visitors keep arriving: the
 * check-in that does not fit reaches the person as the IPC error storage_full (words in zh-CN and English), and
 * nothing of it is written (no visit, the booking as it was, the outbox unchanged); the check-ins before it are
 * intact. Once space is freed the visitor is checked in on the next try, and the drill ends in the check every
 * drill ends in: every confirmed check-in and sign-out is in the cloud exactly once, and kiosk and cloud agree.
 */
import { describe, expect, it } from 'vitest';
import { getBooking } from '../../../../../src/main/core/db/bookingsStore';
import { dispatchIpcCall } from '../../../../../src/main/core/ipcHandlers';
import { errorMessage } from '../../../../../src/renderer/i18n/errorMessages';
import { drainAndExpectAgreement } from '../../../../support/drills/agreement';
import { approvedBookings } from '../../../../support/drills/bookings';
import { useCloudKiosks } from '../../../../support/kiosk/cloudKiosks';

const BOOKINGS = 24;

describe('fault drill: a full disk on the kiosk (SQLITE_FULL)', () => {
  const kiosks = useCloudKiosks('Full disk desk');

  it('the check-in that does not fit is refused whole with storage_full in words; after space is freed it goes through once', async () => {
    const bookingIds = await approvedBookings(kiosks.cloud, BOOKINGS);
    const core = await kiosks.enrolledCore();
    await core.sync.now();
    expect(bookingIds.filter((id) => !getBooking(core.db, id))).toEqual([]);
    const confirmedCheckIns = new Map<string, string>();
    const confirmedSignOuts = new Set<string>();
    const signOut = new Set(bookingIds.filter((_, i) => i % 4 === 0));

    // the disk fills up: the database may grow by two pages more and no further
    const pages = core.db.pragma('page_count', { simple: true }) as number;
    core.db.pragma(`max_page_count = ${pages + 2}`);
    let refused: { bookingId: string; code: string; message: string } | undefined;
    for (const bookingId of bookingIds) {
      const visitsBefore = core.db.prepare('SELECT count(*) AS n FROM visits').get() as { n: number };
      const outboxBefore = core.db.prepare('SELECT id, state FROM outbox ORDER BY id').all();
      const bookingBefore = getBooking(core.db, bookingId);
      const result = await dispatchIpcCall(core, 'checkin.confirm', { bookingId });
      if (result.ok) {
        const { visit } = result.output as { visit: { id: string } };
        confirmedCheckIns.set(bookingId, visit.id);
        continue;
      }
      refused = { bookingId, ...result.error };
      // nothing half-written: no visit, the booking as it was, not one outbox row more or changed
      expect(core.db.prepare('SELECT count(*) AS n FROM visits').get()).toEqual(visitsBefore);
      expect(core.db.prepare('SELECT count(*) AS n FROM visits WHERE booking_id = ?').get(bookingId)).toEqual({ n: 0 });
      // (the sync engine runs beside the desk: a command pending before may have been sent meanwhile, nothing else)
      const sentMeanwhile = (rows: unknown[]) =>
        (rows as { id: string; state: string }[]).map((r) => ({ id: r.id, state: r.state === 'sent' || r.state === 'pending' ? 'pending or sent' : r.state }));
      expect(sentMeanwhile(core.db.prepare('SELECT id, state FROM outbox ORDER BY id').all())).toEqual(sentMeanwhile(outboxBefore));
      expect(getBooking(core.db, bookingId)).toEqual(bookingBefore);
      expect(core.db.inTransaction, 'no transaction left open').toBe(false);
      break;
    }
    expect(refused, 'the disk filled up before every visitor was in').toBeDefined();
    expect(refused).toMatchObject({ code: 'storage_full' });
    expect(refused!.message).toMatch(/storage is full: nothing was recorded/);
    // the renderer's words for it, in both languages
    expect(errorMessage('zh-CN', refused!.code)).toContain('存储空间已满');
    expect(errorMessage('en', refused!.code)).toContain('storage is full');
    expect(confirmedCheckIns.size, 'some check-ins fit before the disk was full').toBeGreaterThan(0);
    // the check-ins before it are intact, each with its command for the cloud
    expect(core.db.prepare(`SELECT count(*) AS n FROM outbox WHERE kind = 'checkin'`).get()).toEqual({ n: confirmedCheckIns.size });
    expect(core.db.prepare('SELECT booking_id AS b FROM visits ORDER BY b').all()).toEqual([...confirmedCheckIns.keys()].sort().map((b) => ({ b })));

    // sign-outs while the disk is full are refused the same way, and change nothing
    const [firstIn, firstVisit] = [...confirmedCheckIns][0]!;
    const signOutRefused = await dispatchIpcCall(core, 'visits.checkout', { visitId: firstVisit });
    if (!signOutRefused.ok) {
      expect(signOutRefused.error.code).toBe('storage_full');
      expect(core.db.prepare('SELECT checked_out_at AS out FROM visits WHERE id = ?').get(firstVisit)).toEqual({ out: null });
    } else confirmedSignOuts.add(firstIn); // it fitted in a free page

    // space freed (the administrator's job): the visitor refused is checked in on the next try, and the rest of the day goes on
    core.db.pragma('max_page_count = 1073741823');
    for (const bookingId of bookingIds.filter((id) => !confirmedCheckIns.has(id))) {
      const { visit } = await core.checkIn.confirmCheckIn({ bookingId });
      confirmedCheckIns.set(bookingId, visit.id);
    }
    for (const bookingId of signOut) {
      if (confirmedSignOuts.has(bookingId)) continue;
      await core.checkIn.checkOut({ visitId: confirmedCheckIns.get(bookingId)! });
      confirmedSignOuts.add(bookingId);
    }
    await drainAndExpectAgreement(core, kiosks.cloud.server.db.kysely, {
      bookingIds,
      signOut: new Set([...signOut, ...confirmedSignOuts]),
      confirmedCheckIns,
      confirmedSignOuts,
    });
  }, 420_000); // a minute's work, and up to five waiting for the next site day (drillWindow)
});
