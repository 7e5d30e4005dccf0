/**
 * Applying kiosk commands exactly once. Each command id is stored in applied_commands with its result, inside
 * the same transaction as its effect; a repeated id gets that stored result back as `duplicate`. Commands the
 * world has overtaken (cancelled booking, already arrived at another kiosk) are `conflict`, commands that can
 * never apply are `rejected`; both are kept and shown to staff (GET /admin/conflicts).
 */
import type { Transaction } from 'kysely';
import type { z } from 'zod';
import { earlyArrivalMs, visitOpensAt, type Booking } from '../../shared/domain';
import { siteTimeZone } from '../../shared/siteDay';
import { exitEndsVisit, mayEnterAgain } from '../../shared/visitDays';
import { blacklistVerdict, CommandResult, type BlacklistLevel, type CommandAppliedCode, type CommandRefusalCode, type SignedCommand } from '../../shared/sync';
import { maskedName } from '../../shared/mask';
import { actorOf, type KioskPrincipal } from '../auth';
import type { CloudContext } from '../context';
import { nextChangeSeq } from '../db/changeSeq';
import type { CloudSchema } from '../db/schema';
import { findArrivedBookingOfSite, findBookingOfSite } from '../repositories/bookings';
import { insertPassage } from '../repositories/passages';
import { insertSiteAudit } from '../repositories/siteAudit';
import { getBookingRow, toKioskBooking } from './bookingRecords';
import { blacklistedPeople } from './bookingRules';
import { recordBlacklistHits } from './blacklistHits';
import { CommandReads } from './commandReads';
import { applyUploadVisitorPhoto } from './visitorPhotos';
import { applyCancelWalkIn } from './walkInCancel';
import { applyRegisterWalkIn } from './walkIns';
import { upsertVisitor } from './visitorLibrary';
import { notifyHostOfArrival } from '../notifications/events';

type Result = z.infer<typeof CommandResult>;
/** What applying a command gives: its code one of the closed sets (src/shared/sync.ts), not any string. */
type Outcome = Omit<Result, 'id' | 'code'> & { code?: CommandRefusalCode | CommandAppliedCode };

const NOT_CHECKABLE: Record<string, { code: CommandRefusalCode; message: string }> = {
  pending: { code: 'booking_not_approved', message: 'the booking has not been approved' },
  // back with its applicant to amend (a kiosk is told it is pending): not approved either
  returned: { code: 'booking_not_approved', message: 'the booking has not been approved' },
  rejected: { code: 'booking_rejected', message: 'the booking was rejected' },
  cancelled: { code: 'booking_cancelled', message: 'the booking was cancelled' },
  expired: { code: 'booking_expired', message: 'the booking’s window has closed' },
};

/**
 * The blacklist hits of a booking's visitor and companions, in words for staff (the kiosk's rule: src/main/core/checkin.ts,
 * one verdict, blacklistVerdict): a `refuse` hit refuses the check-in, `warn` ones become the applied command's note.
 */
async function bookingBlacklistHits(
  trx: Transaction<CloudSchema>,
  siteId: string,
  booking: Booking,
  nowIso: string,
  reads: CommandReads,
): Promise<{ level: BlacklistLevel; words: string }[]> {
  const now = new Date(nowIso);
  const hits = await blacklistedPeople(trx, siteId, booking, now, (...args) => reads.blacklistMatches(...args));
  // what reached the cloud is recorded: a check-in refused (or warned) by the blacklist
  const outcome = blacklistVerdict(hits.map((h) => h.level)) === 'refuse' ? 'refused' : 'warned';
  await recordBlacklistHits(trx, { siteId, now, source: 'kiosk', subject: booking.id }, hits, outcome);
  return hits.map((h) => ({ level: h.level, words: `${h.who} (${h.nameMasked}): ${h.reason}` }));
}

