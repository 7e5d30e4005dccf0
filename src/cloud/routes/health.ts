/** Liveness and the OpenAPI document (no /api/v1 prefix). */
import { sql } from 'kysely';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RouteOptions } from './common';

export const healthRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  app.get(
    '/healthz',
    { schema: { response: { 200: z.object({ ok: z.literal(true), db: z.enum(['sqlite', 'postgres']) }) } } },
    async () => {
      await sql`select 1`.execute(ctx.db);
      return { ok: true as const, db: ctx.database.dialect };
    },
  );
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
};
