/** Administration: sites, kiosk enrolment codes, and the list of kiosk commands that need a person. */
import { adminOnly, adminSiteOf, siteAdmins } from '../access';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ConflictList, SiteCreate, type CommandConflict } from '../../shared/api';
import { Id, Site } from '../../shared/domain';
import { CloudKioskSettings, EnrolmentCodeCreate, EnrolmentCodeCreated } from '../../shared/sync';
import { actorOf, requireAdmin } from '../auth';
import { conflict, badRequest } from '../errors';
import { newId, randomCrockford, sha256Hex } from '../../platform/secrets';
import { writeAudit } from '../repositories/audit';
import { getSiteRow, kioskSettingsOf, toSite } from '../services/sites';
import { touchSiteConfig } from '../services/siteConfig';
import { isValidTimeZone } from '../../shared/siteDay';
import { listCommandConflicts } from '../repositories/appliedCommands';
import { insertEnrolmentCode } from '../repositories/enrolmentCodes';
import { insertSite, listSiteRows, siteExists, updateSiteSettings } from '../repositories/sites';
import { SiteList } from '../../shared/adminApi';
import { errorReplies, type RouteOptions } from './common';

/** Normalises a typed enrolment code (case, spaces, missing dash) to ABCD-2345. */
export function normaliseEnrolmentCode(code: string): string {
  const compact = code.toUpperCase().replace(/[^0-9A-Z]/g, '');
  return compact.length === 8 ? `${compact.slice(0, 4)}-${compact.slice(4)}` : compact;
}

// eslint-disable-next-line @typescript-eslint/require-await -- a Fastify plugin is an async function by contract; registering routes awaits nothing
export const adminRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  app.post(
    '/admin/sites',
    { config: { access: adminOnly }, schema: { summary: 'Create a site', body: SiteCreate, response: { 201: Site, ...errorReplies } } },
    async (req, reply) => {
      await requireAdmin(ctx, req);
      if (!isValidTimeZone(req.body.timezone)) throw badRequest('timezone_unknown', `unknown time zone ${req.body.timezone}`);
      const id = req.body.id ?? newId('site');
      if (await siteExists(ctx.db, id)) throw conflict('site_exists', `site ${id} exists`);
      const row = { id, name: req.body.name, timezone: req.body.timezone, kiosk_settings: '{}', created_at: ctx.now().toISOString(), config_seq: 0 };
      await insertSite(ctx.db, row);
      await writeAudit(ctx.db, { at: ctx.now(), actor: actorOf(req.principal), action: 'site.create', subject: id });
      return reply.code(201).send(toSite(row));
    },
  );

  app.get(
    '/admin/sites',
    { config: { access: siteAdmins('caller') }, schema: { summary: 'List sites by name', response: { 200: SiteList, ...errorReplies } } },
    async (req) => {
      const only = adminSiteOf(req.principal);
      return { sites: (await listSiteRows(ctx.db)).filter((r) => only === undefined || r.id === only).map(toSite) };
    },
  );

  app.post(
    '/admin/sites/:id/settings',
    {
      config: { access: siteAdmins('named') },
      schema: {
        summary: 'Change a site’s policy (kiosk settings, booking window limits); its kiosks take it at their next pull',
        params: z.object({ id: Id }),
        body: CloudKioskSettings,
        response: { 200: CloudKioskSettings, ...errorReplies },
      },
    },
    async (req) => {
      const row = await getSiteRow(ctx.db, req.params.id);
      // the settings given replace those values; the others stay
      const settings: CloudKioskSettings = { ...kioskSettingsOf(row), ...req.body };
      await ctx.db.transaction().execute(async (trx) => {
        await updateSiteSettings(trx, row.id, JSON.stringify(settings));
        await touchSiteConfig(trx, row.id);
      });
      await writeAudit(ctx.db, { at: ctx.now(), actor: actorOf(req.principal), action: 'site.settings', subject: row.id, detail: req.body });
      return settings;
    },
  );

  app.post(
    '/admin/enrolment-codes',
    {
      config: { access: siteAdmins('named') },
      schema: { summary: 'Make a one-time kiosk enrolment code', body: EnrolmentCodeCreate, response: { 201: EnrolmentCodeCreated, ...errorReplies } },
    },
    async (req, reply) => {
      await requireAdmin(ctx, req);
      await getSiteRow(ctx.db, req.body.siteId);
      const now = ctx.now();
      const code = `${randomCrockford(4)}-${randomCrockford(4)}`;
      const expiresAt = new Date(now.getTime() + req.body.ttlMinutes * 60_000).toISOString();
      await insertEnrolmentCode(ctx.db, {
        code_hash: sha256Hex(code),
        site_id: req.body.siteId,
        created_at: now.toISOString(),
        expires_at: expiresAt,
        used_at: null,
        used_by_kiosk_id: null,
      });
      await writeAudit(ctx.db, { at: now, actor: actorOf(req.principal), action: 'enrolment_code.create', subject: req.body.siteId, detail: { expiresAt } });
      return reply.code(201).send({ code, expiresAt });
    },
  );

  app.get(
    '/admin/conflicts',
    {
      config: { access: siteAdmins('caller') },
      schema: {
        summary: 'List kiosk commands that met a conflict or were rejected',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(200) }),
        response: { 200: ConflictList, ...errorReplies },
      },
    },
    async (req) => {
      await requireAdmin(ctx, req);
      const rows = await listCommandConflicts(ctx.db, req.query.limit, adminSiteOf(req.principal));
      const conflicts: CommandConflict[] = rows.map((r) => ({
        commandId: r.id,
        kioskId: r.kiosk_id,
        kioskName: r.kiosk_name,
        kind: r.kind,
        status: r.status === 'rejected' ? 'rejected' : 'conflict',
        at: r.at,
        receivedAt: r.applied_at,
        ...(r.booking_id !== null ? { bookingId: r.booking_id } : {}),
        ...(r.code !== null ? { code: r.code } : {}),
        ...(r.message !== null ? { message: r.message } : {}),
      }));
      return { conflicts };
    },
  );
};
