/**
 * Companion links (转发同伴填写, issue 13 item 2): the applicant's side for a signed-in visitor (make, list, revoke the
 * links of their own booking: anyone else's booking is 404), and the public side the companion opens with the link's
 * token, rate-limited per address (and, filling in, per phone like an application).
 */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { CompanionFill, CompanionFillReceipt, CompanionLink, CompanionLinkCreated, CompanionLinkList, PublicCompanionLink } from '../../shared/companionLinks';
import { Id } from '../../shared/domain';
import { anyone, visitorOwn } from '../access';
import type { VisitorPrincipal } from '../auth';
import { forbidden } from '../errors';
import { fillCompanionLink, readPublicCompanionLink } from '../services/companionFill';
import { createCompanionLink, listCompanionLinks, revokeCompanionLink } from '../services/companionLinks';
import { ANONYMOUS_BODY_LIMIT, errorReplies, type RouteOptions } from './common';

const BookingParams = z.object({ id: Id });
const LinkParams = z.object({ id: Id, linkId: Id });
/** A link's token: 32 random bytes, base64url. */
const TokenParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'token: as the companion link gave it') });

function visitorOf(req: FastifyRequest): VisitorPrincipal {
  const p = req.principal;
  if (p?.kind !== 'visitor') throw forbidden('visitor only');
  return p;
}

// eslint-disable-next-line @typescript-eslint/require-await -- a Fastify plugin is an async function by contract; registering routes awaits nothing
export const companionLinkRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  app.post(
    '/me/bookings/:id/companion-links',
    {
      config: { access: visitorOwn },
      schema: {
        summary:
          'Send a link to a companion (转发同伴填写): one person, open until the window ends or 24 h (409 when the booking takes no more companions; 429 past 30 links an hour by one visitor)',
        params: BookingParams,
        response: { 201: CompanionLinkCreated, ...errorReplies },
      },
    },
    async (req, reply) => {
      const visitor = visitorOf(req);
      // open links count against the party's size, but one revoked frees its place: made and revoked again and again,
      // each a row, each an audit entry
      await ctx.rateLimiter.enforce(reply, [
        { bucket: 'companion-link:make', value: `${visitor.siteId}:${visitor.phone}`, rule: ctx.rateLimiter.limits.companionLinkPerVisitor },
      ]);
      return reply.code(201).send(await createCompanionLink(ctx, visitor, req.params.id, `${req.protocol}://${req.host}`));
    },
  );

  app.get(
    '/me/bookings/:id/companion-links',
    {
      config: { access: visitorOwn },
      schema: {
        summary: 'The companion links of my booking, with their state and the companion each made (name masked)',
        params: BookingParams,
        response: { 200: CompanionLinkList, ...errorReplies },
      },
    },
    async (req) => listCompanionLinks(ctx, visitorOf(req), req.params.id),
  );

  app.post(
    '/me/bookings/:id/companion-links/:linkId/revoke',
    {
      config: { access: visitorOwn },
      schema: {
        summary: 'Revoke an open companion link of my booking (409 once used, expired or revoked)',
        params: LinkParams,
        response: { 200: CompanionLink, ...errorReplies },
      },
    },
    async (req) => revokeCompanionLink(ctx, visitorOf(req), req.params.id, req.params.linkId),
  );

  app.get(
    '/companion-links/:token',
    {
      config: { access: anyone('the companion holds the link’s token and no account; rate-limited per address') },
      schema: {
        summary: 'What a companion sees of a link: the site, the host (masked), the window and what to fill in (410 once used, expired or revoked)',
        params: TokenParams,
        response: { 200: PublicCompanionLink, ...errorReplies },
      },
    },
    async (req, reply) => {
      await ctx.rateLimiter.enforce(reply, [{ bucket: 'companion-link:addr', value: req.ip, rule: ctx.rateLimiter.limits.hostDirectoryPerAddress }]);
      return readPublicCompanionLink(ctx, req.params.token);
    },
  );

  app.post(
    '/companion-links/:token',
    {
      bodyLimit: ANONYMOUS_BODY_LIMIT.verify,
      config: { access: anyone('the companion holds the link’s token and no account; rate-limited like an application') },
      schema: {
        summary: 'The companion fills in their own details: a sub-bill under the booking, following its decision (410 once used, expired or revoked)',
        params: TokenParams,
        body: CompanionFill,
        response: { 201: CompanionFillReceipt, ...errorReplies },
      },
    },
    async (req, reply) => {
      const { bookingPerAddress, bookingPerPhone } = ctx.rateLimiter.limits;
      await ctx.rateLimiter.enforce(reply, [
        { bucket: 'booking:addr', value: req.ip, rule: bookingPerAddress },
        { bucket: 'booking:phone', value: req.body.phone, rule: bookingPerPhone },
      ]);
      return reply.code(201).send(await fillCompanionLink(ctx, req.params.token, req.body));
    },
  );
};
