/**
 * The record lists (issue 14 §5): a request's filters made into SQL terms (the site's days as instants, a department
 * as its hosts, a keyword as a name prefix or as the hash of a phone or ID number), pages by an opaque keyset cursor,
 * and rows as a person sees them: ID and phone numbers masked unless an administrator's export asks otherwise.
 */
import { z } from 'zod';
import { blacklistIdNumberKey, blacklistPhoneKey } from '../../shared/blacklistKey';
import { statusAsOf } from '../../shared/bookingStates';
import { Id, VisitorIdentity } from '../../shared/domain';
import { maskIdNumber, maskPhone } from '../../shared/mask';
import type { RecordKind, RecordPage, RecordRow, RecordsFilter } from '../../shared/records';
import { addDays, siteTimeZone, startOfLocalDay } from '../../shared/siteDay';
import { badRequest } from '../errors';
import type { Db } from '../repositories/db';
import {
  findBookingsWithPhoto,
  findDepartmentHostIds,
  findHostsByIds,
  findKioskNames,
  listRecordPage,
  type RecordSqlRow,
  type RecordsKey,
  type RecordsSqlFilter,
} from '../repositories/records';
import { getSiteRow, soleSiteId } from './sites';

const ID_NUMBER_LIKE = /^(\d{15}|\d{17}[\dX])$/;
const PHONE_LIKE = /^\+?\d{5,15}$/;
const OTHER_ID_LIKE = /^[A-Z0-9]{5,32}$/;

/** What a keyword searches: a name's beginning, or a whole number by its hash. */
export type KeywordTerm = { namePrefix: string } | { phoneKey: string; masked: string } | { idKey: string; masked: string };

/**
 * A keyword as a search term: 15 or 18 characters of an ID number → its ID key; other digits (a phone, +86 or not) →
 * the phone key; letters with digits (a passport) → the ID key; no digit → a name's beginning. A part of a number
 * is refused: numbers are found whole, by hash.
 */
export function keywordTerm(keyword: string): KeywordTerm {
  const compact = keyword.replace(/[\s\-.()\u3000]/g, '').toUpperCase();
  if (!/\d/.test(compact)) return { namePrefix: keyword.trim() };
  if (ID_NUMBER_LIKE.test(compact)) return { idKey: blacklistIdNumberKey(compact), masked: maskIdNumber(compact) };
  if (PHONE_LIKE.test(compact)) return { phoneKey: blacklistPhoneKey(keyword), masked: maskPhone(compact) };
  if (OTHER_ID_LIKE.test(compact)) return { idKey: blacklistIdNumberKey(compact), masked: maskIdNumber(compact) };
  throw badRequest('keyword_invalid', 'keyword: a name, or a whole phone or ID number (numbers are matched whole, never in part)');
}

/** The keyword as an audit entry may hold it: a number masked. */
export const keywordForLog = (keyword: string): string => {
  const term = keywordTerm(keyword);
  return 'namePrefix' in term ? term.namePrefix : term.masked;
};

/**
 * The filter in SQL terms, read as of `now` (statuses are the effective ones then); the site is the one named or the
 * only one (400 site_required otherwise).
 */
export async function recordsSqlFilter(db: Db, kind: RecordKind, f: RecordsFilter, now: Date): Promise<RecordsSqlFilter> {
  const siteId = f.siteId ?? (await soleSiteId(db));
  if (siteId === undefined) throw badRequest('site_required', 'siteId is required when there is not exactly one site');
  const tz = siteTimeZone(await getSiteRow(db, siteId));
  const out: RecordsSqlFilter = { kind, siteId, asOf: now.toISOString() };
  try {
    if (f.from !== undefined) out.from = startOfLocalDay(f.from, tz).toISOString();
    if (f.to !== undefined) out.to = startOfLocalDay(addDays(f.to, 1), tz).toISOString();
  } catch {
    throw badRequest('date_invalid', 'from / to: a calendar date YYYY-MM-DD');
  }
  if (f.hostId !== undefined) out.hostIds = [f.hostId];
  if (f.department !== undefined) {
    const inDepartment = await findDepartmentHostIds(db, siteId, f.department);
    out.hostIds = out.hostIds === undefined ? inDepartment : out.hostIds.filter((id) => inDepartment.includes(id));
  }
  if (f.source !== undefined) out.source = f.source;
  if (f.status !== undefined) out.status = f.status;
  if (f.area !== undefined) out.area = f.area;
  if (f.kioskId !== undefined) out.kioskId = f.kioskId;
  if (f.keyword !== undefined) {
    const term = keywordTerm(f.keyword);
    if ('namePrefix' in term) out.namePrefix = term.namePrefix;
    else if ('phoneKey' in term) out.phoneKey = term.phoneKey;
    else out.idKey = term.idKey;
  }
  return out;
}

