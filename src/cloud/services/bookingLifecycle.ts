/**
 * A booking's life (the moves: src/shared/bookingStates.ts): created pending; approved / rejected / returned (to its
 * applicant, with a reason) by its host or an admin; amended and resubmitted (bookingEdits.ts); cancelled; arrived
 * and left through kiosk commands; expired when its window closes.
 * Every change bumps change_seq and is recorded (approvals for decisions, audit_log for all).
 */
import type { Transaction } from 'kysely';
import type { z } from 'zod';
import type { BookingCreate, BookingReceipt, Decision } from '../../shared/api';
import { bookingStatusLabel, INITIAL_STATUS, nextStatus, SUB_BILL_FOLLOWS, transitionOf, type BookingMove } from '../../shared/bookingStates';
import { BookingStatus, type Booking } from '../../shared/domain';
import { maskPhone } from '../../shared/mask';
import { adminSiteOf } from '../access';
import { actorOf, type Principal } from '../auth';
import type { CloudContext } from '../context';
import { nextChangeSeq } from '../db/changeSeq';
import type { BookingsTable, CloudSchema, HostsTable } from '../db/schema';
import { badRequest, conflict, forbidden, unauthorized } from '../errors';
import { newId } from '../../platform/secrets';
import { insertApproval } from '../repositories/approvals';
import { writeAudit } from '../repositories/audit';
import { insertBookingRow, listSubBookings, moveBookingStatus } from '../repositories/bookings';
import { isCompanionLinkSubBill } from '../repositories/companionLinks';
import { bookingAsOf, bookingUnknown, getBookingRow, NOT_A_WALK_IN, NOT_YET_DECIDED_OR_VISITED, toBooking, uniqueBookingCode } from './bookingRecords';
import { findApplicationHost, lookupApplicationHost, resolveBookingDetails } from './bookingDetails';
import { blacklistedPeople, checkBookingInput, checkWindow, enforceBlacklist, refusedAsBlacklisted } from './bookingRules';
import { recordBlacklistHits, recordingRefusedHits } from './blacklistHits';
import { siteBookingLimits, strictestBookingLimits } from './sites';
import { approvesOwnProxyBooking, checkCcHosts, copyBookingToHosts, PROXY_BOOKING_APPROVAL_REASON } from './hostDeskBookings';
import { notifyHostOfApplication, notifyVisitorOfDecision } from '../notifications/events';
import { isVisitorsBooking } from './visitorBookings';

export type BookingCreateInput = z.output<typeof BookingCreate>;

const iso = (instant: string) => new Date(instant).toISOString();
const isTheHost = (principal: Principal | undefined, hostId: string): boolean => principal?.kind === 'host' && principal.hostId === hostId;

export async function insertBooking(
  trx: Transaction<CloudSchema>,
  principal: Principal | undefined,
  host: HostsTable,
  input: BookingCreateInput,
  groupSize: number,
  now: Date,
  /** false where the booking is approved in the same transaction (an invitation that needs no approval) */
  asksHost = true,
): Promise<Booking> {
  const nowIso = now.toISOString();
  // the site's lists, an official visit's department, a driver's plate: what the row records of them
  const resolved = await resolveBookingDetails(trx, host.site_id, input);
  const seq = await nextChangeSeq(trx);
  const row = {
    id: newId('bk'),
    code: await uniqueBookingCode(trx),
    site_id: host.site_id,
    host_id: host.id,
    source: input.source,
    status: INITIAL_STATUS.apply,
    visitor: JSON.stringify(resolved.visitor),
    companions: JSON.stringify(input.companions),
    group_size: groupSize,
    reason: resolved.reason,
    area: resolved.area,
    window_start: iso(input.windowStart),
    window_end: iso(input.windowEnd),
    ...NOT_YET_DECIDED_OR_VISITED,
    ...NOT_A_WALK_IN,
    belongings: resolved.belongings,
    details: resolved.details,
    created_at: nowIso,
    updated_at: nowIso,
    change_seq: seq,
  };
  await insertBookingRow(trx, row);
  await writeAudit(trx, { at: now, actor: actorOf(principal), action: 'booking.create', subject: row.id, detail: { source: input.source, hostId: host.id } });
  // the host is told there is a visitor to approve, unless they booked it themselves
  if (asksHost && !isTheHost(principal, host.id)) await notifyHostOfApplication(trx, row, now);
  return toBooking(row);
}

