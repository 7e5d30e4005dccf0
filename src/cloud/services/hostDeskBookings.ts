/**
 * What a host's desk adds to a staff booking (issue 13 item 3): the hosts of the site it is copied to (抄送, shown in
 * their inbox's 抄送我 box; they read it there, they do not decide it), and 代约, a host booking on their own
 * visitor's behalf, approved at once only where the site's policy says so (site setting hostProxyBookingsApproved,
 * default off: the booking waits in the host's 待处理 like any other).
 */
import type { Transaction } from 'kysely';
import type { BookingSource } from '../../shared/domain';
import type { Principal } from '../auth';
import type { CloudSchema, HostsTable } from '../db/schema';
import { badRequest } from '../errors';
import { insertBookingCc } from '../repositories/hostInbox';
import { findHostOfSite } from '../repositories/hosts';
import { getSiteRow, kioskSettingsOf } from './sites';

export const PROXY_BOOKING_APPROVAL_REASON = '受访人代约 / booked by the host';

/** The hosts a booking may be copied to: each once, of the booking's site, not its own host. */
export async function checkCcHosts(trx: Transaction<CloudSchema>, host: HostsTable, ids: readonly string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (unique.includes(host.id)) throw badRequest('cc_is_host', '抄送人不能是受访人本人 / the booking’s own host cannot be copied', { hostId: host.id });
  for (const id of unique) {
    if ((await findHostOfSite(trx, id, host.site_id)) === undefined) {
      throw badRequest('cc_host_unknown', '抄送人不是本园区的受访人 / a copied host must be a host of the booking’s site', { hostId: id });
    }
  }
  return unique;
}

export async function copyBookingToHosts(trx: Transaction<CloudSchema>, bookingId: string, hostIds: readonly string[], now: Date): Promise<void> {
  await insertBookingCc(
    trx,
    hostIds.map((hostId) => ({ booking_id: bookingId, host_id: hostId, created_at: now.toISOString() })),
  );
}

/** 代约 approved at once: a host's staff booking for their own visitor, at a site whose policy says so. */
export async function approvesOwnProxyBooking(trx: Transaction<CloudSchema>, principal: Principal, host: HostsTable, source: BookingSource): Promise<boolean> {
  if (principal.kind !== 'host' || principal.hostId !== host.id || source !== 'staff') return false;
  return kioskSettingsOf(await getSiteRow(trx, host.site_id)).hostProxyBookingsApproved === true;
}
