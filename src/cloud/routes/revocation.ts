/** Revocation (admin): a kiosk (credential and pass keys), a host's tokens or one of them, a single pass. */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Id } from '../../shared/domain';
import { HostTokensRevoked, KioskRevoked, PassRevoke, PassRevoked } from '../../shared/sync';
import { adminSiteOf, siteAdmins } from '../access';
import { actorOf } from '../auth';
import { revokeHostToken, revokeHostTokens, revokeKiosk, revokePass } from '../services/revocation';
import { siteIdForCreate } from '../services/sites';
import { errorReplies, type RouteOptions } from './common';

const HostTokenId = z.string().regex(/^[0-9a-f]{16}$/, 'tokenId: 16 hex digits');
const PassId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'passId: letters, digits, _ and - only');

// eslint-disable-next-line @typescript-eslint/require-await -- a Fastify plugin is an async function by contract; registering routes awaits nothing
export const revocationRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  app.post(
    '/admin/kiosks/:id/revoke',
    {
      config: { access: siteAdmins('row') },
      schema: { summary: 'Revoke a kiosk: its credential and its pass keys', params: z.object({ id: Id }), response: { 200: KioskRevoked, ...errorReplies } },
    },
    async (req) => revokeKiosk(ctx.db, req.params.id, actorOf(req.principal), ctx.now(), adminSiteOf(req.principal)),
  );

  app.post(
    '/admin/hosts/:id/tokens/revoke',
    {
      config: { access: siteAdmins('row') },
      schema: { summary: 'Revoke every token of a host', params: z.object({ id: Id }), response: { 200: HostTokensRevoked, ...errorReplies } },
    },
    async (req) => ({
      hostId: req.params.id,
      revoked: await revokeHostTokens(ctx.db, req.params.id, actorOf(req.principal), ctx.now(), adminSiteOf(req.principal)),
    }),
  );

  app.post(
    '/admin/host-tokens/:tokenId/revoke',
    {
      config: { access: siteAdmins('row') },
      schema: { summary: 'Revoke one host token', params: z.object({ tokenId: HostTokenId }), response: { 200: HostTokensRevoked, ...errorReplies } },
    },
    async (req) => revokeHostToken(ctx.db, req.params.tokenId, actorOf(req.principal), ctx.now(), adminSiteOf(req.principal)),
  );

  app.post(
    '/admin/passes/:passId/revoke',
    {
      config: { access: siteAdmins('named') },
      schema: {
        summary: 'Revoke a single pass (kiosks refuse it after their next pull)',
        params: z.object({ passId: PassId }),
        body: PassRevoke,
        response: { 200: PassRevoked, ...errorReplies },
      },
    },
    async (req) => {
      const siteId = await siteIdForCreate(ctx.db, req.body.siteId);
      return revokePass(ctx.db, { siteId, passId: req.params.passId, reason: req.body.reason }, actorOf(req.principal), ctx.now());
    },
  );
};
