/**
 * Retention and a person's data, for site administrators (issue 14 §6): a site's retention days (GET, POST to change;
 * the daily purge job applies them, services/retention.ts), deleting one visitor's registered photo, and a visitor's
 * data export and deletion on request (PIPL, services/personData.ts). The person is named in the body (never in the
 * URL, which logs keep) by phone or ID number and matched by their hashes; every request is in the audit log, masked.
 */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Id } from '../../shared/domain';
import { LastVisitQuery } from '../../shared/kioskDirectory';
import { PersonDataExport, PersonDelete, PersonDeleteResult, PersonLookup, RetentionSettings, RetentionUpdate } from '../../shared/retention';
import { siteAdmins } from '../access';
import { actorOf } from '../auth';
import { notFound } from '../errors';
import { writeAudit } from '../repositories/audit';
import { deletePhotos } from '../repositories/retention';
import { findVisitorByPersonKey } from '../repositories/visitors';
import { deletePersonData, exportPersonData } from '../services/personData';
import { siteRetention, updateSiteRetention } from '../services/retention';
import { getSiteRow } from '../services/sites';
import { errorReplies, type RouteOptions } from './common';

const SiteParams = z.object({ id: Id });

// eslint-disable-next-line @typescript-eslint/require-await -- a Fastify plugin is an async function by contract; registering routes awaits nothing
export const retentionRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  app.get(
    '/admin/sites/:id/retention',
    {
      config: { access: siteAdmins('named') },
      schema: {
        summary: 'A site’s retention days for visits, photos and logs (defaults 180, 30, 365 where it set none)',
        operationId: 'getSiteRetention',
        params: SiteParams,
        response: { 200: RetentionSettings, ...errorReplies },
      },
    },
    async (req) => siteRetention(ctx.db, (await getSiteRow(ctx.db, req.params.id)).id),
  );

  app.post(
    '/admin/sites/:id/retention',
    {
      config: { access: siteAdmins('named') },
      schema: {
        summary: 'Change a site’s retention days (the values given; the others stay); the daily purge job applies them',
        operationId: 'setSiteRetention',
        params: SiteParams,
        body: RetentionUpdate,
        response: { 200: RetentionSettings, ...errorReplies },
      },
    },
    async (req) => {
      const site = await getSiteRow(ctx.db, req.params.id);
      const settings = await updateSiteRetention(ctx.db, site.id, req.body, ctx.now());
      await writeAudit(ctx.db, { at: ctx.now(), actor: actorOf(req.principal), action: 'site.retention', subject: site.id, detail: req.body });
      return settings;
    },
  );

  app.post(
    '/admin/sites/:id/visitor-photo/delete',
    {
      config: { access: siteAdmins('named') },
      schema: {
        summary: 'Delete a visitor’s registered face photo at a site (by the key of their ID number, then of their phone)',
        operationId: 'deleteSiteVisitorPhoto',
        params: SiteParams,
        body: LastVisitQuery,
        response: { 200: z.object({ deleted: z.literal(true) }), ...errorReplies },
      },
    },
    async (req) => {
      const site = await getSiteRow(ctx.db, req.params.id);
      const { idKey, phoneKey } = req.body;
      const visitor =
        (idKey !== undefined ? await findVisitorByPersonKey(ctx.db, site.id, `id:${idKey}`) : undefined) ??
        (phoneKey !== undefined ? await findVisitorByPersonKey(ctx.db, site.id, `phone:${phoneKey}`) : undefined);
      const deleted = visitor ? await deletePhotos(ctx.db, [visitor.id]) : 0;
      if (deleted === 0) throw notFound('visitor_photo_none', 'no registered photo of this visitor at this site');
      await writeAudit(ctx.db, {
        at: ctx.now(),
        actor: actorOf(req.principal),
        action: 'visitor_photo.delete',
        subject: site.id,
        detail: { visitorId: visitor!.id },
      });
      return { deleted: true as const };
    },
  );

  app.post(
    '/admin/people/export',
    {
      config: { access: siteAdmins('named') },
      schema: {
        summary: 'Export everything held about one person (by phone or ID number, matched by hash) as JSON: a PIPL access request; audited',
        operationId: 'exportPersonData',
        body: PersonLookup,
        response: { 200: PersonDataExport, ...errorReplies },
      },
    },
    async (req) => {
      if (req.body.siteId !== undefined) await getSiteRow(ctx.db, req.body.siteId);
      return exportPersonData(ctx.db, req.body, ctx.now(), actorOf(req.principal));
    },
  );

  app.post(
    '/admin/people/delete',
    {
      config: { access: siteAdmins('named') },
      schema: {
        summary: 'Delete everything held about one person (by phone or ID number, matched by hash): a PIPL deletion request; audited, masked',
        operationId: 'deletePersonData',
        body: PersonDelete,
        response: { 200: PersonDeleteResult, ...errorReplies },
      },
    },
    async (req) => {
      if (req.body.siteId !== undefined) await getSiteRow(ctx.db, req.body.siteId);
      return deletePersonData(ctx.db, req.body, ctx.now(), actorOf(req.principal));
    },
  );
};
