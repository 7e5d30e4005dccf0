/**
 * A visitor's registered face photo (issue 10), for the site's admins: the JPEG the site's kiosks uploaded where the
 * site's policy allows it (src/cloud/services/visitorPhotos.ts), found by the visitor library's keys (the SHA-256 of
 * the normalised ID number, else of the phone; never the number). Not cached by anyone on the way.
 */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Id } from '../../shared/domain';
import { LastVisitQuery } from '../../shared/kioskDirectory';
import { siteAdmins } from '../access';
import { notFound } from '../errors';
import { findVisitorByPersonKey } from '../repositories/visitors';
import { findVisitorPhotoOfSite } from '../repositories/visitorPhotos';
import { getSiteRow } from '../services/sites';
import { errorReplies, type RouteOptions } from './common';

const JpegBytes = z.string().meta({ format: 'binary', description: 'the photo, JPEG (at most 100 KB)' });

// eslint-disable-next-line @typescript-eslint/require-await -- a Fastify plugin is an async function by contract; registering routes awaits nothing
export const visitorPhotoRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  app.get(
    '/admin/sites/:id/visitor-photo',
    {
      config: { access: siteAdmins('named') },
      schema: {
        summary: 'A visitor’s registered face photo at a site (by the key of their ID number, then of their phone), as image/jpeg',
        operationId: 'getSiteVisitorPhoto',
        params: z.object({ id: Id }),
        querystring: LastVisitQuery,
        response: {
          200: { description: 'the registered photo', content: { 'image/jpeg': { schema: JpegBytes } } },
          ...errorReplies,
        },
      },
    },
    async (req, reply) => {
      const site = await getSiteRow(ctx.db, req.params.id);
      const { idKey, phoneKey } = req.query;
      const visitor =
        (idKey !== undefined ? await findVisitorByPersonKey(ctx.db, site.id, `id:${idKey}`) : undefined) ??
        (phoneKey !== undefined ? await findVisitorByPersonKey(ctx.db, site.id, `phone:${phoneKey}`) : undefined);
      const photo = visitor ? await findVisitorPhotoOfSite(ctx.db, site.id, visitor.id) : undefined;
      if (!photo) throw notFound('visitor_photo_none', 'no registered photo of this visitor at this site');
      // a Buffer is sent as it is (never serialised); the schema's string describes it as binary in the OpenAPI document
      const jpeg = Buffer.from(photo.jpeg) as unknown as string;
      return reply.code(200).header('cache-control', 'no-store').header('x-content-type-options', 'nosniff').type('image/jpeg').send(jpeg);
    },
  );
};
