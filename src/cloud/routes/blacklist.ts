/**
 * Blacklist (admin): entries keep hashes of ID and phone numbers for matching and only masked numbers for people;
 * kiosks receive changes by pull. Administrators list and search entries and see each entry's hits.
 */
import { adminSiteOf, siteAdmins } from '../access';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { BlacklistCreate } from '../../shared/api';
import { BlacklistAdminList, BlacklistHitList, BlacklistSearch, type BlacklistHit } from '../../shared/blacklistAdmin';
import { Id } from '../../shared/domain';
import { BlacklistEntry } from '../../shared/sync';
import { actorOf, requireAdmin } from '../auth';
import { nextChangeSeq } from '../db/changeSeq';
import { notFound } from '../errors';
import { newId } from '../../platform/secrets';
import { writeAudit } from '../repositories/audit';
import { toBlacklistAdminEntry, toBlacklistEntry } from '../services/blacklist';
import { blacklistFilterOf, blacklistRowOf } from '../services/blacklistAdmin';
import { siteIdForCreate } from '../services/sites';
import { deactivateBlacklistEntry, getBlacklistRow, insertBlacklistEntry } from '../repositories/blacklist';
import { findBlacklistRowOfSite, listBlacklistHits, searchBlacklist } from '../repositories/blacklistAdmin';
import { errorReplies, type RouteOptions } from './common';

const HITS_SHOWN = 200;

// eslint-disable-next-line @typescript-eslint/require-await -- a Fastify plugin is an async function by contract; registering routes awaits nothing
export const blacklistRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  app.post(
    '/admin/blacklist',
    {
      config: { access: siteAdmins('named') },
      schema: {
        summary: 'Add a blacklist entry (hashes to match, masked numbers to show; level, reason, expiry)',
        body: BlacklistCreate,
        response: { 201: BlacklistEntry, ...errorReplies },
      },
    },
    async (req, reply) => {
      await requireAdmin(ctx, req);
      const siteId = await siteIdForCreate(ctx.db, req.body.siteId);
      const now = ctx.now();
      const fields = blacklistRowOf(req.body, actorOf(req.principal), now);
      const row = await ctx.db.transaction().execute(async (trx) => {
        const values = { id: newId('bl'), site_id: siteId, ...fields, change_seq: await nextChangeSeq(trx) };
        await insertBlacklistEntry(trx, values);
        await writeAudit(trx, { at: now, actor: actorOf(req.principal), action: 'blacklist.add', subject: values.id });
        return values;
      });
      return reply.code(201).send(toBlacklistEntry(row));
    },
  );

  app.get(
    '/admin/blacklist',
    {
      config: { access: siteAdmins('named') },
      schema: {
        summary: 'List and search a site’s blacklist (name, masked or whole phone / ID number, level, active / expired / inactive)',
        querystring: BlacklistSearch,
        response: { 200: BlacklistAdminList, ...errorReplies },
      },
    },
    async (req) => {
      const siteId = await siteIdForCreate(ctx.db, req.query.siteId);
      const nowIso = ctx.now().toISOString();
      const rows = await searchBlacklist(ctx.db, blacklistFilterOf(req.query, siteId, nowIso));
      return { entries: rows.map((r) => toBlacklistAdminEntry(r, nowIso)) };
    },
  );

  app.get(
    '/admin/blacklist/:id/hits',
    {
      config: { access: siteAdmins('row') },
      schema: {
        summary: 'A blacklist entry’s hits: matches at application, approval or the kiosk, newest first',
        params: z.object({ id: Id }),
        response: { 200: BlacklistHitList, ...errorReplies },
      },
    },
    async (req) => {
      await findBlacklistRowOfSite(ctx.db, req.params.id, adminSiteOf(req.principal));
      const rows = await listBlacklistHits(ctx.db, req.params.id, HITS_SHOWN);
      return {
        hits: rows.map((h): BlacklistHit => ({
          id: h.id,
          at: h.at,
          source: h.source === 'approval' || h.source === 'kiosk' ? h.source : 'application',
          outcome: h.outcome === 'warned' ? 'warned' : 'refused',
          level: h.level === 'warn' ? 'warn' : 'refuse',
          ...(h.subject !== null ? { subject: h.subject } : {}),
          nameMasked: h.name_masked,
        })),
      };
    },
  );

  app.post(
    '/admin/blacklist/:id/deactivate',
    {
      config: { access: siteAdmins('row') },
      schema: { summary: 'Deactivate a blacklist entry', params: z.object({ id: Id }), response: { 200: BlacklistEntry, ...errorReplies } },
    },
    async (req) => {
      await requireAdmin(ctx, req);
      const now = ctx.now();
      return ctx.db.transaction().execute(async (trx) => {
        await findBlacklistRowOfSite(trx, req.params.id, adminSiteOf(req.principal));
        const seq = await nextChangeSeq(trx);
        const updated = await deactivateBlacklistEntry(trx, req.params.id, now.toISOString(), seq);
        if (updated !== 1) throw notFound('blacklist_unknown', `no blacklist entry ${req.params.id}`);
        await writeAudit(trx, { at: now, actor: actorOf(req.principal), action: 'blacklist.deactivate', subject: req.params.id });
        return toBlacklistEntry(await getBlacklistRow(trx, req.params.id));
      });
    },
  );
};