const CursorJson = z.tuple([z.enum(['v', 'b']), z.iso.datetime({ offset: true }), Id]);

/** An opaque cursor: the kind, and the sort key and id of the page's last row. */
export function encodeCursor(kind: RecordKind, key: RecordsKey): string {
  return Buffer.from(JSON.stringify([kind === 'visits' ? 'v' : 'b', key.at, key.id])).toString('base64url');
}

export function decodeCursor(kind: RecordKind, cursor: string): RecordsKey {
  const invalid = () => badRequest('cursor_invalid', 'cursor: pass the nextCursor of a page of this same list, unchanged');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  const r = CursorJson.safeParse(parsed);
  if (!r.success || r.data[0] !== (kind === 'visits' ? 'v' : 'b')) throw invalid();
  return { at: r.data[1], id: r.data[2] };
}

const sortKeyOf = (kind: RecordKind, row: RecordSqlRow): RecordsKey => ({ at: (kind === 'visits' ? row.arrived_at : row.window_start) ?? '', id: row.id });

/**
 * A page's rows as a person sees them, as of `asOf`: the effective status (a booking past its window still stored as
 * approved until the sweep runs reads as expired); `unmasked`: the full numbers (an administrator's export, logged by
 * the caller).
 */
export async function recordRowsOf(db: Db, rows: readonly RecordSqlRow[], asOf: string, unmasked = false): Promise<RecordRow[]> {
  const hostIds = [...new Set(rows.map((r) => r.host_id))];
  const kioskIds = [...new Set(rows.map((r) => r.arrived_kiosk_id).filter((id): id is string => id !== null))];
  const [hosts, kiosks, photos] = await Promise.all([
    findHostsByIds(db, hostIds),
    findKioskNames(db, kioskIds),
    findBookingsWithPhoto(
      db,
      rows.filter((r) => r.arrived_at !== null).map((r) => r.id),
    ),
  ]);
  const hostById = new Map(hosts.map((h) => [h.id, h]));
  const kioskById = new Map(kiosks.map((k) => [k.id, k.name]));
  return rows.map((r) => {
    const visitor = VisitorIdentity.parse(JSON.parse(r.visitor));
    const host = hostById.get(r.host_id);
    const row: RecordRow = {
      bookingId: r.id,
      code: r.code,
      visitorName: visitor.name,
      idType: visitor.idType,
      phone: unmasked ? visitor.phone : maskPhone(visitor.phone),
      hostId: r.host_id,
      hostName: host?.name ?? '',
      department: host?.department ?? '',
      source: r.source as RecordRow['source'],
      status: statusAsOf(r.status as RecordRow['status'], r.window_end, asOf),
      reason: r.reason,
      groupSize: r.group_size,
      windowStart: r.window_start,
      windowEnd: r.window_end,
      exitUnrecorded: r.status === 'left' && r.expired_from === 'arrived',
      photoTaken: photos.has(r.id),
      createdAt: r.created_at,
    };
    if (visitor.idNumber !== undefined) row.idNumber = unmasked ? visitor.idNumber : maskIdNumber(visitor.idNumber);
    if (visitor.company !== undefined) row.company = visitor.company;
    if (r.area !== null) row.area = r.area;
    if (r.arrived_at !== null) row.arrivedAt = r.arrived_at;
    if (r.left_at !== null) row.leftAt = r.left_at;
    if (r.arrived_kiosk_id !== null) {
      row.kioskId = r.arrived_kiosk_id;
      const name = kioskById.get(r.arrived_kiosk_id);
      if (name !== undefined) row.kioskName = name;
    }
    if (r.temperature_c !== null) row.temperatureC = r.temperature_c;
    return row;
  });
}

/** One page of a list, and the cursor of the next when there is one. */
export async function readRecordPage(db: Db, f: RecordsSqlFilter, cursor: string | undefined, limit: number): Promise<RecordPage> {
  const after = cursor === undefined ? undefined : decodeCursor(f.kind, cursor);
  const rows = await listRecordPage(db, f, after, limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    rows: await recordRowsOf(db, page, f.asOf),
    ...(rows.length > limit && last !== undefined ? { nextCursor: encodeCursor(f.kind, sortKeyOf(f.kind, last)) } : {}),
  };
}

/** Every matching row, newest first, a batch at a time (an export streams them as they come). */
export async function* eachRecordBatch(db: Db, f: RecordsSqlFilter, unmasked: boolean, batch = 1000): AsyncGenerator<RecordRow[]> {
  let after: RecordsKey | undefined;
  for (;;) {
    const rows = await listRecordPage(db, f, after, batch);
    if (rows.length > 0) yield await recordRowsOf(db, rows, f.asOf, unmasked);
    if (rows.length < batch) return;
    after = sortKeyOf(f.kind, rows[rows.length - 1]!);
  }
}
