/**
 * The seeds' booking model (issue 13 item 1): the lists a site manages (admins list, add, rename and retire items;
 * visitors read the active ones and the departments for the apply form), and a group pass's vehicle list as a CSV file
 * (the template; a booking's list replaced by an uploaded file, refused whole on any wrong line).
 */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { anyone, staffOwn, siteAdmins } from '../access';
import { Booking, Id } from '../../shared/domain';
import { SiteListItem, SiteListItemChange, SiteListItemName, SiteListKind, SiteLists } from '../../shared/siteLists';
import { MAX_VEHICLE_CSV_BYTES, VEHICLE_CSV_TEMPLATE } from '../../shared/vehicleCsv';
import { requireStaff } from '../auth';
import { getSiteRow, siteIdForCreate } from '../services/sites';
import { addSiteListItem, readSiteLists, renameSiteListItem, retireSiteListItem } from '../services/siteLists';
import { replaceVehicleList } from '../services/vehicleLists';
import { errorReplies, type RouteOptions } from './common';

const SiteParams = z.object({ id: Id });
const ItemParams = z.object({ id: Id, itemId: Id });
const FileBytes = z.string().meta({ format: 'binary' });

// eslint-disable-next-line @typescript-eslint/require-await -- a Fastify plugin is an async function by contract; registering routes awaits nothing
export const siteListRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  // a vehicle list arrives as the CSV file itself (UTF-8, with or without a BOM)
  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: MAX_VEHICLE_CSV_BYTES }, (_req, body, done) => done(null, body));

  app.get(
    '/site-lists',
    {
      config: { access: anyone('the apply form offers the site’s lists before anyone signs in') },
      schema: {
        summary: 'A site’s active lists (identity categories, reasons, areas, belongings) and its departments',
        querystring: z.object({ siteId: Id.optional() }),
        response: { 200: SiteLists, ...errorReplies },
      },
    },
    async (req) => readSiteLists(ctx.db, await siteIdForCreate(ctx.db, req.query.siteId), false),
  );

  app.get(
    '/admin/sites/:id/lists',
    {
      config: { access: siteAdmins('named') },
      schema: { summary: 'A site’s lists, retired items included, and its departments', params: SiteParams, response: { 200: SiteLists, ...errorReplies } },
    },
    async (req) => {
      await getSiteRow(ctx.db, req.params.id);
      return readSiteLists(ctx.db, req.params.id, true);
    },
  );

  app.post(
    '/admin/sites/:id/lists/:kind',
    {
      config: { access: siteAdmins('named') },
      schema: {
        summary: 'Add an item to one of a site’s lists (409 list_item_exists when the list holds the name)',
        params: z.object({ id: Id, kind: SiteListKind }),
        body: SiteListItemName,
        response: { 201: SiteListItem, ...errorReplies },
      },
    },
    async (req, reply) => {
      await getSiteRow(ctx.db, req.params.id);
      return reply.code(201).send(await addSiteListItem(ctx, req.params.id, req.params.kind, req.body.name));
    },
  );

  app.put(
    '/admin/sites/:id/list-items/:itemId',
    {
      config: { access: siteAdmins('named') },
      schema: {
        summary: 'Rename a list item, or retire it (no longer offered; bookings made with it keep its name)',
        params: ItemParams,
        body: SiteListItemChange,
        response: { 200: SiteListItem, ...errorReplies },
      },
    },
    async (req) => {
      const { id, itemId } = req.params;
      // one transaction each, the rename first: a refused rename (409) retires nothing
      if (req.body.name !== undefined) {
        const renamed = await renameSiteListItem(ctx, id, itemId, req.body.name);
        if (req.body.retired !== true) return renamed;
      }
      return retireSiteListItem(ctx, id, itemId);
    },
  );

  app.get(
    '/vehicle-lists/template',
    {
      config: { access: anyone('the CSV template of a group pass’s vehicle list holds nothing of anyone') },
      schema: {
        summary: 'The CSV template of a group pass’s vehicle list (UTF-8 with BOM): plate, driver',
        response: { 200: { description: 'the template', content: { 'text/csv': { schema: FileBytes } } }, ...errorReplies },
      },
    },
    async (_req, reply) =>
      reply.header('content-disposition', 'attachment; filename="vehicles.csv"').type('text/csv; charset=utf-8').send(VEHICLE_CSV_TEMPLATE),
  );

  app.put(
    '/bookings/:id/vehicles',
    {
      bodyLimit: MAX_VEHICLE_CSV_BYTES,
      config: { access: staffOwn },
      schema: {
        summary:
          'Replace a pending or returned group booking’s vehicle list with a CSV file (400 with every wrong line; 413 above 16 KB; nothing stored on any error)',
        consumes: ['text/csv'],
        params: SiteParams,
        body: z.string(),
        response: { 200: Booking, ...errorReplies },
      },
    },
    async (req) => replaceVehicleList(ctx, await requireStaff(ctx, req), req.params.id, req.body),
  );
};