async function applyCheckIn(
  trx: Transaction<CloudSchema>,
  kiosk: KioskPrincipal,
  cmd: Extract<SignedCommand, { kind: 'checkin' }>,
  seq: number,
  nowIso: string,
  reads: CommandReads,
): Promise<Outcome> {
  const row = await reads.bookingOfSite(cmd.payload.bookingId, kiosk.siteId);
  if (!row) return { status: 'rejected', code: 'booking_unknown', message: `no booking ${cmd.payload.bookingId} at this site` };
  const at = new Date(cmd.at).toISOString();
  if (row.status === 'arrived' || row.status === 'left') {
    if (row.arrived_visit_id === cmd.payload.visitId) {
      return { status: 'applied', code: 'already_recorded', message: 'this visit’s arrival was already recorded', booking: toKioskBooking(row) };
    }
    // a multi-day visit: a later check-in (at a kiosk that had not heard of the first) is one more entry
    const site = await reads.site(kiosk.siteId);
    const window = { windowStart: row.window_start, windowEnd: row.window_end };
    const opens = visitOpensAt(row.window_start, site ? await reads.earlyArrivalMinutes(site, kiosk.kioskId) : undefined);
    if (row.status === 'arrived' && Date.parse(at) >= opens && mayEnterAgain(window, new Date(at), siteTimeZone(site))) {
      await recordPassage(trx, kiosk, cmd.id, { bookingId: row.id, visitId: cmd.payload.visitId, passId: cmd.payload.passId, direction: 'entry', at }, nowIso);
      await notifyHostOfArrival(trx, row, { kioskId: kiosk.kioskId, visitId: cmd.payload.visitId, at }, new Date(nowIso), reads);
      return { status: 'applied', code: 'reentry', message: 'a later entry of a multi-day visit, recorded', booking: toKioskBooking(row) };
    }
    return {
      status: 'conflict',
      code: 'already_arrived',
      message: `the booking was already checked in at ${row.arrived_at ?? '?'}`,
      booking: toKioskBooking(row),
    };
  }
  // a kiosk that was offline may report a check-in that happened inside the window after the sweep expired it
  const checkable = row.status === 'approved' || (row.status === 'expired' && row.expired_from === 'approved');
  if (!checkable) {
    const why = NOT_CHECKABLE[row.status] ?? { code: 'booking_state', message: `the booking is ${row.status}` };
    return { status: 'conflict', ...why, booking: toKioskBooking(row) };
  }
  if (at > row.window_end) {
    return { status: 'conflict', code: 'booking_expired', message: 'the check-in happened after the booking’s window closed', booking: toKioskBooking(row) };
  }
  // the kiosk's own rule (bookingView.checkInRefusal): check-in opens at the window start less the allowance of its policy
  const site = await reads.site(kiosk.siteId);
  const allowance = site ? await reads.earlyArrivalMinutes(site, kiosk.kioskId) : undefined;
  if (Date.parse(at) < visitOpensAt(row.window_start, allowance)) {
    return {
      status: 'conflict',
      code: 'checkin_outside_window',
      message: `the check-in time ${at} is before the booking’s window opened (check-in opens ${earlyArrivalMs(allowance) / 60_000} minutes before it)`,
      booking: toKioskBooking(row),
    };
  }
  const booking = toKioskBooking(row);
  const hits = await bookingBlacklistHits(trx, kiosk.siteId, booking, nowIso, reads);
  const verdict = blacklistVerdict(hits.map((h) => h.level));
  if (verdict === 'refuse') {
    const refusing = hits.filter((h) => h.level === 'refuse');
    return { status: 'conflict', code: 'blacklisted', message: `on the blacklist: ${refusing.map((h) => h.words).join('; ')}`, booking };
  }
  // the visitor library: "访客最后来访" finds people who came with a booking too
  // a companion's sub-bill carries the lead's phone when the companion gave none: not this person's phone
  const main = booking.mainBookingId !== undefined ? toKioskBooking(await getBookingRow(trx, booking.mainBookingId)) : undefined;
  const { phone: _leadsPhone, ...withoutPhone } = booking.visitor;
  const person = main?.visitor.phone === booking.visitor.phone ? withoutPhone : booking.visitor;
  const visitorId = (await upsertVisitor(trx, kiosk.siteId, person, nowIso, reads)) ?? row.visitor_id;
  const arrivedRow = await reads.moveBooking(row, 'arrive', {
    arrived_at: at,
    arrived_visit_id: cmd.payload.visitId,
    arrived_kiosk_id: kiosk.kioskId,
    visitor_id: visitorId,
    updated_at: nowIso,
    change_seq: seq,
  });
  if (!arrivedRow) throw new Error('booking changed during check-in');
  // the host hears of it the moment the check-in reaches the cloud
  await notifyHostOfArrival(trx, arrivedRow, { kioskId: kiosk.kioskId, visitId: cmd.payload.visitId, at }, new Date(nowIso), reads);
  const arrived = toKioskBooking(arrivedRow);
  if (verdict === 'warn') {
    return { status: 'applied', code: 'blacklist_warn', message: `blacklist warning: ${hits.map((h) => h.words).join('; ')}`, booking: arrived };
  }
  return { status: 'applied', booking: arrived };
}