/** A booking by a signed-in caller (admin, host, kiosk): an unknown host is 404 无此受访人. */
export async function createBooking(ctx: CloudContext, principal: Principal, input: BookingCreateInput): Promise<Booking> {
  if (input.source !== 'self' && (principal.kind === 'kiosk' || principal.kind === 'visitor')) {
    throw forbidden(`a ${input.source} booking needs an admin or host bearer`);
  }
  const groupSize = checkBookingInput(input);
  const now = ctx.now();
  return recordingRefusedHits(ctx.db, () =>
    ctx.db.transaction().execute(async (trx) => {
      // given both, the host must match both (findVisitableHost filters on each)
      // a signed-in visitor books a host of the site they signed in at; an account, a host of its own site
      const siteId = principal.kind === 'visitor' || principal.kind === 'staff' ? principal.siteId : adminSiteOf(principal);
      const { host, ccHostIds: departmentHosts } = await findApplicationHost(trx, input, siteId);
      if (principal.kind === 'host' && input.source !== 'self' && principal.hostId !== host.id) {
        throw forbidden('a host may only invite visitors to themselves');
      }
      checkWindow(input, now, await siteBookingLimits(trx, host.site_id));
      const check = { siteId: host.site_id, now, source: 'application' as const };
      await enforceBlacklist(trx, check, await blacklistedPeople(trx, host.site_id, input, now));
      const ccHostIds = await checkCcHosts(trx, host, [...(input.ccHostIds ?? []), ...departmentHosts]);
      const booking = await insertBooking(trx, principal, host, input, groupSize, now);
      await copyBookingToHosts(trx, booking.id, ccHostIds, now);
      // 代约: a host's booking for their own visitor, approved at once only where the site's policy says so (hostDesk.ts)
      if (await approvesOwnProxyBooking(trx, principal, host, input.source)) {
        return approveInTransaction(trx, actorOf(principal), booking.id, now, PROXY_BOOKING_APPROVAL_REASON);
      }
      return booking;
    }),
  );
}

export const BOOKING_RECEIVED_MESSAGE = '预约申请已提交，等待受访人审核 / application received; the host will decide';

/**
 * A visitor's own booking, without a bearer (rate-limited by the route). Every check that can refuse it runs before
 * the host is looked up, the window by every site's strictest limits, so nothing in the reply depends on the
 * directory: a known host gets a pending booking, an unknown one (or one without visit permission), or an application
 * naming someone the host's site's blacklist refuses, only an audit entry, and all get the same 202 receipt with a
 * booking code.
 */
