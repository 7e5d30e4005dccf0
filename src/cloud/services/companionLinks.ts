/**
 * Companion links, the applicant's side (转发同伴填写, issue 13 item 2, seed 004 1.7): the signed-in visitor who
 * applied for a booking makes a link for one companion, lists the booking's links with the sub-bills they made, and
 * revokes one still open. The token is random (256 bits) and stored only as its SHA-256; a link stays open until the
 * booking's window end or 24 h, whichever first. The companion's side (what they see, filling in) is companionFill.ts.
 */
import { bookingStatusLabel } from '../../shared/bookingStates';
import {
  COMPANION_LINK_HOURS,
  companionLinkStatusLabel,
  type CompanionLink,
  type CompanionLinkCreated,
  type CompanionLinkList,
  type CompanionLinkStatus,
} from '../../shared/companionLinks';
import { BookingStatus } from '../../shared/domain';
import { maskName } from '../../shared/mask';
import type { VisitorPrincipal } from '../auth';
import { actorOf } from '../auth';
import type { CloudContext } from '../context';
import type { BookingsTable, CompanionLinksTable } from '../db/schema';
import { conflict, HttpError, notFound } from '../errors';
import { newId, randomSecret, sha256Hex } from '../../platform/secrets';
import { writeAudit } from '../repositories/audit';
import { listSubBookings } from '../repositories/bookings';
import { findInvitationOfBooking } from '../repositories/invitations';
import {
  countOpenCompanionLinks,
  findCompanionLink,
  insertCompanionLink,
  listCompanionLinksOfBooking,
  revokeOpenCompanionLink,
} from '../repositories/companionLinks';
import type { Db } from '../repositories/db';
import { bookingAsOf, toBooking } from './bookingRecords';
import { getMyBookingRow } from './visitorBookings';
import { getSiteRow, kioskSettingsOf } from './sites';

/** Where the web app shows a link to the companion. */
export const companionLinkPathOf = (token: string): string => `/app/companion/${token}`;

/** 限制同行人员数量 when the site sets none: the most companions a booking names. */
export const DEFAULT_MAX_COMPANIONS = 50;

/** The statuses a main bill takes companions in: the applicant's booking still pending, returned or approved. */
const TAKES_COMPANIONS: readonly string[] = ['pending', 'returned', 'approved'];
/** A sub-bill that still counts against the limit (not cancelled, rejected or expired). */
const LIVE_SUB_BILL: readonly string[] = ['pending', 'returned', 'approved', 'arrived', 'left'];

export function companionLinkStatusOf(row: Pick<CompanionLinksTable, 'revoked_at' | 'used_at' | 'expires_at'>, now: Date): CompanionLinkStatus {
  if (row.used_at !== null) return 'used';
  if (row.revoked_at !== null) return 'revoked';
  if (row.expires_at <= now.toISOString()) return 'expired';
  return 'open';
}

/** A main bill that may take a companion now: its applicant's, pending, returned or approved, its window not ended. */
export function refuseUnlessTakesCompanions(row: BookingsTable, now: Date): void {
  if (row.main_booking_id !== null) {
    // seed 004: 子单据无法进行帮同伴填写和批量转发同伴填写
    throw conflict('booking_is_companion', '同伴的子单据不能再转发同伴填写 / a companion’s booking cannot take companions of its own');
  }
  if (!TAKES_COMPANIONS.includes(row.status) || row.window_end <= now.toISOString()) {
    const status = BookingStatus.parse(row.status);
    throw conflict(
      'booking_not_open_for_companions',
      `预约${bookingStatusLabel(status, 'applicant', 'zh-CN')}，不能再添加同伴 / the booking is ${status}: companions can be added only while it is pending, returned or approved and its window has not ended`,
    );
  }
}

/**
 * How many companions a booking may have: 限制同行人员数量 of its site, and for an invited visitor's booking no more
 * than the host's invitation allowed (its companion limit: a link must not bring what the invitation refused).
 */
export async function maxCompanionsOf(db: Db, booking: BookingsTable): Promise<number> {
  const site = kioskSettingsOf(await getSiteRow(db, booking.site_id)).maxCompanions ?? DEFAULT_MAX_COMPANIONS;
  const invitation = booking.source === 'invited' ? await findInvitationOfBooking(db, booking.id) : undefined;
  return invitation === undefined ? site : Math.min(site, invitation.companion_limit);
}

/** The companions a booking has or is waiting for: those it names, its live sub-bills and (unless left out) its open links. */
export async function companionsCounted(db: Db, row: BookingsTable, now: Date, withOpenLinks: boolean): Promise<number> {
  const named = toBooking(row).companions.length;
  const subs = (await listSubBookings(db, row.id)).map((s) => bookingAsOf(s, now)).filter((s) => LIVE_SUB_BILL.includes(s.status)).length;
  return named + subs + (withOpenLinks ? await countOpenCompanionLinks(db, row.id, now.toISOString()) : 0);
}

