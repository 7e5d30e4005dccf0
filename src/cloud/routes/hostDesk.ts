/**
 * The host's desk (issue 13 item 3): their inbox (待处理 / 已处理 / 抄送我) and their invitations, for a host token
 * (issued by an admin, or by the host's phone sign-in: the same principal); and the invitation link's public side,
 * what the invited visitor sees and books with. Decisions are POST /bookings/{id}/decision, 代约 is POST /bookings
 * with source staff (routes/bookings.ts).
 */
import { anyone, hostOwn, hostScoped } from '../access';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Id } from '../../shared/domain';
import {
  HostDirectory,
  HostDirectoryParams,
  HostDirectoryQuery,
  HostInbox,
  HostInboxQuery,
  Invitation,
  InvitationBookingCreate,
  InvitationBookingReceipt,
  InvitationCreate,
  InvitationCreated,
  InvitationList,
  PublicInvitation,
} from '../../shared/hostDesk';
import type { Principal } from '../auth';
import { forbidden } from '../errors';
import { readHostInbox } from '../services/hostInbox';
import { searchHostDirectory } from '../services/hosts';
import { createInvitation, listInvitations, revokeInvitation } from '../services/invitationRecords';
import { bookByInvitation, readPublicInvitation } from '../services/invitations';
import { ANONYMOUS_BODY_LIMIT, errorReplies, type RouteOptions } from './common';

/** A link's token: 32 random bytes, base64url. */
const TokenParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'token: as the invitation link gave it') });

/** The host a host-only route runs for (the access hook let only hosts in). */
function hostOf(p: Principal | undefined): Extract<Principal, { kind: 'host' }> {
  if (p?.kind !== 'host') throw forbidden('host only');
  return p;
}

// eslint-disable-next-line @typescript-eslint/require-await -- a Fastify plugin is an async function by contract; registering routes awaits nothing
export const hostDeskRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  app.get(
    '/host/bookings',
    {
      config: { access: hostScoped },
      schema: {
        summary: 'A host’s inbox: 待处理 (pending or returned), 已处理 (decided by them) or 抄送我 (copied to them), newest first, paged',
        querystring: HostInboxQuery,
        response: { 200: HostInbox, ...errorReplies },
      },
    },
    async (req) => readHostInbox(ctx, hostOf(req.principal), req.query),
  );

  app.post(
    '/host/invitations',
    {
      config: { access: hostScoped },
      schema: {
        summary: 'Invite a visitor: a link and its QR payload, with a companion limit, an expiry, needs-approval on or off, a window or the days offered',
        body: InvitationCreate,
        response: { 201: InvitationCreated, ...errorReplies },
      },
    },
    async (req, reply) => reply.code(201).send(await createInvitation(ctx, hostOf(req.principal), req.body, `${req.protocol}://${req.host}`)),
  );

  app.get(
    '/host/invitations',
    {
      config: { access: hostScoped },
      schema: {
        summary: 'A host’s invitations, newest first, each 邀请中, 已使用 or 已失效 (expired or revoked)',
        response: { 200: InvitationList, ...errorReplies },
      },
    },
    async (req) => ({ invitations: await listInvitations(ctx, hostOf(req.principal)) }),
  );

  app.post(
    '/host/invitations/:id/revoke',
    {
      config: { access: hostOwn },
      schema: {
        summary: 'Revoke one of the host’s open invitations: its link stops working (409 invitation_not_open once used or revoked)',
        params: z.object({ id: Id }),
        response: { 200: Invitation, ...errorReplies },
      },
    },
    async (req) => revokeInvitation(ctx, hostOf(req.principal), req.params.id),
  );

  app.get(
    '/invitations/:token',
    {
      config: { access: anyone('the invited visitor holds the link’s token and no account') },
      schema: {
        summary: 'What an invited visitor sees of an invitation: the host’s name, the site and the limits (410 once expired, revoked or used)',
        params: TokenParams,
        response: { 200: PublicInvitation, ...errorReplies },
      },
    },
    async (req) => readPublicInvitation(ctx, req.params.token),
  );

  app.post(
    '/invitations/:token/bookings',
    {
      bodyLimit: ANONYMOUS_BODY_LIMIT.booking,
      config: { access: anyone('the invited visitor holds the link’s token and no account; rate-limited like an application') },
      schema: {
        summary: 'The invited visitor books with their own details and companions up to the limit: pending, or approved when the invitation needs no approval',
        params: TokenParams,
        body: InvitationBookingCreate,
        response: { 201: InvitationBookingReceipt, ...errorReplies },
      },
    },
    async (req, reply) => {
      const { bookingPerAddress, bookingPerPhone } = ctx.rateLimiter.limits;
      await ctx.rateLimiter.enforce(reply, [
        { bucket: 'booking:addr', value: req.ip, rule: bookingPerAddress },
        { bucket: 'booking:phone', value: req.body.visitor.phone, rule: bookingPerPhone },
      ]);
      return reply.code(201).send(await bookByInvitation(ctx, req.params.token, req.body));
    },
  );

  app.get(
    '/sites/:siteId/hosts',
    {
      config: { access: anyone('a visitor applying finds the host they come to see by name, with no account; rate-limited per address') },
      schema: {
        summary:
          'The public host directory: hosts of the site who may receive visitors whose name begins with q, at most 10, names and departments (never phones)',
        params: HostDirectoryParams,
        querystring: HostDirectoryQuery,
        response: { 200: HostDirectory, ...errorReplies },
      },
    },
    async (req, reply) => {
      await ctx.rateLimiter.enforce(reply, [{ bucket: 'host-directory:addr', value: req.ip, rule: ctx.rateLimiter.limits.hostDirectoryPerAddress }]);
      return searchHostDirectory(ctx.db, req.params.siteId, req.query.q);
    },
  );
};
