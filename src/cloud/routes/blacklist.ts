/** Blacklist (admin): entries hold only hashes of ID and phone numbers; kiosks receive changes by pull. */
import { adminOnly } from '../access';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { BlacklistCreate } from '../../shared/api';
import { Id } from '../../shared/domain';
import { blacklistKeysOf } from '../../shared/blacklistKey';
import { BlacklistEntry } from '../../shared/sync';
import { requireAdmin } from '../auth';
import { nextChangeSeq } from '../db/changeSeq';
import { notFound } from '../errors';
import { newId } from '../../platform/secrets';
import { writeAudit } from '../repositories/audit';
import { toBlacklistEntry } from '../services/blacklist';
import { siteIdForCreate } from '../services/sites';
import { deactivateBlacklistEntry, getBlacklistRow, insertBlacklistEntry } from '../repositories/blacklist';
import { errorReplies, type RouteOptions } from './common';

// eslint-disable-next-line @typescript-eslint/require-await -- a Fastify plugin is an async function by contract; registering routes awaits nothing
export const blacklistRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  app.post(
    '/admin/blacklist',
    {
      config: { access: adminOnly },
      schema: { summary: 'Add a blacklist entry (hashes only)', body: BlacklistCreate, response: { 201: BlacklistEntry, ...errorReplies } },
    },
    async (req, reply) => {
      await requireAdmin(ctx, req);
      const siteId = await siteIdForCreate(ctx.db, req.body.siteId);
      const now = ctx.now();
      const keys = blacklistKeysOf(req.body);
      const row = await ctx.db.transaction().execute(async (trx) => {
        const values = {
          id: newId('bl'),
          site_id: siteId,
          // the shared key (src/shared/blacklistKey.ts): the kiosk hashes its bookings' visitors the same way
          id_number_hash: keys.idNumberHash ?? null,
          phone_hash: keys.phoneHash ?? null,
          name: req.body.name ?? null,
          reason: req.body.reason,
          level: req.body.level,
          active: 1,
          updated_at: now.toISOString(),
          change_seq: await nextChangeSeq(trx),
        };
        await insertBlacklistEntry(trx, values);
        await writeAudit(trx, { at: now, actor: 'admin', action: 'blacklist.add', subject: values.id });
        return values;
      });
      return reply.code(201).send(toBlacklistEntry(row));
    },
  );

  app.post(
    '/admin/blacklist/:id/deactivate',
    {
      config: { access: adminOnly },
      schema: { summary: 'Deactivate a blacklist entry', params: z.object({ id: Id }), response: { 200: BlacklistEntry, ...errorReplies } },
    },
    async (req) => {
      await requireAdmin(ctx, req);
      const now = ctx.now();
      return ctx.db.transaction().execute(async (trx) => {
        const seq = await nextChangeSeq(trx);
        const updated = await deactivateBlacklistEntry(trx, req.params.id, now.toISOString(), seq);
        if (updated !== 1) throw notFound('blacklist_unknown', `no blacklist entry ${req.params.id}`);
        await writeAudit(trx, { at: now, actor: 'admin', action: 'blacklist.deactivate', subject: req.params.id });
        return toBlacklistEntry(await getBlacklistRow(trx, req.params.id));
      });
    },
  );
};
