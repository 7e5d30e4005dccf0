/** The bookings a fault drill checks in: made and approved through the cloud's own API, as staff would. */
import axios from 'axios';
import { Booking } from '../../../src/shared/domain';
import { EnrolmentCodeCreated } from '../../../src/shared/sync';
import { LEAD_ID } from '../cloud/walkInFixtures';
import { siteDayOf } from '../kiosk/oneDayBooking';

/** A cloud a drill talks to: its URL and admin token (in-process or a child process it kills). */
export interface DrillCloud {
  url: string;
  adminToken: string;
}

/** A one-time enrolment code of the demo site. */
export async function enrolmentCode(cloud: DrillCloud): Promise<string> {
  const res = await axios.post(`${cloud.url}/api/v1/admin/enrolment-codes`, { siteId: 'site_demo' }, adminOf(cloud));
  return EnrolmentCodeCreated.parse(res.data).code;
}

const adminOf = (cloud: DrillCloud) => ({ headers: { authorization: `Bearer ${cloud.adminToken}` }, proxy: false as const });

/** A drill needs this long of its bookings' window after they are made. */
const DRILL_ROOM_MS = 5 * 60_000;

/**
 * The window of a drill's bookings: open now, for three hours, but never past the end of today's site day. A window
 * into tomorrow is a visit of two days, whose sign-out is an exit (the visit stays open for tomorrow), not the
 * sign-out the drills count (from 21:00 in Shanghai a three-hour window did, and every drill failed). In the day's last
 * five minutes it waits for the next day (at most those minutes, once a day: the drills that sign out allow for it).
 */
export async function drillWindow(): Promise<{ start: number; end: number }> {
  let now = Date.now();
  let dayEnd = siteDayOf(new Date(now)).end.getTime();
  if (dayEnd - now < DRILL_ROOM_MS) {
    process.stderr.write(`drill bookings: waiting ${Math.ceil((dayEnd - now) / 1000) + 2} s for the next site day (a window must not span two days)\n`);
    await new Promise((r) => setTimeout(r, dayEnd - now + 2_000));
    now = Date.now();
    dayEnd = siteDayOf(new Date(now)).end.getTime();
  }
  return { start: now - 60_000, end: Math.min(now + 3 * 3_600_000, dayEnd) };
}

/**
 * `count` approved bookings of the demo site's 李明, open now for three hours, booked by staff (ten at a time). For a
 * drill that signs visitors out (`signsOut`, the default) the window ends with today's site day (drillWindow).
 */
export async function approvedBookings(cloud: DrillCloud, count: number, { signsOut = true }: { signsOut?: boolean } = {}): Promise<string[]> {
  const admin = adminOf(cloud);
  const { start, end } = signsOut ? await drillWindow() : { start: Date.now() - 60_000, end: Date.now() + 3 * 3_600_000 };
  const book = async (i: number): Promise<string> => {
    const created = await axios.post(
      `${cloud.url}/api/v1/bookings`,
      {
        source: 'staff',
        hostId: 'host_demo_liming',
        visitor: { name: `演练${i}`, phone: '13700000000', idType: 'resident_id', idNumber: LEAD_ID },
        reason: 'fault drill',
        windowStart: new Date(start).toISOString(),
        windowEnd: new Date(end).toISOString(),
      },
      admin,
    );
    const id = Booking.parse(created.data).id;
    await axios.post(`${cloud.url}/api/v1/bookings/${id}/decision`, { action: 'approve' }, admin);
    return id;
  };
  const ids: string[] = [];
  for (let i = 0; i < count; i += 10) ids.push(...(await Promise.all(Array.from({ length: Math.min(10, count - i) }, (_, j) => book(i + j)))));
  return ids;
}
