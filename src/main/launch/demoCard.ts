/**
 * The ID card the device simulator places for the demo: the visitor of demo booking DEM0A001 (张伟), with the
 * ID number the booking holds, so reading it at the kiosk finds that booking. Birth date and sex come from the
 * number (GB 11643: digits 7–14, and the 17th digit odd = male).
 */
import { DEMO_BOOKINGS } from '../../cloud/demo';
import type { CardFixture } from '../devices/idcard/fixtures';

export const DEMO_CARD_BOOKING_CODE = 'DEM0A001';

export function demoVisitorCard(): CardFixture {
  const booking = DEMO_BOOKINGS.find((b) => b.code === DEMO_CARD_BOOKING_CODE);
  const idNumber = booking?.visitor.idNumber;
  if (!booking || !idNumber) throw new Error(`demo booking ${DEMO_CARD_BOOKING_CODE} with an ID number is missing`);
  return {
    type: 'resident',
    name: booking.visitor.name,
    sex: Number(idNumber[16]) % 2 === 1 ? '1' : '2',
    nation: '01',
    birthDate: idNumber.slice(6, 14),
    address: '北京市朝阳区建国路88号院3号楼2单元501室',
    idNumber,
    issuer: '北京市公安局朝阳分局',
    validFrom: '20150610',
    validUntil: '长期',
  };
}
