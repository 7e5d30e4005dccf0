/**
 * A booking's life: created pending; approved / rejected / returned (pending again, with a reason) by its
 * host or an admin; cancelled; arrived and left through kiosk commands; expired when its window closes.
 * Every change bumps change_seq and is recorded (approvals for decisions, audit_log for all).
 */
import type { Transaction } from 'kysely';
import type { z } from 'zod';
import type { BookingCreate, BookingReceipt, Decision } from '../../shared/api';
import type { Booking, BookingStatus } from '../../shared/domain';
import { checkIdNumber } from '../../shared/idNumber';
import { maskPhone } from '../../shared/mask';
import { actorOf, type Principal } from '../auth';
import type { CloudContext } from '../context';
import { nextChangeSeq } from '../db/changeSeq';
import type { BookingsTable, CloudSchema, HostsTable } from '../db/schema';
import { badRequest, conflict, forbidden, unauthorized } from '../errors';
import { newId } from '../../platform/secrets';
import { insertApproval } from '../repositories/approvals';
import { writeAudit } from '../repositories/audit';
import { insertBookingRow, listSubBookings, updateBookingInStatus } from '../repositories/bookings';
import { bookingUnknown, getBookingRow, NOT_A_WALK_IN, NOT_YET_DECIDED_OR_VISITED, sweepExpiredBookings, toBooking, uniqueBookingCode } from './bookingRecords';
import { findVisitableHost, lookupVisitableHost } from './hosts';
import { siteBookingLimits, strictestBookingLimits, type BookingLimits } from './sites';

export type BookingCreateInput = z.output<typeof BookingCreate>;

const ID_PROBLEM_TEXT = {
  format: '身份证号格式不正确 / ID number has the wrong format',
  birth_date: '身份证号出生日期无效 / ID number has an invalid birth date',
  check_digit: '身份证号校验位错误 / ID number check digit is wrong',
} as const;

function checkResidentIds(input: BookingCreateInput): void {
  const people: { who: string; idType: string | undefined; idNumber: string | undefined }[] = [
    { who: 'visitor', idType: input.visitor.idType, idNumber: input.visitor.idNumber },
    ...input.companions.map((c, i) => ({ who: `companions[${i}]`, idType: c.idType ?? 'resident_id', idNumber: c.idNumber })),
  ];
  for (const p of people) {
    if (p.idType !== 'resident_id' || p.idNumber === undefined) continue;
    const problem = checkIdNumber(p.idNumber);
    if (problem !== null) throw badRequest('id_number_invalid', ID_PROBLEM_TEXT[problem], { who: p.who, problem });
  }
}

const iso = (instant: string) => new Date(instant).toISOString();

const DAY_MS = 24 * 3600_000;

/** A visit window must not have ended, nor last longer or start further ahead than the site allows. */
function checkWindow(input: BookingCreateInput, now: Date, limits: BookingLimits): void {
  const start = Date.parse(input.windowStart);
  const end = Date.parse(input.windowEnd);
  if (end <= now.getTime()) throw badRequest('window_in_past', '来访时段已结束 / the visit window has already ended');
  if (end - start > limits.maxWindowDays * DAY_MS) {
    throw badRequest('window_too_long', `来访时段过长 / a visit window may last at most ${limits.maxWindowDays} days`, { maxWindowDays: limits.maxWindowDays });
  }
  if (start - now.getTime() > limits.maxLeadDays * DAY_MS) {
    throw badRequest('window_too_far_ahead', `预约过早 / a visit may be booked at most ${limits.maxLeadDays} days ahead`, { maxLeadDays: limits.maxLeadDays });
  }
}

/** What every booking must pass before its host is looked up; returns the group size. */
function checkBookingInput(input: BookingCreateInput): number {
  checkResidentIds(input);
  const groupSize = input.groupSize ?? input.companions.length + 1;
  if (groupSize < input.companions.length + 1) {
    throw badRequest('group_size_too_small', 'groupSize counts the visitor and every companion');
  }
  return groupSize;
}

