/**
 * What a reviewer may see and decide (seed 004 "只有后台设置的审核人员才可以审核"): the bookings of their site whose host
 * is in one of their departments. Another department's booking is refused (403); one that does not exist is 404.
 */
import type { StaffAccountPrincipal } from '../auth';
import type { CloudContext } from '../context';
import { forbidden } from '../errors';
import { findHostOfSite } from '../repositories/hosts';
import { listHostIdsOfDepartments } from '../repositories/accounts';
import { bookingUnknown, getBookingRow } from './bookingRecords';

/** The hosts whose bookings a reviewer decides (none for a records viewer). */
export async function reviewedHostIds(ctx: CloudContext, p: StaffAccountPrincipal): Promise<string[]> {
  if (!p.roles.includes('reviewer')) return [];
  return listHostIdsOfDepartments(ctx.db, p.siteId, p.departments);
}

/**
 * 404 for no such booking, or one of another site (as absent: a reviewer cannot learn which ids exist elsewhere); 403
 * unless the caller reviews the department of its host.
 */
export async function assertReviews(ctx: CloudContext, p: StaffAccountPrincipal, bookingId: string): Promise<void> {
  const row = await getBookingRow(ctx.db, bookingId);
  if (row.site_id !== p.siteId) throw bookingUnknown(bookingId);
  const host = await findHostOfSite(ctx.db, row.host_id, row.site_id);
  if (!p.roles.includes('reviewer') || !host || !p.departments.includes(host.department)) {
    throw forbidden('该预约不属于您审核的部门 / this booking is of a department you do not review');
  }
}
