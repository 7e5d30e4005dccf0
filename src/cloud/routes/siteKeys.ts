/** A site's pass-signing key (admin, issue 11): rotation, the old key kept until the passes it signed have expired. */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { PassKeyRotated } from '../../shared/adminApi';
import { Id } from '../../shared/domain';
import { siteAdmins } from '../access';
import { actorOf } from '../auth';
import { rotateSiteSigningKey } from '../services/siteSigningKeys';
import { errorReplies, type RouteOptions } from './common';

// eslint-disable-next-line @typescript-eslint/require-await -- a Fastify plugin is an async function by contract; registering routes awaits nothing
export const siteKeyRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  app.post(
    '/admin/sites/:id/pass-key/rotate',
    {
      config: { access: siteAdmins('named') },
      schema: {
        summary:
          'Rotate a site’s pass-signing key: a new key signs its passes from now on; the old one still verifies the passes it signed and reaches the site’s kiosks until they have expired',
        params: z.object({ id: Id }),
        response: { 200: PassKeyRotated, ...errorReplies },
      },
    },
    async (req) => rotateSiteSigningKey(ctx.db, ctx.keyEncryption, req.params.id, actorOf(req.principal), ctx.now()),
  );
};