async function insertBooking(
  trx: Transaction<CloudSchema>,
  principal: Principal | undefined,
  host: HostsTable,
  input: BookingCreateInput,
  groupSize: number,
  now: Date,
): Promise<Booking> {
  const nowIso = now.toISOString();
  const seq = await nextChangeSeq(trx);
  const row = {
    id: newId('bk'),
    code: await uniqueBookingCode(trx),
    site_id: host.site_id,
    host_id: host.id,
    source: input.source,
    status: 'pending',
    visitor: JSON.stringify(input.visitor),
    companions: JSON.stringify(input.companions),
    group_size: groupSize,
    reason: input.reason,
    area: input.area ?? null,
    window_start: iso(input.windowStart),
    window_end: iso(input.windowEnd),
    ...NOT_YET_DECIDED_OR_VISITED,
    ...NOT_A_WALK_IN,
    created_at: nowIso,
    updated_at: nowIso,
    change_seq: seq,
  };
  await insertBookingRow(trx, row);
  await writeAudit(trx, { at: now, actor: actorOf(principal), action: 'booking.create', subject: row.id, detail: { source: input.source, hostId: host.id } });
  return toBooking(row);
}

/** A booking by a signed-in caller (admin, host, kiosk): an unknown host is 404 无此受访人. */
export async function createBooking(ctx: CloudContext, principal: Principal, input: BookingCreateInput): Promise<Booking> {
  if (input.source !== 'self' && principal.kind === 'kiosk') throw forbidden(`a ${input.source} booking needs an admin or host bearer`);
  const groupSize = checkBookingInput(input);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    // given both, the host must match both (findVisitableHost filters on each)
    const host = await findVisitableHost(trx, { hostId: input.hostId, hostPhone: input.hostPhone });
    if (principal.kind === 'host' && input.source !== 'self' && principal.hostId !== host.id) {
      throw forbidden('a host may only invite visitors to themselves');
    }
    checkWindow(input, now, await siteBookingLimits(trx, host.site_id));
    return insertBooking(trx, principal, host, input, groupSize, now);
  });
}

export const BOOKING_RECEIVED_MESSAGE = '预约申请已提交，等待受访人审核 / application received; the host will decide';

/**
 * A visitor's own booking, without a bearer (rate-limited by the route). Every check that can refuse it runs before
 * the host is looked up, the window by every site's strictest limits, so nothing in the reply depends on the
 * directory: a known host gets a pending booking, an unknown one (or one without visit permission) only an audit
 * entry, and both get the same 202 receipt with a booking code.
 */
export async function receiveAnonymousBooking(ctx: CloudContext, input: BookingCreateInput): Promise<BookingReceipt> {
  if (input.source !== 'self') throw unauthorized(`a ${input.source} booking needs an admin or host bearer`);
  const groupSize = checkBookingInput(input);
  const now = ctx.now();
  checkWindow(input, now, await strictestBookingLimits(ctx.db));
  const code = await ctx.db.transaction().execute(async (trx) => {
    const host = await lookupVisitableHost(trx, { hostId: input.hostId, hostPhone: input.hostPhone });
    if (host) return (await insertBooking(trx, undefined, host, input, groupSize, now)).code;
    const unused = await uniqueBookingCode(trx);
    await writeAudit(trx, {
      at: now,
      actor: actorOf(undefined),
      action: 'booking.host_not_found',
      subject: unused,
      detail: { hostPhone: input.hostPhone !== undefined ? maskPhone(input.hostPhone) : null, hostId: input.hostId ?? null },
    });
    return unused;
  });
  return { received: true, code, status: 'pending', windowStart: iso(input.windowStart), windowEnd: iso(input.windowEnd), message: BOOKING_RECEIVED_MESSAGE };
}

/**
 * Admins may act on any booking, hosts only on their own: another host's booking answers exactly as a booking
 * that does not exist (404 booking_unknown), so booking ids cannot be probed.
 */
export function assertMayManage(principal: Principal, row: Pick<BookingsTable, 'id' | 'host_id'>): void {
  if (principal.kind === 'admin') return;
  if (principal.kind === 'host' && principal.hostId === row.host_id) return;
  throw bookingUnknown(row.id);
}

const DECISIONS: Record<Decision['action'], BookingStatus> = { approve: 'approved', reject: 'rejected', return: 'pending' };

