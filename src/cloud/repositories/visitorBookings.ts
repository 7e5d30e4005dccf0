/** SQL on bookings for a signed-in visitor: the bookings of a site whose visitor phone is theirs. */
import type { BookingsTable } from '../db/schema';
import type { Db } from './db';

export interface VisitorBookingFilter {
  status?: string | undefined;
  /** bookings whose window overlaps [from, to) */
  overlaps?: { from: string; to: string };
  limit: number;
}

/**
 * A site's bookings whose stored visitor JSON names this phone, newest window first. The phone is a normalised number
 * (digits and a leading +: no LIKE wildcard), matched as the JSON writes it; the caller checks the parsed phone too.
 */
export async function listBookingsNamingPhone(db: Db, siteId: string, phone: string, filter: VisitorBookingFilter): Promise<BookingsTable[]> {
  let q = db
    .selectFrom('bookings')
    .selectAll()
    .where('site_id', '=', siteId)
    .where('visitor', 'like', `%${JSON.stringify({ phone }).slice(1, -1)}%`);
  if (filter.status !== undefined) q = q.where('status', '=', filter.status);
  if (filter.overlaps !== undefined) q = q.where('window_start', '<', filter.overlaps.to).where('window_end', '>', filter.overlaps.from);
  return q.orderBy('window_start', 'desc').orderBy('id').limit(filter.limit).execute();
}