function toCompanionLink(row: CompanionLinksTable, now: Date, sub: BookingsTable | undefined): CompanionLink {
  const status = companionLinkStatusOf(row, now);
  const link: CompanionLink = {
    id: row.id,
    bookingId: row.booking_id,
    status,
    statusLabel: companionLinkStatusLabel(status),
    expiresAt: row.expires_at,
    createdAt: row.created_at,
  };
  if (sub) {
    const b = toBooking(bookingAsOf(sub, now));
    link.companion = {
      bookingId: b.id,
      nameMasked: maskName(b.visitor.name),
      status: b.status,
      statusLabel: { 'zh-CN': bookingStatusLabel(b.status, 'applicant', 'zh-CN'), en: bookingStatusLabel(b.status, 'applicant', 'en') },
    };
  }
  return link;
}

export async function createCompanionLink(ctx: CloudContext, p: VisitorPrincipal, bookingId: string, origin: string): Promise<CompanionLinkCreated> {
  const now = ctx.now();
  const token = randomSecret();
  const row = await ctx.db.transaction().execute(async (trx) => {
    const booking = bookingAsOf(await getMyBookingRow({ ...ctx, db: trx }, p, bookingId), now);
    refuseUnlessTakesCompanions(booking, now);
    const limit = await maxCompanionsOf(trx, booking);
    if ((await companionsCounted(trx, booking, now, true)) >= limit) {
      throw new HttpError(
        409,
        'companion_limit_reached',
        `同行人数已达上限（${limit}人）/ the booking already has its ${limit} companions (named, filled in or waiting)`,
        {
          maxCompanions: limit,
        },
      );
    }
    const dayLater = new Date(now.getTime() + COMPANION_LINK_HOURS * 3600_000).toISOString();
    const made: CompanionLinksTable = {
      id: newId('cl'),
      site_id: booking.site_id,
      booking_id: booking.id,
      token_hash: sha256Hex(token),
      expires_at: booking.window_end < dayLater ? booking.window_end : dayLater,
      created_at: now.toISOString(),
      revoked_at: null,
      used_at: null,
      sub_booking_id: null,
    };
    await insertCompanionLink(trx, made);
    await writeAudit(trx, { at: now, actor: actorOf(p), action: 'companion_link.create', subject: made.id, detail: { bookingId: booking.id } });
    return made;
  });
  const link = companionLinkPathOf(token);
  return { ...toCompanionLink(row, now, undefined), token, link, qrPayload: new URL(link, origin).toString() };
}

export async function listCompanionLinks(ctx: CloudContext, p: VisitorPrincipal, bookingId: string): Promise<CompanionLinkList> {
  const now = ctx.now();
  const booking = await getMyBookingRow(ctx, p, bookingId);
  const [rows, subs, limit] = await Promise.all([
    listCompanionLinksOfBooking(ctx.db, booking.id),
    listSubBookings(ctx.db, booking.id),
    maxCompanionsOf(ctx.db, booking),
  ]);
  const subById = new Map(subs.map((s) => [s.id, s]));
  const links = rows.map((r) => toCompanionLink(r, now, r.sub_booking_id !== null ? subById.get(r.sub_booking_id) : undefined));
  return { links, remaining: Math.max(0, limit - (await companionsCounted(ctx.db, booking, now, true))) };
}

/** Revokes one of the booking's open links; a link of another booking (or another visitor's) answers as one that does not exist. */
export async function revokeCompanionLink(ctx: CloudContext, p: VisitorPrincipal, bookingId: string, linkId: string): Promise<CompanionLink> {
  const now = ctx.now();
  const booking = await getMyBookingRow(ctx, p, bookingId);
  return ctx.db.transaction().execute(async (trx) => {
    const row = await findCompanionLink(trx, linkId);
    if (!row || row.booking_id !== booking.id) throw notFound('companion_link_unknown', `no companion link ${linkId}`);
    if ((await revokeOpenCompanionLink(trx, linkId, now.toISOString())) !== 1) {
      const status = companionLinkStatusOf(row, now);
      throw conflict(
        'companion_link_not_open',
        `链接${companionLinkStatusLabel(status)['zh-CN']}，不能撤销 / the link is ${status}: only an open link can be revoked`,
      );
    }
    await writeAudit(trx, { at: now, actor: actorOf(p), action: 'companion_link.revoke', subject: linkId });
    return toCompanionLink((await findCompanionLink(trx, linkId)) ?? row, now, undefined);
  });
}
