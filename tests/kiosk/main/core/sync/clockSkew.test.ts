/**
 * Fault drill (issue 12 item 3): the kiosk's clock 10 minutes off the cloud's, ahead and behind. The kiosk takes
 * the cloud's time from its pulls (serverTime; ./src/main/core/sync/cloudClock.ts) and judges by it: check-in opens
 * and closes with the visit window as the cloud's clock has it, the pass it issues is valid now, the check-in time it
 * reports is the cloud's (the cloud applies it inside the window), and a booking the kiosk's own clock would wrongly
 * let in is refused. Each case is one its own clock gets wrong. Ends in the check every drill ends in.
 */
import { describe, expect, it } from 'vitest';
import { dispatchIpcCall } from '../../../../../src/main/core/ipcHandlers';
import { drainAndExpectAgreement } from '../../../../support/drills/agreement';
import { seedApprovedBookings } from '../../../../support/drills/seedBookings';
import { useCloudKiosks } from '../../../../support/kiosk/cloudKiosks';

const MIN = 60_000;
const SKEW_MS = 10 * MIN;
/** how close the kiosk's corrected time must be to the cloud's (the round trip's half, with room for a loaded CI machine) */
const TOLERANCE_MS = 2_000;

describe('fault drill: clock skew of ±10 minutes between kiosk and cloud', () => {
  const kiosks = useCloudKiosks('Skewed desk');

  it.each([
    { skew: SKEW_MS, label: 'ahead', batches: ['W', 'X'] as const, refusal: 'too_early' },
    { skew: -SKEW_MS, label: 'behind', batches: ['Y', 'Z'] as const, refusal: 'window_closed' },
  ])(
    'the kiosk 10 minutes $label: windows and pass validity by the cloud’s time',
    async ({ skew, batches, refusal }) => {
      const db = kiosks.cloud.server.db.kysely;
      const real = Date.now();
      // `open`: open now by the cloud's clock, closed (ahead) or not yet open (behind) by the kiosk's own;
      // `shut`: closed (behind) or not yet open (ahead) now by the cloud's clock, open by the kiosk's own
      const [open] = await seedApprovedBookings(
        db,
        1,
        skew > 0 ? { start: new Date(real - 30 * MIN), end: new Date(real + 5 * MIN) } : { start: new Date(real - 5 * MIN), end: new Date(real + 60 * MIN) },
        batches[0],
      );
      const [shut] = await seedApprovedBookings(
        db,
        1,
        skew > 0 ? { start: new Date(real + 5 * MIN), end: new Date(real + 60 * MIN) } : { start: new Date(real - 60 * MIN), end: new Date(real - 5 * MIN) },
        batches[1],
      );
      const own = () => new Date(Date.now() + skew);
      const core = await kiosks.enrolledCore({ now: own, followCloudClock: true }); // enrolment pulls: the offset is measured
      expect(Math.abs(core.now().getTime() - Date.now()), 'the kiosk tells the cloud’s time').toBeLessThan(TOLERANCE_MS);

      const refused = await dispatchIpcCall(core, 'checkin.confirm', { bookingId: shut! });
      expect(refused, 'refused although the kiosk’s own clock is inside the window').toMatchObject({ ok: false, error: { code: refusal } });

      const confirmed = await dispatchIpcCall(core, 'checkin.confirm', { bookingId: open! });
      expect(confirmed.ok, 'checked in although the kiosk’s own clock is outside the window').toBe(true);
      const { visit, pass } = (confirmed as { output: { visit: { id: string; checkedInAt: string }; pass: { token: string } } }).output;
      expect(Math.abs(Date.parse(visit.checkedInAt) - Date.now())).toBeLessThan(TOLERANCE_MS);
      const verified = await dispatchIpcCall(core, 'pass.verify', { token: pass.token });
      expect(verified, 'its pass lets the visitor through now').toMatchObject({ ok: true, output: { valid: true } });

      // the cloud applies the check-in (its time inside the window) and agrees
      await drainAndExpectAgreement(core, db, {
        bookingIds: [open!],
        signOut: new Set(),
        confirmedCheckIns: new Map([[open!, visit.id]]),
        confirmedSignOuts: new Set(),
      });
      const row = await db.selectFrom('bookings').select('arrived_at').where('id', '=', open!).executeTakeFirstOrThrow();
      expect(Math.abs(Date.parse(row.arrived_at!) - real)).toBeLessThan(TOLERANCE_MS + 30_000);
    },
    60_000,
  );
});
