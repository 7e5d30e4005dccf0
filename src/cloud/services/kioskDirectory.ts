/**
 * The lookups a kiosk makes while registering a walk-in, each scoped to the kiosk's site and masked: a person's last
 * visit (by the blacklist key of their ID number, then of their phone, through the visitor library), today's
 * visitors, and the host directory (by phone, exact, or by name).
 */
import { kioskStatus } from '../../shared/bookingStates';
import { BookingSource, BookingStatus, Phone, VisitorIdentity } from '../../shared/domain';
import type { KioskHostEntry, LastVisitQuery, VisitRecord, WalkInDecision } from '../../shared/kioskDirectory';
import { maskIdNumber, maskName, maskPhone } from '../../shared/mask';
import { dayRange } from '../../shared/siteDay';
import type { BookingsTable, HostsTable, PassagesTable } from '../db/schema';
import { listPassagesOfBookingsBetween } from '../repositories/passages';
import { isMultiDayWindow } from '../../shared/visitDays';
import { badRequest } from '../errors';
import { bookingAsOf } from './bookingRecords';
import { findLatestBookingOfVisitor, listSubBookings, listVisitsOfDay } from '../repositories/bookings';
import type { Db } from '../repositories/db';
import { listHostsByIds, listHostsOfSiteByPhone, searchHostsOfSiteByName } from '../repositories/hosts';
import { findVisitorsByKey } from '../repositories/visitors';

/** A visit as the desk may see it. */
function toVisitRecord(row: BookingsTable, host: Pick<HostsTable, 'id' | 'name' | 'department'> | undefined): VisitRecord {
  const v = VisitorIdentity.parse(JSON.parse(row.visitor));
  return {
    bookingId: row.id,
    code: row.code,
    source: BookingSource.parse(row.source),
    status: kioskStatus(BookingStatus.parse(row.status)),
    ...(row.main_booking_id !== null ? { mainBookingId: row.main_booking_id } : {}),
    nameMasked: maskName(v.name),
    phoneMasked: maskPhone(v.phone),
    idType: v.idType,
    ...(v.idNumber !== undefined ? { idNumberMasked: maskIdNumber(v.idNumber) } : {}),
    ...(v.company !== undefined ? { company: v.company } : {}),
    ...(v.title !== undefined ? { title: v.title } : {}),
    host: host ? { id: host.id, name: host.name, department: host.department } : { id: row.host_id, name: '', department: '' },
    reason: row.reason,
    ...(row.visit_type !== null ? { visitType: row.visit_type } : {}),
    ...(row.area !== null ? { area: row.area } : {}),
    ...(v.plate !== undefined ? { plate: v.plate } : {}),
    windowStart: row.window_start,
    windowEnd: row.window_end,
    at: row.arrived_at ?? row.created_at,
  };
}

async function withHosts(db: Db, rows: BookingsTable[]): Promise<VisitRecord[]> {
  const ids = [...new Set(rows.map((r) => r.host_id))];
  const hosts = new Map((ids.length > 0 ? await listHostsByIds(db, ids) : []).map((h) => [h.id, h]));
  return rows.map((r) => toVisitRecord(r, hosts.get(r.host_id)));
}

/** This person's most recent visit at the site (any kiosk): by ID key first, then by phone key. */
export async function lastVisitOf(db: Db, siteId: string, q: LastVisitQuery): Promise<VisitRecord | undefined> {
  const tries = [...(q.idKey !== undefined ? [{ idKey: q.idKey }] : []), ...(q.phoneKey !== undefined ? [{ phoneKey: q.phoneKey }] : [])];
  for (const by of tries) {
    const visitors = await findVisitorsByKey(db, siteId, by, 20);
    const row = await findLatestBookingOfVisitor(
      db,
      siteId,
      visitors.map((v) => v.id),
    );
    if (row) return (await withHosts(db, [row]))[0];
  }
  return undefined;
}

type Movement = NonNullable<VisitRecord['passagesToday']>[number];

