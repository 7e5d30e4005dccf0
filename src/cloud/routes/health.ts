/** Liveness and the OpenAPI document (no /api/v1 prefix). */
import { anyone } from '../access';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { pingDatabase } from '../repositories/db';
import type { RouteOptions } from './common';

// eslint-disable-next-line @typescript-eslint/require-await -- a Fastify plugin is an async function by contract; registering routes awaits nothing
export const healthRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  app.get(
    '/healthz',
    {
      config: { access: anyone('liveness for load balancers; says nothing but ok and the database kind') },
      schema: { summary: 'Liveness and the database kind', response: { 200: z.object({ ok: z.literal(true), db: z.enum(['sqlite', 'postgres']) }) } },
    },
    async () => {
      await pingDatabase(ctx.db);
      return { ok: true as const, db: ctx.database.dialect };
    },
  );
  app.get('/openapi.json', { config: { access: anyone('the API’s own description') }, schema: { hide: true } }, () => Promise.resolve(app.swagger()));
};
