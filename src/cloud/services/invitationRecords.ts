/**
 * A host's invitations (issue 13 item 3): made, listed and revoked by their host; the row ⇄ Invitation and its status
 * (邀请中 / 已使用 / 已失效). The public side, what the invited visitor sees and books with, is invitations.ts.
 */
import { z } from 'zod';
import { invitationStatusLabel, type Invitation, type InvitationCreate, type InvitationCreated, type InvitationStatus } from '../../shared/hostDesk';
import { localDate, siteTimeZone, startOfLocalDay } from '../../shared/siteDay';
import type { Principal } from '../auth';
import { actorOf } from '../auth';
import type { CloudContext } from '../context';
import type { InvitationsTable } from '../db/schema';
import { badRequest, conflict, notFound } from '../errors';
import { newId, randomSecret, sha256Hex } from '../../platform/secrets';
import { writeAudit } from '../repositories/audit';
import { findInvitation, insertInvitation, listInvitationsOfHost, revokeOpenInvitation } from '../repositories/invitations';
import { checkWindow } from './bookingRules';
import { findVisitableHost } from './hosts';
import { getSiteRow, siteBookingLimits } from './sites';

type HostPrincipal = Extract<Principal, { kind: 'host' }>;

/** Where the web app shows an invitation to the invited visitor. */
export const invitationLinkOf = (token: string): string => `/app/invite/${token}`;

export function invitationStatusOf(row: Pick<InvitationsTable, 'revoked_at' | 'used_at' | 'expires_at'>, now: Date): InvitationStatus {
  if (row.revoked_at !== null) return 'revoked';
  if (row.used_at !== null) return 'used';
  if (row.expires_at <= now.toISOString()) return 'expired';
  return 'inviting';
}

export function invitationWindowOf(row: InvitationsTable): Pick<Invitation, 'window' | 'allowedDates'> {
  if (row.window_start !== null && row.window_end !== null) return { window: { start: row.window_start, end: row.window_end } };
  return { allowedDates: z.array(z.string()).parse(JSON.parse(row.allowed_dates ?? '[]')) };
}

export function toInvitation(row: InvitationsTable, now: Date): Invitation {
  const status = invitationStatusOf(row, now);
  return {
    id: row.id,
    hostId: row.host_id,
    status,
    statusLabel: invitationStatusLabel(status),
    companionLimit: row.companion_limit,
    needsApproval: row.needs_approval !== 0,
    ...invitationWindowOf(row),
    expiresAt: row.expires_at,
    createdAt: row.created_at,
    ...(row.revoked_at !== null ? { revokedAt: row.revoked_at } : {}),
    ...(row.used_at !== null ? { usedAt: row.used_at } : {}),
    ...(row.booking_id !== null ? { bookingId: row.booking_id } : {}),
  };
}

/** The days an invitation offers: real dates, none passed, none further ahead than the site allows a visit to start. */
function checkOfferedDates(dates: readonly string[], now: Date, timeZone: string, maxLeadDays: number): void {
  const today = localDate(now, timeZone);
  for (const d of dates) {
    let start: Date;
    try {
      start = startOfLocalDay(d, timeZone);
    } catch {
      throw badRequest('date_invalid', `无效日期 / not a date: ${d}`);
    }
    if (localDate(start, timeZone) !== d) throw badRequest('date_invalid', `无效日期 / not a date: ${d}`);
    if (d < today) throw badRequest('window_in_past', `邀请日期已过 / ${d} has already passed`);
    if (start.getTime() - now.getTime() > maxLeadDays * 24 * 3600_000) {
      throw badRequest('window_too_far_ahead', `预约过早 / a visit may be booked at most ${maxLeadDays} days ahead`, { maxLeadDays });
    }
  }
}

export async function createInvitation(
  ctx: CloudContext,
  principal: HostPrincipal,
  input: z.output<typeof InvitationCreate>,
  origin: string,
): Promise<InvitationCreated> {
  const now = ctx.now();
  const host = await findVisitableHost(ctx.db, { hostId: principal.hostId }); // a host without visit permission invites no one
  const limits = await siteBookingLimits(ctx.db, host.site_id);
  if (input.window) checkWindow({ windowStart: input.window.start, windowEnd: input.window.end }, now, limits);
  if (input.allowedDates) checkOfferedDates(input.allowedDates, now, siteTimeZone(await getSiteRow(ctx.db, host.site_id)), limits.maxLeadDays);
  const token = randomSecret();
  const row: InvitationsTable = {
    id: newId('inv'),
    site_id: host.site_id,
    host_id: host.id,
    token_hash: sha256Hex(token),
    companion_limit: input.companionLimit,
    needs_approval: input.needsApproval ? 1 : 0,
    window_start: input.window ? new Date(input.window.start).toISOString() : null,
    window_end: input.window ? new Date(input.window.end).toISOString() : null,
    allowed_dates: input.allowedDates ? JSON.stringify([...input.allowedDates].sort()) : null,
    expires_at: new Date(now.getTime() + input.validForMinutes * 60_000).toISOString(),
    created_at: now.toISOString(),
    revoked_at: null,
    used_at: null,
    booking_id: null,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await insertInvitation(trx, row);
    await writeAudit(trx, { at: now, actor: actorOf(principal), action: 'invitation.create', subject: row.id });
  });
  const link = invitationLinkOf(token);
  return { ...toInvitation(row, now), token, link, qrPayload: new URL(link, origin).toString() };
}

export async function listInvitations(ctx: CloudContext, principal: HostPrincipal): Promise<Invitation[]> {
  const now = ctx.now();
  return (await listInvitationsOfHost(ctx.db, principal.hostId, 200)).map((r) => toInvitation(r, now));
}

/** Revokes one of the host's open invitations; another host's answers as one that does not exist. */
export async function revokeInvitation(ctx: CloudContext, principal: HostPrincipal, id: string): Promise<Invitation> {
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const row = await findInvitation(trx, id);
    if (!row || row.host_id !== principal.hostId) throw notFound('invitation_unknown', `no invitation ${id}`);
    if ((await revokeOpenInvitation(trx, id, now.toISOString())) !== 1) {
      throw conflict(
        'invitation_not_open',
        `邀请${invitationStatusLabel(invitationStatusOf(row, now))['zh-CN']}，不能撤销 / the invitation was already used or revoked`,
      );
    }
    await writeAudit(trx, { at: now, actor: actorOf(principal), action: 'invitation.revoke', subject: id });
    const after = await findInvitation(trx, id);
    return toInvitation(after ?? row, now);
  });
}
