/** The list of sites, for an administrator's choice of site (the dashboard's); creating one is POST /admin/sites. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { SiteList } from '../../shared/siteList';
import { adminOnly } from '../access';
import { listSites } from '../repositories/sites';
import { toSite } from '../services/sites';
import { errorReplies, type RouteOptions } from './common';

// eslint-disable-next-line @typescript-eslint/require-await -- a Fastify plugin is an async function by contract; registering routes awaits nothing
export const siteListRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  app.get(
    '/admin/sites',
    {
      config: { access: adminOnly },
      schema: { summary: 'List the sites, by name', operationId: 'listSites', response: { 200: SiteList, ...errorReplies } },
    },
    async () => ({ sites: (await listSites(ctx.db)).map(toSite) }),
  );
};
