/** SQL of the reviewers' queue: a site's bookings (main bills) with their host's name and department. */
import type { BookingsTable } from '../db/schema';
import type { Db } from './db';

export type ReviewRow = BookingsTable & { host_name: string; host_department: string };

export interface ReviewQueueFilter {
  siteId: string;
  /** only the hosts of these departments (a reviewer's); undefined: every department (an administrator) */
  departments?: readonly string[];
  statuses: readonly string[];
  /** only bookings whose window ends after this (pending and returned: an ended one is expired) */
  endsAfter?: string;
  /** nearest window first, or latest change first */
  order: 'window' | 'latest';
  limit: number;
}

/** One booking with its host's name and department. */
export async function findReviewRow(db: Db, id: string): Promise<ReviewRow | undefined> {
  return db
    .selectFrom('bookings')
    .innerJoin('hosts', 'hosts.id', 'bookings.host_id')
    .selectAll('bookings')
    .select(['hosts.name as host_name', 'hosts.department as host_department'])
    .where('bookings.id', '=', id)
    .executeTakeFirst();
}

export async function listReviewQueue(db: Db, f: ReviewQueueFilter): Promise<ReviewRow[]> {
  if (f.departments !== undefined && f.departments.length === 0) return [];
  let q = db
    .selectFrom('bookings')
    .innerJoin('hosts', 'hosts.id', 'bookings.host_id')
    .selectAll('bookings')
    .select(['hosts.name as host_name', 'hosts.department as host_department'])
    .where('bookings.site_id', '=', f.siteId)
    .where('bookings.main_booking_id', 'is', null)
    .where('bookings.status', 'in', [...f.statuses]);
  if (f.departments !== undefined) q = q.where('hosts.department', 'in', [...f.departments]);
  if (f.endsAfter !== undefined) q = q.where('bookings.window_end', '>', f.endsAfter);
  q = f.order === 'window' ? q.orderBy('bookings.window_start').orderBy('bookings.id') : q.orderBy('bookings.updated_at', 'desc').orderBy('bookings.id');
  return q.limit(f.limit).execute();
}