async function applyCheckOut(
  trx: Transaction<CloudSchema>,
  kiosk: KioskPrincipal,
  cmd: Extract<SignedCommand, { kind: 'checkout' }>,
  seq: number,
  nowIso: string,
  reads: CommandReads,
): Promise<Outcome> {
  const { bookingId, visitId } = cmd.payload;
  const row = bookingId !== undefined ? await reads.bookingOfSite(bookingId, kiosk.siteId) : await reads.arrivedBookingOfSite(visitId, kiosk.siteId);
  if (!row) {
    if (bookingId !== undefined) return { status: 'rejected', code: 'booking_unknown', message: `no booking ${bookingId} at this site` };
    return { status: 'applied', code: 'walk_in', message: 'check-out recorded; the visit has no booking' };
  }
  // an exit made inside the window, reported after the end-of-window sweep closed the visit: the recorded exit wins
  if (row.status === 'left' && row.expired_from === 'arrived' && new Date(cmd.at).toISOString() <= row.window_end) {
    const updated = await reads.updateBookingInStatus(row.id, 'left', {
      left_at: new Date(cmd.at).toISOString(),
      expired_from: null,
      updated_at: nowIso,
      change_seq: seq,
    });
    if (updated !== 1) throw new Error('booking changed during check-out');
    return {
      status: 'applied',
      code: 'exit_after_sweep',
      message: 'the exit, made before the window ended, replaces the sweep’s',
      booking: toKioskBooking(await getBookingRow(trx, row.id)),
    };
  }
  if (row.status === 'left')
    return { status: 'conflict', code: 'already_left', message: `already checked out at ${row.left_at ?? '?'}`, booking: toKioskBooking(row) };
  if (row.status !== 'arrived')
    return { status: 'conflict', code: 'booking_not_arrived', message: `the booking is ${row.status}, not arrived`, booking: toKioskBooking(row) };
  // a multi-day visit's exit is one event while its window lasts, unless staff end the visit (src/shared/visitDays.ts)
  const at = new Date(cmd.at);
  const site = await reads.site(kiosk.siteId);
  if (!exitEndsVisit({ windowStart: row.window_start, windowEnd: row.window_end }, at, siteTimeZone(site), cmd.payload.endVisit === true)) {
    await recordPassage(trx, kiosk, cmd.id, { bookingId: row.id, visitId, passId: visitId, direction: 'exit', at: at.toISOString() }, nowIso);
    return { status: 'applied', code: 'exit_recorded', message: 'an exit of a multi-day visit, recorded; the visit goes on', booking: toKioskBooking(row) };
  }
  const left = await reads.moveBooking(row, 'leave', {
    left_at: new Date(cmd.at).toISOString(),
    updated_at: nowIso,
    change_seq: seq,
  });
  if (!left) throw new Error('booking changed during check-out');
  return { status: 'applied', booking: toKioskBooking(left) };
}

/**
 * A pass let through at a gate: one entry or exit of its booking, recorded (never changes the booking: a visit is
 * left when its window ends or when the desk signs the visitor out on its last day). A pass whose booking this site
 * does not have is rejected (booking_unknown).
 */
