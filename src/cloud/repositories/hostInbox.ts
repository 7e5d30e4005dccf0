/** SQL of the host's inbox: the bookings copied to a host (booking_cc) and the three boxes, newest first, by keyset. */
import type { BookingCcTable, BookingsTable } from '../db/schema';
import type { Db } from './db';

/** Where a page starts: after the row with this sort key (an instant) and id. */
export interface InboxCursor {
  key: string;
  id: string;
}

export async function insertBookingCc(db: Db, rows: readonly BookingCcTable[]): Promise<void> {
  if (rows.length > 0)
    await db
      .insertInto('booking_cc')
      .values([...rows])
      .execute();
}

/** 待处理: the host's own main bills waiting for them (pending) or back with the applicant (returned), newest first. */
export async function listPendingOfHost(
  db: Db,
  hostId: string,
  statuses: readonly string[],
  /** now: a booking whose window has ended is expired (the sweep job records it later), no longer awaiting the host */
  windowEndsAfter: string,
  limit: number,
  after?: InboxCursor,
): Promise<BookingsTable[]> {
  let q = db
    .selectFrom('bookings')
    .selectAll()
    .where('host_id', '=', hostId)
    .where('status', 'in', statuses)
    .where('window_end', '>', windowEndsAfter)
    // a sub-bill only when it waits for the host alone: its main bill decided meanwhile (a companion link's, companionFill.ts)
    .where((eb) =>
      eb.or([
        eb('main_booking_id', 'is', null),
        eb('main_booking_id', 'not in', eb.selectFrom('bookings as m').select('m.id').where('m.host_id', '=', hostId).where('m.status', 'in', statuses)),
      ]),
    );
  if (after) q = q.where((eb) => eb.or([eb('created_at', '<', after.key), eb.and([eb('created_at', '=', after.key), eb('id', '<', after.id)])]));
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

/** 抄送我: main bills copied to the host, newest first. */
export async function listCopiedToHost(db: Db, hostId: string, limit: number, after?: InboxCursor): Promise<BookingsTable[]> {
  let q = db
    .selectFrom('bookings')
    .innerJoin('booking_cc', 'booking_cc.booking_id', 'bookings.id')
    .selectAll('bookings')
    .where('booking_cc.host_id', '=', hostId)
    .where('bookings.main_booking_id', 'is', null);
  if (after)
    q = q.where((eb) =>
      eb.or([eb('bookings.created_at', '<', after.key), eb.and([eb('bookings.created_at', '=', after.key), eb('bookings.id', '<', after.id)])]),
    );
  return q.orderBy('bookings.created_at', 'desc').orderBy('bookings.id', 'desc').limit(limit).execute();
}

export type DecidedRow = BookingsTable & { decided_at: string };

/** 已处理: the main bills `actor` decided (approved, rejected, returned), newest decision first. */
export async function listDecidedBy(db: Db, actor: string, actions: readonly string[], limit: number, after?: InboxCursor): Promise<DecidedRow[]> {
  let q = db
    .selectFrom('bookings')
    .innerJoin(
      (eb) =>
        eb
          .selectFrom('approvals')
          .select((a) => ['booking_id', a.fn.max('at').as('decided_at')])
          .where('actor', '=', actor)
          .where('action', 'in', actions)
          .groupBy('booking_id')
          .as('d'),
      (join) => join.onRef('d.booking_id', '=', 'bookings.id'),
    )
    .selectAll('bookings')
    .select('d.decided_at')
    .where('bookings.main_booking_id', 'is', null);
  if (after) q = q.where((eb) => eb.or([eb('d.decided_at', '<', after.key), eb.and([eb('d.decided_at', '=', after.key), eb('bookings.id', '<', after.id)])]));
  return q.orderBy('d.decided_at', 'desc').orderBy('bookings.id', 'desc').limit(limit).execute();
}

/** Each booking's latest decision by `actor` (approve, reject or return). */
export async function latestDecisionsBy(db: Db, actor: string, bookingIds: readonly string[], actions: readonly string[]): Promise<Map<string, string>> {
  if (bookingIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('approvals')
    .select(['booking_id', 'action', 'at'])
    .where('actor', '=', actor)
    .where('booking_id', 'in', bookingIds)
    .where('action', 'in', actions)
    .orderBy('at')
    .orderBy('id')
    .execute();
  return new Map(rows.map((r) => [r.booking_id, r.action]));
}
