/**
 * SQL of the record lists (issue 14 §5): one page of visits or bookings by keyset (newest first, the id breaking ties),
 * through the indexes of migration 0019, and what a page shows beside its bookings (hosts, kiosks, photo flags), read
 * by the page's ids rather than joined, so the page's plan stays an index range scan whatever the table holds.
 */
import { sql, type ExpressionBuilder, type SelectQueryBuilder } from 'kysely';
import { statusesFrom } from '../../shared/bookingStates';
import type { RecordKind } from '../../shared/records';
import type { BookingsTable, CloudSchema } from '../db/schema';
import type { Db } from './db';

export interface RecordsSqlFilter {
  kind: RecordKind;
  siteId: string;
  /**
   * the instant the list is read as of: a status filter matches the effective status (a pending, approved or returned
   * booking whose window ended by then is expired, as the sweep will record it: bookingStates.statusAsOf)
   */
  asOf: string;
  /** instants [from, to) of the entry (visits) or of the window's start (bookings) */
  from?: string;
  to?: string;
  /** bookings of one of these hosts (a host, a department's hosts); an empty list matches nothing */
  hostIds?: readonly string[];
  source?: readonly string[];
  status?: readonly string[];
  area?: string;
  kioskId?: string;
  phoneKey?: string;
  idKey?: string;
  namePrefix?: string;
}

/** Where a page starts: after the row with this sort key (entry or window start) and id. */
export interface RecordsKey {
  at: string;
  id: string;
}

export type RecordSqlRow = Pick<
  BookingsTable,
  | 'id'
  | 'code'
  | 'visitor'
  | 'host_id'
  | 'source'
  | 'status'
  | 'area'
  | 'reason'
  | 'group_size'
  | 'window_start'
  | 'window_end'
  | 'arrived_at'
  | 'left_at'
  | 'expired_from'
  | 'arrived_kiosk_id'
  | 'temperature_c'
  | 'created_at'
>;

const COLUMNS = [
  'id',
  'code',
  'visitor',
  'host_id',
  'source',
  'status',
  'area',
  'reason',
  'group_size',
  'window_start',
  'window_end',
  'arrived_at',
  'left_at',
  'expired_from',
  'arrived_kiosk_id',
  'temperature_c',
  'created_at',
] as const;

/** The sort column of a kind: entry for visits, window start for bookings. */
const sortColumn = (kind: RecordKind) => (kind === 'visits' ? 'arrived_at' : 'window_start');

/** %, _ and the escape itself taken literally in a LIKE pattern. */
const likeLiteral = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The statuses the sweep expires once the window has ended. */
const EXPIRABLE = statusesFrom('expire');

/** The booking's status as of `asOf` (the stored one, or expired once its window ended) is one of `statuses`. */
function effectiveStatusIn(eb: ExpressionBuilder<CloudSchema, 'bookings'>, statuses: readonly string[], asOf: string) {
  const stillAsStored = eb.and([eb('status', 'in', statuses), eb.or([eb('status', 'not in', EXPIRABLE), eb('window_end', '>', asOf)])]);
  if (!statuses.includes('expired')) return stillAsStored;
  return eb.or([stillAsStored, eb.and([eb('status', 'in', EXPIRABLE), eb('window_end', '<=', asOf)])]);
}

function filtered<O>(q: SelectQueryBuilder<CloudSchema, 'bookings', O>, f: RecordsSqlFilter): SelectQueryBuilder<CloudSchema, 'bookings', O> {
  const at = sortColumn(f.kind);
  q = q.where('site_id', '=', f.siteId);
  if (f.kind === 'visits') q = q.where('arrived_at', 'is not', null);
  if (f.from !== undefined) q = q.where(at, '>=', f.from);
  if (f.to !== undefined) q = q.where(at, '<', f.to);
  if (f.hostIds !== undefined) {
    if (f.hostIds.length === 0) return q.where(sql<boolean>`1 = 0`);
    q = f.hostIds.length === 1 ? q.where('host_id', '=', f.hostIds[0]!) : q.where('host_id', 'in', f.hostIds);
  }
  if (f.source !== undefined && f.source.length > 0) q = q.where('source', 'in', f.source);
  if (f.status !== undefined && f.status.length > 0) q = q.where((eb) => effectiveStatusIn(eb, f.status!, f.asOf));
  if (f.area !== undefined) q = q.where('area', '=', f.area);
  if (f.kioskId !== undefined) q = q.where('arrived_kiosk_id', '=', f.kioskId);
  if (f.phoneKey !== undefined) q = q.where('visitor_phone_key', '=', f.phoneKey);
  if (f.idKey !== undefined) q = q.where('visitor_id_key', '=', f.idKey);
  if (f.namePrefix !== undefined) q = q.where(sql<boolean>`visitor_name like ${`${likeLiteral(f.namePrefix)}%`} escape '\\'`);
  return q;
}

/**
 * One page: the rows after `after` (newest first), at most `limit`. The keyset condition is written as a range on the
 * sort column (an index bound) and a filter on the id for the ties, which both planners use as such.
 */
export async function listRecordPage(db: Db, f: RecordsSqlFilter, after: RecordsKey | undefined, limit: number): Promise<RecordSqlRow[]> {
  const at = sortColumn(f.kind);
  let q = filtered(db.selectFrom('bookings').select(COLUMNS), f);
  if (after !== undefined) {
    q = q.where(at, '<=', after.at).where((eb) => eb.or([eb(at, '<', after.at), eb('id', '<', after.id)]));
  }
  return q.orderBy(at, 'desc').orderBy('id', 'desc').limit(limit).execute();
}

/** How many rows match, counted up to `atMost` (an export's limit + 1: the count never walks the whole table). */
export async function countRecordsUpTo(db: Db, f: RecordsSqlFilter, atMost: number): Promise<number> {
  const matching = filtered(db.selectFrom('bookings').select('id'), f).limit(atMost);
  const row = await db
    .selectFrom(matching.as('m'))
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The ids of a site's hosts in a department. */
export async function findDepartmentHostIds(db: Db, siteId: string, department: string): Promise<string[]> {
  const rows = await db.selectFrom('hosts').select('id').where('site_id', '=', siteId).where('department', '=', department).execute();
  return rows.map((r) => r.id);
}

export async function findHostsByIds(db: Db, ids: readonly string[]): Promise<{ id: string; name: string; department: string }[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('hosts').select(['id', 'name', 'department']).where('id', 'in', ids).execute();
}

export async function findKioskNames(db: Db, ids: readonly string[]): Promise<{ id: string; name: string }[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('kiosks').select(['id', 'name']).where('id', 'in', ids).execute();
}

/** Of these bookings, those a face photo was stored for (an applied uploadVisitorPhoto command naming them). */
export async function findBookingsWithPhoto(db: Db, bookingIds: readonly string[]): Promise<Set<string>> {
  if (bookingIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('applied_commands')
    .select('booking_id')
    .distinct()
    .where('booking_id', 'in', bookingIds)
    .where('kind', '=', 'uploadVisitorPhoto')
    .where('status', '=', 'applied')
    .execute();
  return new Set(rows.map((r) => r.booking_id).filter((id): id is string => id !== null));
}