interface Transition {
  action: Decision['action'] | 'cancel';
  from: readonly BookingStatus[];
  to: BookingStatus;
  /** a decision's reason (null when none was given); absent for a cancel, which leaves decision_reason alone */
  decisionReason?: string | null;
}

/**
 * Moves a booking the principal may manage along one transition, recording it in approvals and the audit log. A main
 * bill's sub-bills (a walk-in's companions, seed 004) follow it: approved with it, cancelled when it is rejected or
 * cancelled, each from a
 * status the transition starts from (a companion cancelled alone stays cancelled); a sub-bill is decided only through
 * its main bill, but may be cancelled alone.
 */
async function moveBooking(ctx: CloudContext, principal: Principal, bookingId: string, now: Date, t: Transition): Promise<Booking> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await getBookingRow(trx, bookingId);
    assertMayManage(principal, row);
    if (row.main_booking_id !== null && t.action !== 'cancel') {
      throw conflict('booking_follows_main', `a companion’s booking follows its main booking ${row.main_booking_id}: decide that one`);
    }
    await moveOne(trx, principal, row, now, t, false);
    if (t.to !== 'pending') {
      // seed 004: the sub-bills follow the main bill's approval, and are cancelled when it is rejected
      const followed: Transition = t.action === 'reject' ? { ...t, action: 'cancel', to: 'cancelled' } : t;
      for (const sub of await listSubBookings(trx, bookingId)) {
        if ((t.from as readonly string[]).includes(sub.status)) await moveOne(trx, principal, sub, now, followed, true);
      }
    }
    return toBooking(await getBookingRow(trx, bookingId));
  });
}

async function moveOne(trx: Transaction<CloudSchema>, principal: Principal, row: BookingsTable, now: Date, t: Transition, followsMain: boolean): Promise<void> {
  const bookingId = row.id;
  if (!(t.from as readonly string[]).includes(row.status)) {
    // a decision on a booking withdrawn (or decided) meanwhile: said plainly, nothing changes
    if (t.action !== 'cancel' && !followsMain)
      throw conflict('booking_not_pending', `预约已不在待审批状态（${row.status}）/ the booking is no longer pending: it is ${row.status}`);
    throw conflict('booking_state', `cannot ${t.action} a booking that is ${row.status}`);
  }
  const seq = await nextChangeSeq(trx);
  const nowIso = now.toISOString();
  const updated = await updateBookingInStatus(trx, bookingId, row.status, {
    status: t.to,
    ...(t.decisionReason !== undefined ? { decision_reason: t.decisionReason } : {}),
    updated_at: nowIso,
    change_seq: seq,
  });
  if (updated !== 1) throw conflict('booking_state', 'the booking changed meanwhile');
  const actor = actorOf(principal);
  await insertApproval(trx, {
    id: newId('apr'),
    booking_id: bookingId,
    action: t.action,
    from_status: row.status,
    to_status: t.to,
    reason: t.decisionReason ?? null,
    actor,
    at: nowIso,
  });
  const detail = { ...(t.decisionReason !== undefined ? { reason: t.decisionReason } : {}), ...(followsMain ? { mainBookingId: row.main_booking_id } : {}) };
  await writeAudit(trx, { at: now, actor, action: `booking.${t.action}`, subject: bookingId, ...(Object.keys(detail).length > 0 ? { detail } : {}) });
}

export async function decideBooking(ctx: CloudContext, principal: Principal, bookingId: string, decision: Decision): Promise<Booking> {
  const now = ctx.now();
  await sweepExpiredBookings(ctx.db, now);
  if ((decision.action === 'reject' || decision.action === 'return') && !decision.reason) {
    throw badRequest('reason_required', `a reason is required to ${decision.action} a booking`);
  }
  return moveBooking(ctx, principal, bookingId, now, {
    action: decision.action,
    from: ['pending'],
    to: DECISIONS[decision.action],
    decisionReason: decision.reason ?? null,
  });
}

export async function cancelBooking(ctx: CloudContext, principal: Principal, bookingId: string): Promise<Booking> {
  const now = ctx.now();
  await sweepExpiredBookings(ctx.db, now);
  return moveBooking(ctx, principal, bookingId, now, { action: 'cancel', from: ['pending', 'approved'], to: 'cancelled' });
}
