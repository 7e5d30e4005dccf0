/**
 * A booking of one site day, for tests that need two kiosks to conflict on it. The demo bookings will not do: in the
 * day's last half hour (15:30–16:00 UTC at the demo site, in Shanghai) their window reaches into tomorrow, a visit of
 * two days, on which a second check-in is a re-entry (applied), not a conflict (demo.ts, shared/visitDays.ts).
 */
import axios from 'axios';
import { Booking } from '../../../src/shared/domain';
import { addDays, DEFAULT_TIMEZONE, localDate, startOfLocalDay } from '../../../src/shared/siteDay';
import { DEMO_HOST, newResidentId } from './hostWalkIns';

/** the demo site's zone */
const ZONE = DEFAULT_TIMEZONE;

let phones = 0;

/** The site day holding `at`: its first instant and its last second. */
export function siteDayOf(at: Date): { start: Date; end: Date } {
  const day = localDate(at, ZONE);
  return { start: startOfLocalDay(day, ZONE), end: new Date(startOfLocalDay(addDays(day, 1), ZONE).getTime() - 1000) };
}

/**
 * A kiosk clock at 15:45 UTC of today's site day (23:45 in Shanghai, inside the half hour in which the demo bookings
 * are of two days), moving on with the real one.
 */
export function clockAtQuarterToSiteMidnight(): () => Date {
  const at = siteDayOf(new Date()).end.getTime() + 1000 - 15 * 60_000;
  const started = Date.now();
  return () => new Date(at + (Date.now() - started));
}

/** An approved staff booking of the demo host's for a new person, its window the whole site day holding `at`. */
export async function oneDayBooking(
  cloud: { url: string; adminToken: string },
  at: Date = new Date(),
): Promise<{ id: string; code: string; visitorName: string; visitorPhone: string }> {
  const { start, end } = siteDayOf(at);
  const admin = { headers: { authorization: `Bearer ${cloud.adminToken}` }, proxy: false as const };
  const visitorName = '冯一';
  const visitor = { name: visitorName, phone: `1360002${String(phones++).padStart(4, '0')}`, idType: 'resident_id', idNumber: newResidentId() };
  const body = { source: 'staff', hostId: DEMO_HOST, visitor, reason: '商务洽谈', windowStart: start.toISOString(), windowEnd: end.toISOString() };
  const created = Booking.parse((await axios.post(`${cloud.url}/api/v1/bookings`, body, admin)).data);
  await axios.post(`${cloud.url}/api/v1/bookings/${created.id}/decision`, { action: 'approve' }, admin);
  return { id: created.id, code: created.code, visitorName, visitorPhone: visitor.phone };
}
