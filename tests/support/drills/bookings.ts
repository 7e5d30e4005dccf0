/** The bookings a fault drill checks in: made and approved through the cloud's own API, as staff would. */
import axios from 'axios';
import { Booking } from '../../../src/shared/domain';
import { EnrolmentCodeCreated } from '../../../src/shared/sync';
import { LEAD_ID } from '../cloud/walkInFixtures';

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

/** `count` approved bookings of the demo site's 李明, open now for three hours, booked by staff (ten at a time). */
export async function approvedBookings(cloud: DrillCloud, count: number): Promise<string[]> {
  const admin = adminOf(cloud);
  const start = Date.now() - 60_000;
  const book = async (i: number): Promise<string> => {
    const created = await axios.post(
      `${cloud.url}/api/v1/bookings`,
      {
        source: 'staff',
        hostId: 'host_demo_liming',
        visitor: { name: `演练${i}`, phone: '13700000000', idType: 'resident_id', idNumber: LEAD_ID },
        reason: 'fault drill',
        windowStart: new Date(start).toISOString(),
        windowEnd: new Date(start + 3 * 3_600_000).toISOString(),
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