async function applyPassage(
  trx: Transaction<CloudSchema>,
  kiosk: KioskPrincipal,
  cmd: Extract<SignedCommand, { kind: 'passage' }>,
  nowIso: string,
): Promise<Outcome> {
  const { bookingId, visitId, passId, direction } = cmd.payload;
  const row =
    bookingId !== undefined
      ? await findBookingOfSite(trx, bookingId, kiosk.siteId)
      : visitId !== undefined
        ? await findArrivedBookingOfSite(trx, visitId, kiosk.siteId)
        : undefined;
  if (!row) return { status: 'rejected', code: 'booking_unknown', message: `no booking at this site for pass ${passId}` };
  await recordPassage(trx, kiosk, cmd.id, { bookingId: row.id, visitId, passId, direction, at: new Date(cmd.at).toISOString() }, nowIso);
  return { status: 'applied', booking: toKioskBooking(row) };
}

/** One entry or exit, under the id of the command that reported it. */
async function recordPassage(
  trx: Transaction<CloudSchema>,
  kiosk: KioskPrincipal,
  commandId: string,
  p: { bookingId: string; visitId: string | undefined; passId: string; direction: 'entry' | 'exit'; at: string },
  nowIso: string,
): Promise<void> {
  await insertPassage(trx, {
    id: commandId,
    site_id: kiosk.siteId,
    kiosk_id: kiosk.kioskId,
    booking_id: p.bookingId,
    visit_id: p.visitId ?? null,
    pass_id: p.passId,
    direction: p.direction,
    at: p.at,
    recorded_at: nowIso,
  });
}

/** An admin action at the kiosk, in its site's audit list (once: under the command's id). */
async function applyAdminAudit(
  trx: Transaction<CloudSchema>,
  kiosk: KioskPrincipal,
  cmd: Extract<SignedCommand, { kind: 'adminAudit' }>,
  nowIso: string,
): Promise<Outcome> {
  await insertSiteAudit(trx, {
    id: cmd.id,
    site_id: kiosk.siteId,
    kiosk_id: kiosk.kioskId,
    source: 'kiosk',
    at: new Date(cmd.at).toISOString(),
    action: cmd.payload.action,
    detail: JSON.stringify(cmd.payload.detail),
    recorded_at: nowIso,
  });
  return { status: 'applied' };
}

/**
 * A blacklist refusal at the kiosk (BlacklistHitCommand): one refused hit per entry this site still has, at the time the
 * kiosk refused (never later than now), on the booking only when it is this site's. Always applied (an entry deleted
 * since is skipped, not an error); the level is the one the kiosk applied (refuse), whatever the entry says now.
 */
async function applyBlacklistHit(
  trx: Transaction<CloudSchema>,
  kiosk: KioskPrincipal,
  cmd: Extract<SignedCommand, { kind: 'blacklistHit' }>,
  now: Date,
): Promise<Outcome> {
  const { bookingId, hits } = cmd.payload;
  const entryIds = [...new Set(hits.map((h) => h.entryId))];
  const known = new Set(
    (await trx.selectFrom('blacklist').select('id').where('site_id', '=', kiosk.siteId).where('id', 'in', entryIds).execute()).map((e) => e.id),
  );
  const booking = bookingId !== undefined ? await findBookingOfSite(trx, bookingId, kiosk.siteId) : undefined;
  const matched = entryIds.flatMap((entryId) => {
    // masked at the kiosk; a name that is not in a masked shape is masked here
    return known.has(entryId) ? [{ entryId, level: 'refuse' as const, nameMasked: maskedName(hits.find((h) => h.entryId === entryId)!.nameMasked) }] : [];
  });
  const at = new Date(Math.min(Date.parse(cmd.at), now.getTime()));
  await recordBlacklistHits(trx, { siteId: kiosk.siteId, now: at, source: 'kiosk', ...(booking ? { subject: booking.id } : {}) }, matched, 'refused');
  return { status: 'applied', code: 'blacklist_reported', message: `${matched.length} blacklist hit(s) recorded` };
}

