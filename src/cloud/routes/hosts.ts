/** Host management (admin): create, list, and issue a host a bearer token for deciding on bookings. */
import { adminSiteOf, siteAdmins } from '../access';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { HostCreate, HostDisabled, HostList, HostToken } from '../../shared/api';
import { Host, Id } from '../../shared/domain';
import { actorOf, requireAdmin } from '../auth';
import { nextChangeSeq } from '../db/changeSeq';
import { conflict } from '../errors';
import { newId, randomSecret, sha256Hex } from '../../platform/secrets';
import { writeAudit } from '../repositories/audit';
import { disableHost, hostTokenIdOf } from '../services/revocation';
import { hostOfSite, toHost } from '../services/hosts';
import { siteIdForCreate } from '../services/sites';
import { findHostIdBySitePhone, insertHost, listHosts } from '../repositories/hosts';
import { insertHostToken } from '../repositories/hostTokens';
import { errorReplies, type RouteOptions } from './common';

// eslint-disable-next-line @typescript-eslint/require-await -- a Fastify plugin is an async function by contract; registering routes awaits nothing
export const hostRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  app.post(
    '/hosts',
    {
      config: { access: siteAdmins('named') },
      schema: { summary: 'Add a host (a person visitors come to see)', body: HostCreate, response: { 201: Host, ...errorReplies } },
    },
    async (req, reply) => {
      await requireAdmin(ctx, req);
      const siteId = await siteIdForCreate(ctx.db, req.body.siteId);
      const now = ctx.now();
      const row = await ctx.db.transaction().execute(async (trx) => {
        if ((await findHostIdBySitePhone(trx, siteId, req.body.phone)) !== undefined)
          throw conflict('host_phone_taken', 'a host with this phone number exists at this site');
        const values = {
          id: newId('host'),
          site_id: siteId,
          name: req.body.name,
          phone: req.body.phone,
          department: req.body.department,
          office: req.body.office ?? null,
          can_receive_visitors: req.body.canReceiveVisitors ? 1 : 0,
          created_at: now.toISOString(),
          updated_at: now.toISOString(),
          change_seq: await nextChangeSeq(trx),
        };
        await insertHost(trx, values);
        await writeAudit(trx, { at: now, actor: actorOf(req.principal), action: 'host.create', subject: values.id });
        return values;
      });
      return reply.code(201).send(toHost(row));
    },
  );

  app.get(
    '/hosts',
    { config: { access: siteAdmins('caller') }, schema: { summary: 'List hosts', response: { 200: HostList, ...errorReplies } } },
    async (req) => {
      await requireAdmin(ctx, req);
      const only = adminSiteOf(req.principal);
      const rows = await listHosts(ctx.db);
      return { hosts: rows.filter((r) => only === undefined || r.site_id === only).map(toHost) };
    },
  );

  app.post(
    '/hosts/:id/token',
    {
      config: { access: siteAdmins('row') },
      schema: { summary: 'Issue a host a bearer token', params: z.object({ id: Id }), response: { 201: HostToken, ...errorReplies } },
    },
    async (req, reply) => {
      await requireAdmin(ctx, req);
      const hostId = await hostOfSite(ctx.db, req.params.id, adminSiteOf(req.principal));
      const token = randomSecret();
      const tokenHash = sha256Hex(token);
      await insertHostToken(ctx.db, { token_hash: tokenHash, host_id: hostId, created_at: ctx.now().toISOString(), revoked: 0 });
      await writeAudit(ctx.db, {
        at: ctx.now(),
        actor: actorOf(req.principal),
        action: 'host.token',
        subject: hostId,
        detail: { tokenId: hostTokenIdOf(tokenHash) },
      });
      return reply.code(201).send({ hostId, token, tokenId: hostTokenIdOf(tokenHash) });
    },
  );

  app.post(
    '/hosts/:id/disable',
    {
      config: { access: siteAdmins('row') },
      schema: {
        summary: 'Disable a host: they cannot sign in by code, and their tokens and sessions end',
        params: z.object({ id: Id }),
        response: { 200: HostDisabled, ...errorReplies },
      },
    },
    async (req) => ({ hostId: req.params.id, ...(await disableHost(ctx.db, req.params.id, actorOf(req.principal), ctx.now(), adminSiteOf(req.principal))) }),
  );
};
