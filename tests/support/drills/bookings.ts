/** The bookings a fault drill checks in: made and approved through the cloud's own API, as staff would. */
import axios from 'axios';
import { Booking } from '../../../src/shared/domain';
import { LEAD_ID } from '../cloud/walkInFixtures';
import type { CloudFixture } from '../kiosk/cloudFixture';

/** `count` approved bookings of the demo site's 李明, open now for three hours, booked by staff (ten at a time). */
export async function approvedBookings(cloud: CloudFixture, count: number): Promise<string[]> {
  const admin = { headers: { authorization: `Bearer ${cloud.adminToken}` }, proxy: false as const };
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
