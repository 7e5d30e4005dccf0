/**
 * Invitations (issue 13 item 3; seed 001 方式二 访客邀约, seed 004 访客邀约): a host makes a link (and its QR) with a
 * companion limit, an expiry, "needs approval" on or off and a fixed window or the days offered; the token is random
 * (256 bits) and stored only as its SHA-256. 邀请中 until it expires or its host revokes it (已失效), or the invited
 * visitor books with it (已使用: one booking per invitation). The invited visitor sees the host's name, the site and
 * the limits, and books with their own details and companions up to the limit: pending for the host to decide, or
 * approved at once when the invitation needs no approval. Every rule of an application applies (ID numbers, the
 * site's window limits, the host still receiving visitors, the blacklist for every person); a refusal stores nothing.
 */
import type { z } from 'zod';
import { INITIAL_STATUS } from '../../shared/bookingStates';
import type { InvitationBookingCreate, InvitationBookingReceipt, PublicInvitation } from '../../shared/hostDesk';
import { addDays, siteTimeZone, startOfLocalDay } from '../../shared/siteDay';
import type { CloudContext } from '../context';
import type { InvitationsTable } from '../db/schema';
import { badRequest, HttpError, notFound } from '../errors';
import { sha256Hex } from '../../platform/secrets';
import { findInvitationByTokenHash, useOpenInvitation } from '../repositories/invitations';
import { getHostName } from '../repositories/hosts';
import { approveInTransaction, insertBooking } from './bookingLifecycle';
import { blacklistedPeople, checkBookingInput, checkWindow, enforceBlacklist } from './bookingRules';
import { recordingRefusedHits } from './blacklistHits';
import { findVisitableHost } from './hosts';
import { invitationStatusOf, invitationWindowOf } from './invitationRecords';
import { getSiteRow, siteBookingLimits } from './sites';

export const INVITED_APPROVAL_REASON = '邀请无需审核 / the invitation needed no approval';

const unknownInvitation = () => notFound('invitation_unknown', '邀请链接无效 / no such invitation');

/** The invitation of a link's token, still open (邀请中): otherwise 404 (no such) or 410 (expired, revoked, used). */
async function openInvitation(ctx: CloudContext, token: string, now: Date): Promise<InvitationsTable> {
  const row = await findInvitationByTokenHash(ctx.db, sha256Hex(token));
  if (!row) throw unknownInvitation();
  const status = invitationStatusOf(row, now);
  if (status === 'expired') throw new HttpError(410, 'invitation_expired', '邀请已失效（已过期）/ this invitation has expired');
  if (status === 'revoked') throw new HttpError(410, 'invitation_revoked', '邀请已失效（已撤销）/ this invitation was revoked by its host');
  if (status === 'used') throw new HttpError(410, 'invitation_used', '邀请已使用 / this invitation has already been used');
  return row;
}

export async function readPublicInvitation(ctx: CloudContext, token: string): Promise<PublicInvitation> {
  const row = await openInvitation(ctx, token, ctx.now());
  const [hostName, site] = await Promise.all([getHostName(ctx.db, row.host_id), getSiteRow(ctx.db, row.site_id)]);
  return {
    siteId: row.site_id,
    hostName,
    siteName: site.name,
    companionLimit: row.companion_limit,
    needsApproval: row.needs_approval !== 0,
    expiresAt: row.expires_at,
    ...invitationWindowOf(row),
  };
}

/** The visit window of the invited visitor's booking: the invitation's own, or the whole site day they chose of those offered. */
function windowOfBooking(row: InvitationsTable, date: string | undefined, timeZone: string): { windowStart: string; windowEnd: string } {
  if (row.window_start !== null && row.window_end !== null) {
    if (date !== undefined) throw badRequest('date_not_offered', '此邀请的来访时间已确定 / this invitation has a fixed window: send no date');
    return { windowStart: row.window_start, windowEnd: row.window_end };
  }
  const offered = invitationWindowOf(row).allowedDates ?? [];
  if (date === undefined) throw badRequest('date_required', '请选择来访日期 / choose one of the dates offered', { allowedDates: offered });
  if (!offered.includes(date)) throw badRequest('date_not_offered', '该日期不在邀请范围内 / that date is not offered', { allowedDates: offered });
  return { windowStart: startOfLocalDay(date, timeZone).toISOString(), windowEnd: startOfLocalDay(addDays(date, 1), timeZone).toISOString() };
}

/** The keys that hold a value (exactOptionalPropertyTypes: an absent field is not one set to undefined). */
function definedOnly<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export async function bookByInvitation(ctx: CloudContext, token: string, input: z.output<typeof InvitationBookingCreate>): Promise<InvitationBookingReceipt> {
  const now = ctx.now();
  const inv = await openInvitation(ctx, token, now);
  if (input.companions.length > inv.companion_limit) {
    throw badRequest('companion_limit_exceeded', `同行人数超过邀请上限（${inv.companion_limit}人）/ at most ${inv.companion_limit} companions`, {
      companionLimit: inv.companion_limit,
    });
  }
  const site = await getSiteRow(ctx.db, inv.site_id);
  const window = windowOfBooking(inv, input.date, siteTimeZone(site));
  const application = {
    source: 'invited' as const,
    hostId: inv.host_id,
    visitor: input.visitor,
    companions: input.companions,
    reason: input.reason,
    // the site's list fields, resolved and required as a self-booking's (insertBooking → resolveBookingDetails)
    ...definedOnly({
      identityCategoryId: input.identityCategoryId,
      reasonId: input.reasonId,
      areaIds: input.areaIds,
      belongingIds: input.belongingIds,
      selfDrive: input.selfDrive,
      residence: input.residence,
    }),
    ...window,
  };
  const groupSize = checkBookingInput(application);
  checkWindow(window, now, await siteBookingLimits(ctx.db, inv.site_id));
  const booking = await recordingRefusedHits(ctx.db, () =>
    ctx.db.transaction().execute(async (trx) => {
      const host = await findVisitableHost(trx, { hostId: inv.host_id });
      await enforceBlacklist(trx, { siteId: inv.site_id, now, source: 'application' }, await blacklistedPeople(trx, inv.site_id, application, now));
      // an invitation that needs no approval is approved below: the host is not asked to approve it (the visitor is told)
      const made = await insertBooking(trx, undefined, host, application, groupSize, now, inv.needs_approval !== 0);
      // the invitation is used once: a second submission racing this one finds it used and stores nothing
      if ((await useOpenInvitation(trx, inv.id, made.id, now.toISOString())) !== 1) {
        throw new HttpError(410, 'invitation_used', '邀请已使用 / this invitation has already been used');
      }
      return inv.needs_approval === 0 ? approveInTransaction(trx, `invitation:${inv.id}`, made.id, now, INVITED_APPROVAL_REASON) : made;
    }),
  );
  const status = booking.status === 'approved' ? 'approved' : INITIAL_STATUS.apply;
  return {
    code: booking.code,
    status,
    windowStart: booking.windowStart,
    windowEnd: booking.windowEnd,
    groupSize: booking.groupSize,
    message: status === 'approved' ? '预约成功 / your visit is confirmed' : '预约申请已提交，等待受访人审核 / application received; the host will decide',
  };
}
