/** SQL on bookings. */
import { sql, type SelectQueryBuilder, type Updateable, type UpdateQueryBuilder, type UpdateResult } from 'kysely';
import { nextStatus, statusesFrom, transitionOf, type BookingMove } from '../../shared/bookingStates';
import type { BookingsTable, CloudSchema } from '../db/schema';
import { visitorSearchColumns } from '../db/visitorSearch';
import type { Db } from './db';
import { definedColumns, prepared, runKeyed } from '../db/preparedStatements';

export async function findBookingRow(db: Db, id: string): Promise<BookingsTable | undefined> {
  return db.selectFrom('bookings').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface BookingListFilter {
  hostId?: string;
  /** any of these hosts (a reviewer's departments) */
  hostIds?: string[];
  siteId?: string;
  /** bookings whose window overlaps [from, to) */
  overlaps?: { from: string; to: string };
  /** a status as of `asOf` */
  status?: string;
  /** now, for the expiry rule (bookingRecords.bookingAsOf): a pending, approved or returned booking whose window has ended is expired */
  asOf: string;
  limit: number;
}

/** Bookings by window start, then id. */
export async function listBookings(db: Db, filter: BookingListFilter): Promise<BookingsTable[]> {
  let q = db.selectFrom('bookings').selectAll();
  if (filter.hostId !== undefined) q = q.where('host_id', '=', filter.hostId);
  if (filter.hostIds !== undefined) {
    if (filter.hostIds.length === 0) return [];
    q = q.where('host_id', 'in', filter.hostIds);
  }
  if (filter.siteId !== undefined) q = q.where('site_id', '=', filter.siteId);
  if (filter.overlaps !== undefined) q = q.where('window_start', '<', filter.overlaps.to).where('window_end', '>', filter.overlaps.from);
  if (filter.status !== undefined) {
    const status = filter.status;
    const due = statusesFrom('expire');
    const expiredBy = transitionOf('expire').to;
    if (status === expiredBy) {
      q = q.where((eb) => eb.or([eb('status', '=', status), eb.and([eb('status', 'in', due), eb('window_end', '<=', filter.asOf)])]));
    } else {
      q = q.where('status', '=', status);
      if ((due as readonly string[]).includes(status)) q = q.where('window_end', '>', filter.asOf);
    }
  }
  return q.orderBy('window_start').orderBy('id').limit(filter.limit).execute();
}

/** What pass verification reads of a booking. */
export type PassBookingRow = Pick<BookingsTable, 'id' | 'status' | 'site_id' | 'host_id' | 'visitor' | 'group_size' | 'window_end'>;

/** A site's booking by its id, or by the visit that arrived on it. */
export async function findPassBooking(db: Db, siteId: string, by: { id: string } | { arrivedVisitId: string }): Promise<PassBookingRow | undefined> {
  const q = db.selectFrom('bookings').select(['id', 'status', 'site_id', 'host_id', 'visitor', 'group_size', 'window_end']).where('site_id', '=', siteId);
  return 'id' in by ? q.where('id', '=', by.id).executeTakeFirst() : q.where('arrived_visit_id', '=', by.arrivedVisitId).executeTakeFirst();
}

/**
 * Beyond this many changes since a kiosk's cursor (all sites counted), its pull reads the window instead of the
 * changes: a first pull (cursor 0) or one far behind would otherwise walk the site's whole history.
 */
export const CHANGES_READ_BY_SEQUENCE = 10_000;

/**
 * A site's bookings changed after a change_seq whose window meets [from, to), in change order, at most `limit`.
 * Two ways to find them, chosen here rather than left to the planner (SQLite's sampled statistics cannot tell
 * "nothing changed" from "all changed"): a cursor close to `committed` reads the few newer changes through
 * (site_id, change_seq); otherwise the window through (site_id, window_end), which never touches the history
 * (bookings that ended before the window). An expression (`+change_seq`, `window_end || ''`) keeps SQLite off the
 * other index, in the filter and the order alike; both mean the same on PostgreSQL, whose planner has histograms.
 */
export async function listBookingChanges(
  db: Db,
  siteId: string,
  after: number,
  range: { from: string; to: string },
  limit: number,
  committed: number,
): Promise<BookingsTable[]> {
  const bySequence = after > 0 && committed - after <= CHANGES_READ_BY_SEQUENCE;
  return db
    .selectFrom('bookings')
    .selectAll()
    .where('site_id', '=', siteId)
    .where(bySequence ? sql.ref('change_seq') : sql<number>`+change_seq`, '>', after)
    .where(bySequence ? sql<string>`window_end || ''` : sql.ref('window_end'), '>=', range.from)
    .where('window_start', '<', range.to)
    .orderBy(bySequence ? sql.ref('change_seq') : sql`+change_seq`)
    .limit(limit)
    .execute();
}

/** Where a window snapshot stands: the last booking sent, by (window_end, id). */
export type WindowPosition = readonly [windowEnd: string, id: string];

/**
 * One page of a site's bookings in the window, in (window_end, id) order after `from`: a first pull (or one far
 * behind) reads the window this way, each page by the index from where the last one stopped, so a kiosk's first pull
 * of N bookings reads each once (by change order each page would read and sort the whole window again).
 */
export async function listWindowBookings(
  db: Db,
  siteId: string,
  range: { from: string; to: string },
  from: WindowPosition | undefined,
  limit: number,
): Promise<BookingsTable[]> {
  let q = db.selectFrom('bookings').selectAll().where('site_id', '=', siteId).where('window_end', '>=', range.from).where('window_start', '<', range.to);
  if (from !== undefined) {
    const [end, id] = from;
    q = q.where('window_end', '>=', end).where((eb) => eb.or([eb('window_end', '>', end), eb('id', '>', id)]));
  }
  return q.orderBy('window_end').orderBy('id').limit(limit).execute();
}

export async function bookingCodeTaken(db: Db, code: string): Promise<boolean> {
  return (await db.selectFrom('bookings').select('id').where('code', '=', code).executeTakeFirst()) !== undefined;
}

/** A write of a booking with its search columns (migration 0019) derived from the visitor it writes, if it writes one. */
function withVisitorSearch<T extends { visitor?: unknown }>(set: T): T {
  return typeof set.visitor === 'string' ? { ...set, ...visitorSearchColumns(set.visitor) } : set;
}

export async function insertBookingRow(db: Db, row: BookingsTable): Promise<void> {
  await db.insertInto('bookings').values(withVisitorSearch(row)).execute();
}

/** A booking of a site by its id. */
const selectBookingOfSite = prepared((db: Db, id: string, siteId: string) =>
  db.selectFrom('bookings').selectAll().where('id', '=', id).where('site_id', '=', siteId),
);

export async function findBookingOfSite(db: Db, id: string, siteId: string): Promise<BookingsTable | undefined> {
  return (await selectBookingOfSite(db, id, siteId)).rows[0];
}

/** The bookings among `ids` (of any site: a batch's commands come from several kiosks): one statement. */
export async function findBookingRows(db: Db, ids: readonly string[]): Promise<BookingsTable[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('bookings').selectAll().where('id', 'in', ids).execute();
}

/** A booking of a site by the visit that arrived on it. */
export async function findArrivedBookingOfSite(db: Db, visitId: string, siteId: string): Promise<BookingsTable | undefined> {
  return db.selectFrom('bookings').selectAll().where('arrived_visit_id', '=', visitId).where('site_id', '=', siteId).executeTakeFirst();
}

/** How many bookings in one of `statuses` have a window that ended by `endedBy`. */
export async function countEndedBookings(db: Db, statuses: readonly string[], endedBy: string): Promise<number> {
  const row = await db
    .selectFrom('bookings')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('status', 'in', statuses)
    .where('window_end', '<=', endedBy)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Changes a booking's other columns only while it still has the status read (and, given `changeSeq`, is still the very
 * row read: every change takes a new change_seq); returns how many rows changed (0 or 1).
 */
export async function updateBookingInStatus(
  db: Db,
  id: string,
  status: string,
  set: Omit<Updateable<BookingsTable>, 'status'>,
  changeSeq?: number,
): Promise<number> {
  return updateWhereStatus(db, id, status, set, changeSeq);
}

/**
 * The guard of every booking update: the status read and, where the caller read the row, its change_seq too. A status
 * guard alone misses a change that keeps the status (an edit resubmitted from pending stays pending): on PostgreSQL an
 * approval that read the row before an edit committed would otherwise approve people and a window the host never saw.
 */
async function updateWhereStatus(db: Db, id: string, status: string, set: Updateable<BookingsTable>, changeSeq?: number): Promise<number> {
  const res = await guarded(db.updateTable('bookings').set(withVisitorSearch(set)), id, status, changeSeq).executeTakeFirst();
  return Number(res.numUpdatedRows);
}

type UpdateBookingQuery = UpdateQueryBuilder<CloudSchema, 'bookings', 'bookings', UpdateResult>;

/** That guard on an update of bookings (its values may be a prepared statement's placeholders). */
function guarded(update: UpdateBookingQuery, id: string, status: string, changeSeq?: number): UpdateBookingQuery {
  const byRow = update.where('id', '=', id).where('status', '=', status);
  return changeSeq === undefined ? byRow : byRow.where('change_seq', '=', changeSeq);
}

/**
 * The one way a booking's status changes (the sweeps' set-based updates read their statuses from the same table): by
 * `move`, from the status read, to where src/shared/bookingStates.ts says, only while it still has that status.
 * Throws when the table does not allow the move (callers refuse it in their own words first); returns how many rows
 * changed (0 or 1).
 */
export async function moveBookingStatus(
  db: Db,
  id: string,
  from: string,
  move: BookingMove,
  set: Omit<Updateable<BookingsTable>, 'status'>,
  changeSeq?: number,
): Promise<number> {
  return updateWhereStatus(db, id, from, { ...set, status: statusAfter(id, from, move) }, changeSeq);
}

/**
 * moveBookingStatus of a row the caller read (in this transaction), answering the row as the move left it: `row` with
 * `set` and the new status, or undefined when the row had changed since it was read (its status or its change_seq).
 * No `RETURNING`: on SQLite an update returning its row costs about three times a plain one (~95 against ~30 µs), and
 * the guard on change_seq makes the row written over exactly `row`: every writer of bookings takes the change counter
 * first (changeSeq.ts), as a kiosk command does before it reads, and no trigger on bookings writes a column.
 * Built once per set of columns (preparedStatements.ts). A batch of kiosk commands holds its moves and writes them
 * together (commandReads.ts, with the columns bookingMoveColumns gives, under the same guard).
 */
export async function moveBookingRow(
  db: Db,
  row: BookingsTable,
  move: BookingMove,
  set: Omit<Updateable<BookingsTable>, 'status'>,
): Promise<BookingsTable | undefined> {
  const written = bookingMoveColumns(row, move, set);
  const columns = Object.keys(written);
  const values = Object.values(written);
  const moved = await runKeyed(db, `move booking(${columns.join(',')})`, [...values, row.id, row.status, row.change_seq], (ph) =>
    guarded(
      db.updateTable('bookings').set(Object.fromEntries(columns.map((c, i) => [c, ph[i]]))),
      ph[columns.length] as string,
      ph[columns.length + 1] as string,
      ph[columns.length + 2] as number,
    ),
  );
  if (Number(moved.numAffectedRows ?? 0) !== 1) return undefined;
  return { ...row, ...written };
}

/**
 * The columns a move of `row` writes, with their values: `set` (a column set to undefined left as it was) and the
 * status the move leads to (throws when the table does not allow the move), with the visitor's search columns.
 */
export function bookingMoveColumns(row: BookingsTable, move: BookingMove, set: Omit<Updateable<BookingsTable>, 'status'>): Partial<BookingsTable> {
  const { columns, values } = definedColumns(withVisitorSearch({ ...set, status: statusAfter(row.id, row.status, move) }));
  return Object.fromEntries(columns.map((c, i) => [c, values[i]]));
}

function statusAfter(id: string, from: string, move: BookingMove): string {
  const to = nextStatus(from, move);
  if (to === null) throw new Error(`booking ${id}: ${move} is not a move from ${from}`);
  return to;
}

export async function findBookingWindowEnd(db: Db, id: string): Promise<Pick<BookingsTable, 'id' | 'window_end'> | undefined> {
  return db.selectFrom('bookings').select(['id', 'window_end']).where('id', '=', id).executeTakeFirst();
}

/** Changes a booking whatever its status (the demo data's reset). */
export async function updateBooking(db: Db, id: string, set: Updateable<BookingsTable>): Promise<void> {
  await db.updateTable('bookings').set(withVisitorSearch(set)).where('id', '=', id).execute();
}

/** Which of these ids are already bookings (anywhere). */
export async function findExistingBookingIds(db: Db, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  return (await db.selectFrom('bookings').select('id').where('id', 'in', ids).execute()).map((r) => r.id);
}

/** Bookings of a site on which one of these visits arrived. */
export async function findBookingIdsByArrivedVisits(db: Db, siteId: string, visitIds: readonly string[]): Promise<string[]> {
  if (visitIds.length === 0) return [];
  return (await db.selectFrom('bookings').select('id').where('site_id', '=', siteId).where('arrived_visit_id', 'in', visitIds).execute()).map((r) => r.id);
}

/** The sub-bills of a main bill, by id. */
export async function listSubBookings(db: Db, mainBookingId: string): Promise<BookingsTable[]> {
  return db.selectFrom('bookings').selectAll().where('main_booking_id', '=', mainBookingId).orderBy('id').execute();
}

/** A visitor's newest booking at a site: by when they arrived, else when it was made. */
export async function findLatestBookingOfVisitor(db: Db, siteId: string, visitorIds: readonly string[]): Promise<BookingsTable | undefined> {
  if (visitorIds.length === 0) return undefined;
  return (
    db
      .selectFrom('bookings')
      .selectAll()
      .where('site_id', '=', siteId)
      .where('visitor_id', 'in', visitorIds)
      // a booked visit is made days before it happens: newest by arrival, else by registration
      .orderBy((eb) => eb.fn.coalesce('arrived_at', 'created_at'), 'desc')
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirst()
  );
}

/**
 * A site's visitors of a day: walk-ins registered and bookings arrived in [from, to), newest first (by arrival, else
 * registration), at most `limit`. Three statements, each by its own index (migration 0021; a multi-day visit's later
 * days by status and window end), so none reads the site's history; each gives its first `limit` in the list's order,
 * and the list is the first `limit` of their union.
 */
export async function listVisitsOfDay(db: Db, siteId: string, range: { from: string; to: string }, limit: number): Promise<BookingsTable[]> {
  const newestFirst = (q: SelectQueryBuilder<CloudSchema, 'bookings', BookingsTable>) =>
    q
      .orderBy((eb) => eb.fn.coalesce('arrived_at', 'created_at'), 'desc')
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit);
  const ofSite = () => db.selectFrom('bookings').selectAll().where('site_id', '=', siteId);
  const walkIns = await newestFirst(
    ofSite().where('created_at', '>=', range.from).where('created_at', '<', range.to).where('source', '=', 'walk_in'),
  ).execute();
  // arrived_at is set here, so its order is newestFirst's: the index walked newest first, stopped after `limit` (the
  // coalesce sorted every arrival of the day first, issue 12)
  const arrived = await ofSite()
    .where('arrived_at', '>=', range.from)
    .where('arrived_at', '<', range.to)
    .orderBy('arrived_at', 'desc')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  // a multi-day visit's later days: arrived before, its window covers the day, not ended before it
  // (by status and window end: `|| ''` keeps SQLite off the (site_id, arrived_at) index, which would walk the history)
  const laterDays = await newestFirst(
    db
      .selectFrom('bookings')
      .selectAll()
      .where(sql<string>`site_id || ''`, '=', siteId)
      .where('status', 'in', ['arrived', 'left'])
      .where('window_end', '>', range.from)
      .where(sql<string>`arrived_at || ''`, '<', range.from)
      .where('window_start', '<', range.to)
      .where((eb) => eb.or([eb('status', '=', 'arrived'), eb('left_at', '>=', range.from)])),
  ).execute();
  const byId = new Map<string, BookingsTable>();
  for (const row of [...walkIns, ...arrived, ...laterDays]) byId.set(row.id, row);
  const key = (r: BookingsTable) => r.arrived_at ?? r.created_at;
  return [...byId.values()].sort((a, b) => cmpDesc(key(a), key(b)) || cmpDesc(a.created_at, b.created_at) || cmpDesc(a.id, b.id)).slice(0, limit);
}

/** Descending order of two strings, by code unit as both databases compare these (ISO instants, ids). */
const cmpDesc = (a: string, b: string): number => (a < b ? 1 : a > b ? -1 : 0);

/** What a waiting kiosk reads of a booking, cheaply, each time it looks. */
export async function findBookingStatusOfSite(db: Db, id: string, siteId: string): Promise<Pick<BookingsTable, 'status' | 'updated_at'> | undefined> {
  return db.selectFrom('bookings').select(['status', 'updated_at']).where('id', '=', id).where('site_id', '=', siteId).executeTakeFirst();
}

/** The latest end of any visit window of a site (any status): no pass for one of its bookings is valid after it. */
export async function findLatestWindowEndOfSite(db: Db, siteId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('bookings')
    .select((eb) => eb.fn.max('window_end').as('end'))
    .where('site_id', '=', siteId)
    .executeTakeFirst();
  return row?.end ?? undefined;
}
