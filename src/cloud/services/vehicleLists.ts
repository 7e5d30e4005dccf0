/**
 * A group pass's vehicle list from a CSV file (seed 001: 批量导入车辆): parsed whole (src/shared/vehicleCsv.ts), every
 * wrong line reported and nothing stored when there is one; stored in the booking's details while it is pending or
 * returned (the host then decides on the list it sees), audited.
 */
import { isEditable } from '../../shared/bookingStates';
import { BookingDetails } from '../../shared/bookingDetails';
import type { Booking } from '../../shared/domain';
import { parseVehicleCsv } from '../../shared/vehicleCsv';
import { actorOf, type Principal } from '../auth';
import type { CloudContext } from '../context';
import { nextChangeSeq } from '../db/changeSeq';
import { badRequest, conflict } from '../errors';
import { writeAudit } from '../repositories/audit';
import { updateBookingInStatus } from '../repositories/bookings';
import { assertMayManage } from './bookingLifecycle';
import { bookingAsOf, getBookingRow, toBooking } from './bookingRecords';

export async function replaceVehicleList(ctx: CloudContext, principal: Principal, bookingId: string, csv: string): Promise<Booking> {
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const row = bookingAsOf(await getBookingRow(trx, bookingId), now);
    assertMayManage(principal, row);
    const parsed = parseVehicleCsv(csv);
    if (!parsed.ok) {
      const lines = parsed.errors.map((e) => e.line).join(', ');
      throw badRequest('vehicle_csv_invalid', `车辆清单有误（第 ${lines} 行），未保存 / the vehicle list has errors (line ${lines}); nothing was stored`, {
        errors: parsed.errors,
      });
    }
    if (!isEditable(row.status))
      throw conflict('booking_not_editable', `只有待确认或已退回的预约可以修改车辆 / the booking is ${row.status}: its vehicles cannot change`);
    const details: BookingDetails = { ...(row.details ? BookingDetails.parse(JSON.parse(row.details)) : {}), vehicles: parsed.vehicles };
    const updated = await updateBookingInStatus(
      trx,
      row.id,
      row.status,
      { details: JSON.stringify(details), updated_at: now.toISOString(), change_seq: await nextChangeSeq(trx) },
      row.change_seq,
    );
    if (updated !== 1) throw conflict('booking_state', 'the booking changed meanwhile');
    await writeAudit(trx, { at: now, actor: actorOf(principal), action: 'booking.vehicles', subject: row.id, detail: { vehicles: parsed.vehicles.length } });
    return toBooking(await getBookingRow(trx, row.id));
  });
}