function applyByKind(trx: Transaction<CloudSchema>, kiosk: KioskPrincipal, cmd: SignedCommand, seq: number, now: Date, reads: CommandReads): Promise<Outcome> {
  const nowIso = now.toISOString();
  switch (cmd.kind) {
    case 'checkin':
      return applyCheckIn(trx, kiosk, cmd, seq, nowIso, reads);
    case 'checkout':
      return applyCheckOut(trx, kiosk, cmd, seq, nowIso, reads);
    case 'passage':
      return applyPassage(trx, kiosk, cmd, nowIso);
    case 'cancelWalkIn':
      return applyCancelWalkIn(trx, kiosk, cmd, now);
    case 'adminAudit':
      return applyAdminAudit(trx, kiosk, cmd, nowIso);
    case 'uploadVisitorPhoto':
      return applyUploadVisitorPhoto(trx, kiosk, cmd, nowIso);
    case 'blacklistHit':
      return applyBlacklistHit(trx, kiosk, cmd, now);
    case 'registerWalkIn':
      return applyRegisterWalkIn(trx, kiosk, cmd, nowIso);
  }
}

/** The booking and visit a command names, for its applied_commands row and the audit (never a photo's bytes, an audit's details or a hit's names) */
function namesOf(cmd: SignedCommand): { bookingId?: string; visitId?: string } {
  switch (cmd.kind) {
    case 'adminAudit':
    case 'blacklistHit': // its booking is named on the hits, once checked to be of the kiosk's site
      return {};
    case 'uploadVisitorPhoto':
      return cmd.payload.bookingId !== undefined ? { bookingId: cmd.payload.bookingId } : {};
    default:
      return cmd.payload;
  }
}

/** Applies one (already validated and signature-checked) command, once, in its own transaction. */
export function applyKioskCommand(ctx: Pick<CloudContext, 'db' | 'now'>, kiosk: KioskPrincipal, cmd: SignedCommand): Promise<Result> {
  return ctx.db.transaction().execute((trx) => applyKioskCommandIn(trx, ctx.now(), kiosk, cmd));
}

/**
 * Applies one (already validated and signature-checked) command, once, inside the caller's transaction: its effect and
 * its applied_commands row commit together (commandBatches.ts commits several pushes' commands at once, with one
 * `reads` for all of them).
 */
export async function applyKioskCommandIn(
  trx: Transaction<CloudSchema>,
  now: Date,
  kiosk: KioskPrincipal,
  cmd: SignedCommand,
  reads = new CommandReads(trx),
): Promise<Result> {
  const nowIso = now.toISOString();
  // taking a change_seq first also serialises writers on PostgreSQL (the counter row stays locked)
  const seq = await nextChangeSeq(trx);
  await reads.before(cmd);
  const seen = await reads.appliedCommand(cmd.id);
  if (seen) {
    if (seen.kiosk_id !== kiosk.kioskId) {
      return { id: cmd.id, status: 'rejected', code: 'command_id_reused', message: 'another kiosk already used this command id' };
    }
    const first = CommandResult.parse(JSON.parse(seen.result));
    // a conflict or a refusal is answered as what it was: a kiosk whose first answer was lost (a reset connection) must
    // still record the conflict for staff, not take a 'duplicate' for done
    if (first.status === 'conflict' || first.status === 'rejected')
      return { ...first, id: cmd.id, message: `${first.message ?? first.status} (already received)` };
    return {
      id: cmd.id,
      status: 'duplicate',
      code: first.code ?? first.status,
      message: `already received (first result: ${first.status}${first.code ? ` ${first.code}` : ''})`,
      ...(first.booking ? { booking: first.booking } : {}),
    };
  }
  const outcome = await applyByKind(trx, kiosk, cmd, seq, now, reads);
  const names = namesOf(cmd);
  const result: Result = { id: cmd.id, ...outcome };
  await reads.recordApplied({
    id: cmd.id,
    kiosk_id: kiosk.kioskId,
    kind: cmd.kind,
    booking_id: outcome.booking?.id ?? names.bookingId ?? null,
    visit_id: names.visitId ?? null,
    status: outcome.status,
    code: outcome.code ?? null,
    message: outcome.message ?? null,
    result: JSON.stringify(result),
    at: new Date(cmd.at).toISOString(),
    applied_at: nowIso,
  });
  await reads.audit({
    at: now,
    actor: actorOf(kiosk),
    action: outcome.status === 'applied' ? `command.${cmd.kind}` : `command.${outcome.status}`,
    subject: names.bookingId ?? names.visitId ?? cmd.id,
    detail: { commandId: cmd.id, kind: cmd.kind, code: outcome.code ?? null },
  });
  return result;
}