export async function receiveAnonymousBooking(ctx: CloudContext, input: BookingCreateInput): Promise<BookingReceipt> {
  if (input.source !== 'self') throw unauthorized(`a ${input.source} booking needs an admin or host bearer`);
  if (input.ccHostIds !== undefined && input.ccHostIds.length > 0) throw unauthorized('copying a booking to hosts (ccHostIds) needs an admin or host bearer');
  const groupSize = checkBookingInput(input);
  const now = ctx.now();
  checkWindow(input, now, await strictestBookingLimits(ctx.db));
  const code = await ctx.db.transaction().execute(async (trx) => {
    const found = await lookupApplicationHost(trx, input);
    const host = found?.host;
    const ccHostIds = found?.ccHostIds ?? [];
    // someone the host's site refuses: recorded, never a booking, and the same receipt (it tells no stranger who is blacklisted)
    const hits = host ? await blacklistedPeople(trx, host.site_id, input, now) : [];
    const check = { siteId: host?.site_id ?? '', now, source: 'application' as const };
    const refused = refusedAsBlacklisted(hits, check) !== null;
    if (host && !refused) {
      await recordBlacklistHits(trx, check, hits, 'warned');
      const made = await insertBooking(trx, undefined, host, input, groupSize, now);
      await copyBookingToHosts(trx, made.id, ccHostIds, now);
      return made.code;
    }
    if (refused) await recordBlacklistHits(trx, check, hits, 'refused');
    const unused = await uniqueBookingCode(trx);
    if (host) {
      await writeAudit(trx, { at: now, actor: actorOf(undefined), action: 'booking.blacklisted', subject: unused, detail: { hostId: host.id } });
      return unused;
    }
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
 * Admins may act on any booking, hosts only on their own, visitors only on theirs (the visitor phone is the
 * session's, at the session's site): another's booking answers exactly as a booking that does not exist (404
 * booking_unknown), so booking ids cannot be probed.
 */
export function assertMayManage(principal: Principal, row: Pick<BookingsTable, 'id' | 'host_id' | 'site_id' | 'visitor'>): void {
  const adminSite = principal.kind === 'admin' ? (principal.account?.siteId ?? null) : undefined;
  if (adminSite === null || adminSite === row.site_id) return; // the token or a super administrator; a site's own administrator
  if (principal.kind === 'host' && principal.hostId === row.host_id) return;
  // a reviewer of this site: the route checked the booking's department first (services/reviewerScope.ts)
  if (principal.kind === 'staff' && principal.roles.includes('reviewer') && principal.siteId === row.site_id) return;
  if (principal.kind === 'visitor' && isVisitorsBooking(principal, row)) return;
  throw bookingUnknown(row.id);
}

interface Transition {
  move: BookingMove;
  /** a decision's reason (null when none was given); absent for a cancel, which leaves decision_reason alone */
  decisionReason?: string | null;
}

const DECISION_MOVES = new Set<BookingMove>(['approve', 'reject', 'return']);
const DECISION_WORDS: Partial<Record<BookingMove, string>> = { approve: '通过', reject: '拒绝', return: '退回' };
const DECISION_PAST: Partial<Record<BookingMove, string>> = { approve: 'approved', reject: 'rejected', return: 'returned' };

/**
 * Moves a booking the principal may manage along one transition of the table (src/shared/bookingStates.ts), recording
 * it in approvals and the audit log. `before` refuses it for reasons of the booking's own (a blacklist hit, a walk-in
 * returned) or writes what goes with it (an edit's amended fields), inside the same transaction. A main bill's sub-bills (a walk-in's companions, seed 004) follow it (SUB_BILL_FOLLOWS): approved with it,
 * cancelled when it is rejected or cancelled, each from a status the main bill's move starts from (a companion
 * cancelled alone stays cancelled); a sub-bill is decided only through its main bill, but may be cancelled alone.
 */
export async function moveBooking(
  ctx: CloudContext,
  principal: Principal,
  bookingId: string,
  now: Date,
  t: Transition,
  before?: (trx: Transaction<CloudSchema>, row: BookingsTable) => Promise<void>,
): Promise<Booking> {
  return ctx.db.transaction().execute(async (trx) => {
    // as of now: a booking whose window has ended is expired (the expiry rule), swept or not, and moves no further
    const row = bookingAsOf(await getBookingRow(trx, bookingId), now);
    assertMayManage(principal, row);
    if (row.main_booking_id !== null && t.move !== 'cancel' && !(await decidedAlone(trx, row, now))) {
      throw conflict('booking_follows_main', `a companion’s booking follows its main booking ${row.main_booking_id}: decide that one`);
    }
    if (row.main_booking_id !== null && t.move === 'return') {
      // nobody could amend it: the companion who filled it in has no session
      throw conflict('companion_not_returnable', '同伴的子单据不能退回：请确认或拒绝 / a companion’s booking cannot be returned: approve or reject it');
    }
    refuseIfNotFrom(row, t.move);
    await before?.(trx, row);
    await moveOne(trx, actorOf(principal), row, now, t, false, principal);
    const follow = SUB_BILL_FOLLOWS[t.move];
    if (follow !== undefined) {
      // seed 004: the sub-bills follow the main bill's approval, and are cancelled when it is rejected
      const from = transitionOf(t.move).from as readonly string[];
      for (const sub of (await listSubBookings(trx, bookingId)).map((s) => bookingAsOf(s, now))) {
        if (from.includes(sub.status) && nextStatus(sub.status, follow) !== null)
          await moveOne(trx, actorOf(principal), sub, now, { ...t, move: follow }, true, principal);
      }
    }
    return toBooking(bookingAsOf(await getBookingRow(trx, bookingId), now));
  });
}

/**
 * A sub-bill decided by itself: a companion's details sent through their link (转发同伴填写) after the main bill was
 * approved wait for the host alone (seed 004 1.7, services/companionFill.ts); every other sub-bill follows its main bill.
 */
async function decidedAlone(trx: Transaction<CloudSchema>, sub: BookingsTable, now: Date): Promise<boolean> {
  if (sub.main_booking_id === null || sub.status !== 'pending' || !(await isCompanionLinkSubBill(trx, sub.id))) return false;
  const main = bookingAsOf(await getBookingRow(trx, sub.main_booking_id), now);
  return main.status !== 'pending' && main.status !== 'returned';
}

/** A move the table does not allow from the booking's status: said plainly, nothing changes. */
function refuseIfNotFrom(row: BookingsTable, move: BookingMove): void {
  if (nextStatus(row.status, move) !== null) return;
  if (move === 'resubmit') {
    const status = BookingStatus.parse(row.status);
    const approved = status === 'approved';
    const zh = `预约${bookingStatusLabel(status, 'applicant', 'zh-CN')}，不能修改${approved ? '：请取消后重新预约' : ''}`;
    const en = approved
      ? 'an approved booking cannot be edited: cancel it and book again'
      : `only a pending or returned booking may be edited: this one is ${status}`;
    throw conflict('booking_not_editable', `${zh} / ${en}`);
  }
  // a decision on a booking withdrawn (or decided) meanwhile
  if (DECISION_MOVES.has(move)) {
    const status = BookingStatus.parse(row.status);
    const label = bookingStatusLabel(status, 'staff', 'zh-CN');
    throw conflict(
      'booking_not_pending',
      `预约${label}，不能${DECISION_WORDS[move]}：只有待确认的预约可以审批 / the booking is ${status}, not pending: it cannot be ${DECISION_PAST[move]}`,
    );
  }
  throw conflict('booking_state', `cannot ${move} a booking that is ${row.status}`);
}

async function moveOne(
  trx: Transaction<CloudSchema>,
  actor: string,
  row: BookingsTable,
  now: Date,
  t: Transition,
  followsMain: boolean,
  principal?: Principal,
): Promise<void> {
  const bookingId = row.id;
  refuseIfNotFrom(row, t.move);
  const seq = await nextChangeSeq(trx);
  const nowIso = now.toISOString();
  const updated = await moveBookingStatus(
    trx,
    bookingId,
    row.status,
    t.move,
    {
      ...(t.decisionReason !== undefined ? { decision_reason: t.decisionReason } : {}),
      updated_at: nowIso,
      change_seq: seq,
    },
    row.change_seq,
  );
  if (updated !== 1) throw conflict('booking_state', 'the booking changed meanwhile');
  await insertApproval(trx, {
    id: newId('apr'),
    booking_id: bookingId,
    action: t.move,
    from_status: row.status,
    to_status: transitionOf(t.move).to,
    reason: t.decisionReason ?? null,
    actor,
    at: nowIso,
  });
  const detail = { ...(t.decisionReason !== undefined ? { reason: t.decisionReason } : {}), ...(followsMain ? { mainBookingId: row.main_booking_id } : {}) };
  await writeAudit(trx, { at: now, actor, action: `booking.${t.move}`, subject: bookingId, ...(Object.keys(detail).length > 0 ? { detail } : {}) });
  await notifyOfMove(trx, principal, row, now, t, followsMain);
}

/** A decision tells the visitor; a resubmission tells the host again (unless the host made it). Sub-bills follow silently. */
async function notifyOfMove(
  trx: Transaction<CloudSchema>,
  principal: Principal | undefined,
  before: BookingsTable,
  now: Date,
  t: Transition,
  followsMain: boolean,
): Promise<void> {
  if (followsMain) return;
  if (t.move === 'approve' || t.move === 'reject' || t.move === 'return') {
    await notifyVisitorOfDecision(trx, await getBookingRow(trx, before.id), t.move, t.decisionReason ?? null, now);
  } else if (t.move === 'resubmit' && !isTheHost(principal, before.host_id)) {
    await notifyHostOfApplication(trx, await getBookingRow(trx, before.id), now);
  }
}

/**
 * Approves a booking just made in this transaction (a host's own 代约 where the site's policy approves it, an invitation
 * that needs no approval): the one move `approve`, recorded in approvals and the audit log as `actor`'s, with `reason`.
 */
export async function approveInTransaction(trx: Transaction<CloudSchema>, actor: string, bookingId: string, now: Date, reason: string): Promise<Booking> {
  await moveOne(trx, actor, await getBookingRow(trx, bookingId), now, { move: 'approve', decisionReason: reason }, false);
  return toBooking(await getBookingRow(trx, bookingId));
}

/** Approving re-checks the blacklist for every person (someone may have been added since the application). */
async function checkDecision(trx: Transaction<CloudSchema>, row: BookingsTable, decision: Decision, now: Date): Promise<void> {
  if (decision.action === 'return' && row.source === 'walk_in') {
    throw conflict(
      'walk_in_not_returnable',
      '到访登记不能退回：访客在前台等候，请通过或拒绝 / a walk-in cannot be returned: its visitor waits at the desk; approve or reject it',
    );
  }
  if (decision.action !== 'approve') return;
  // the main bill's people and each sub-bill's (a walk-in's companions)
  const bills = [row, ...(await listSubBookings(trx, row.id))].map(toBooking);
  const hits = (await Promise.all(bills.map((b) => blacklistedPeople(trx, row.site_id, b, now)))).flat();
  await enforceBlacklist(trx, { siteId: row.site_id, now, source: 'approval', subject: row.id }, hits);
}

export async function decideBooking(ctx: CloudContext, principal: Principal, bookingId: string, decision: Decision): Promise<Booking> {
  const now = ctx.now();
  if ((decision.action === 'reject' || decision.action === 'return') && !decision.reason) {
    throw badRequest('reason_required', `a reason is required to ${decision.action} a booking`);
  }
  return recordingRefusedHits(ctx.db, () =>
    moveBooking(ctx, principal, bookingId, now, { move: decision.action, decisionReason: decision.reason ?? null }, (trx, row) =>
      checkDecision(trx, row, decision, now),
    ),
  );
}

export async function cancelBooking(ctx: CloudContext, principal: Principal, bookingId: string): Promise<Booking> {
  const now = ctx.now();
  return moveBooking(ctx, principal, bookingId, now, { move: 'cancel' });
}
