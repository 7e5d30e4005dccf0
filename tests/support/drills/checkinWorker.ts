/**
 * A kiosk that a fault drill kills (tests/kiosk/main/core/kioskKilled.test.ts): the real kiosk core on a data dir,
 * syncing with a real cloud, working through the bookings named in PASSDESK_DRILL_BOOKINGS (comma-separated ids) as a
 * desk would: it checks each visitor in and signs out again those named in PASSDESK_DRILL_SIGN_OUT. What the core
 * confirmed — what the person at the desk saw — goes to stdout (`in <bookingId> <visitId>`, `out <bookingId>`) with a
 * synchronous write before the next step starts, so a line on stdout is a promise the drill holds kiosk and cloud to.
 * The drill kills this process with SIGKILL at random points; with PASSDESK_DRILL_STAY=1 it keeps syncing after the
 * last booking until it is killed. Run from its bundle (tests/support/drills/bundle.ts):
 * a fresh Node process per kill must start in well under a second.
 */
import { writeSync } from 'node:fs';
import { getBooking } from '../../../src/main/core/db/bookingsStore';
import { createKioskCore, type KioskCore } from '../../../src/main/core/kioskCore';
import { IpcCallError } from '../../../src/shared/errorCodes';

const say = (line: string): void => {
  writeSync(1, `${line}\n`);
};
const list = (name: string): string[] => (process.env[name] ?? '').split(',').filter(Boolean);

/** checks the visitor in, or finds them checked in by an earlier life of this process; the visit's id */
async function checkIn(core: KioskCore, bookingId: string): Promise<string> {
  for (;;) {
    const booking = getBooking(core.db, bookingId);
    if (booking?.arrivedVisitId !== undefined) return booking.arrivedVisitId;
    try {
      const { visit } = await core.checkIn.confirmCheckIn({ bookingId });
      say(`in ${bookingId} ${visit.id}`);
      return visit.id;
    } catch (e) {
      if (!(e instanceof IpcCallError && e.code === 'booking_not_found')) throw e;
      await core.sync.now(); // not pulled yet
    }
  }
}

async function main(): Promise<void> {
  const dataDir = process.env.PASSDESK_DRILL_DATA_DIR;
  const bookings = list('PASSDESK_DRILL_BOOKINGS');
  const signOut = new Set(list('PASSDESK_DRILL_SIGN_OUT'));
  if (!dataDir || bookings.length === 0) throw new Error('PASSDESK_DRILL_DATA_DIR and PASSDESK_DRILL_BOOKINGS are required');
  // autoSync on: pushes and pulls run beside the check-ins, as at a desk (a local change asks for a sync soon)
  const core = await createKioskCore({ dataDir, autoSync: true, syncTuning: { backoff: { baseMs: 50, capMs: 200 } } });
  say('ready');
  for (const bookingId of bookings) {
    if (getBooking(core.db, bookingId)?.status === 'left') continue; // in and out in an earlier life
    const visitId = await checkIn(core, bookingId);
    if (signOut.has(bookingId)) {
      await core.checkIn.checkOut({ visitId });
      say(`out ${bookingId}`);
    }
  }
  say('done');
  // a life the drill will kill keeps syncing until it is killed: kills land in pushes and pulls too
  while (process.env.PASSDESK_DRILL_STAY === '1') await core.sync.now();
  await core.close();
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