/** Today's entries and exits of a visit (its arrival, the passages, its sign-out) and where its visitor stands. */
function withToday(
  record: VisitRecord,
  row: BookingsTable,
  passages: readonly PassagesTable[],
  range: { from: string; to: string },
  timeZone: string,
): VisitRecord {
  const inDay = (at: string | null): at is string => at !== null && at >= range.from && at < range.to;
  const swept = row.status === 'left' && row.expired_from === 'arrived';
  const moves: Movement[] = [
    ...(inDay(row.arrived_at) ? [{ direction: 'entry' as const, at: row.arrived_at }] : []),
    ...passages.map((p) => ({ direction: p.direction === 'exit' ? ('exit' as const) : ('entry' as const), at: p.at })),
    ...(inDay(row.left_at) && !swept ? [{ direction: 'exit' as const, at: row.left_at }] : []),
  ].sort((a, b) => a.at.localeCompare(b.at));
  const last = moves.at(-1);
  return {
    ...record,
    ...(isMultiDayWindow({ windowStart: row.window_start, windowEnd: row.window_end }, timeZone) ? { multiDay: true as const } : {}),
    todayState: swept ? 'out' : last === undefined ? 'none' : last.direction === 'entry' ? 'in' : 'out',
    passagesToday: moves,
    ...(swept ? { exitUnrecorded: true as const } : {}),
  };
}

/**
 * The site's walk-ins and arrivals of its calendar day, and the later days of multi-day visits not ended before it,
 * newest first, each with today's entries and exits and where its visitor stands.
 */
export async function todaysVisits(db: Db, site: { id: string; timezone: string }, now: Date, limit: number): Promise<{ date: string; visits: VisitRecord[] }> {
  const range = dayRange(now, site.timezone, 0, 0);
  const rows = await listVisitsOfDay(db, site.id, range, limit);
  const passages = await listPassagesOfBookingsBetween(
    db,
    rows.map((r) => r.id),
    range,
  );
  const records = await withHosts(db, rows);
  // each visit's passages by one pass over them (a filter per visit was rows × passages: a busy day's list, issue 12)
  const byBooking = new Map<string, PassagesTable[]>();
  for (const p of passages) {
    if (p.booking_id === null) continue;
    const list = byBooking.get(p.booking_id);
    if (list) list.push(p);
    else byBooking.set(p.booking_id, [p]);
  }
  return {
    date: range.today,
    visits: records.map((rec, i) => {
      const row = rows[i]!;
      return withToday(rec, row, byBooking.get(row.id) ?? [], range, site.timezone);
    }),
  };
}

export function toKioskHostEntry(row: HostsTable): KioskHostEntry {
  return {
    id: row.id,
    name: row.name,
    department: row.department,
    ...(row.office !== null ? { office: row.office } : {}),
    phoneMasked: maskPhone(row.phone),
    canReceiveVisitors: row.can_receive_visitors !== 0,
  };
}

/** How many hosts a name search answers at most. */
export const HOST_SEARCH_LIMIT = 20;

/** The site's hosts by phone (exact, normalised) or by name (at least 2 characters, contained). */
export async function searchHosts(db: Db, siteId: string, q: string): Promise<KioskHostEntry[]> {
  const phone = Phone.safeParse(q);
  if (phone.success) return (await listHostsOfSiteByPhone(db, siteId, phone.data)).map(toKioskHostEntry);
  if ([...q].length < 2) throw badRequest('query_too_short', '请输入受访人手机号或至少两个字的姓名 / a phone number or at least 2 characters of a name');
  return (await searchHostsOfSiteByName(db, siteId, q, HOST_SEARCH_LIMIT)).map(toKioskHostEntry);
}

/** Where a walk-in stands for the kiosk waiting on it: its status, the host's masked name, its sub-bills. */
/** `row` as of `now` already (bookingAsOf); its companions' bills are read as of `now` here. */
export async function walkInDecisionOf(db: Db, row: BookingsTable, now: Date): Promise<WalkInDecision> {
  const [host] = await listHostsByIds(db, [row.host_id]);
  const subs = (await listSubBookings(db, row.id)).map((s) => bookingAsOf(s, now));
  return {
    bookingId: row.id,
    code: row.code,
    status: kioskStatus(BookingStatus.parse(row.status)),
    decided: kioskStatus(BookingStatus.parse(row.status)) !== 'pending',
    ...(row.decision_reason !== null ? { decisionReason: row.decision_reason } : {}),
    hostNameMasked: host ? maskName(host.name) : '',
    updatedAt: row.updated_at,
    subBookings: subs.map((s) => ({ id: s.id, code: s.code, status: kioskStatus(BookingStatus.parse(s.status)) })),
  };
}
