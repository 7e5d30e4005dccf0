/**
 * Passes: the public keys that verify them, server-side verification, and cloud-issued passes for bookings.
 * Cloud passes are version 2 (compact): their subject is the booking itself, so a kiosk finds the booking offline
 * and the cloud needs no table of issued passes. Version 1 passes still verify until they expire.
 */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { Id } from '../../shared/domain';
import { compactWindow, maskName, PassError, signPassV2, verifyPass, type PassDetails, type PassPayload } from '../../shared/pass';
import { IssuedPass, PassKeysResponse, VerifyPassRequest, VerifyPassResponse } from '../../shared/sync';
import { requireStaff } from '../auth';
import type { CloudSchema } from '../db/schema';
import { conflict, HttpError } from '../errors';
import { getBookingRow, sweepExpiredBookings, toBooking } from '../services/bookingRecords';
import { assertMayManage } from '../services/bookingLifecycle';
import { CLOUD_ISSUER, listPassKeys } from '../services/passKeys';
import { errorReplies, type RouteOptions } from './common';

/**
 * The booking a verified pass belongs to, of the pass's own site: by its booking id, or for a version 2 kiosk pass
 * (which names only its visit) by the visit that arrived on it.
 */
async function bookingOfPass(db: Kysely<CloudSchema>, payload: PassPayload) {
  let q = db.selectFrom('bookings').select(['id', 'status', 'site_id', 'host_id', 'visitor', 'group_size']).where('site_id', '=', payload.site);
  if (payload.bid !== undefined) q = q.where('id', '=', payload.bid);
  else if (payload.v === 2) q = q.where('arrived_visit_id', '=', payload.pid);
  else return undefined;
  return q.executeTakeFirst();
}

export const passRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  app.get('/passes/keys', { schema: { response: { 200: PassKeysResponse } } }, async () => ({ keys: await listPassKeys(ctx.db) }));

  app.post(
    '/passes/verify',
    { config: { validationErrorCode: 'pass_malformed' }, schema: { body: VerifyPassRequest, response: { 200: VerifyPassResponse, ...errorReplies } } },
    async (req) => {
      let payload: PassPayload;
      try {
        const sites = (await ctx.db.selectFrom('sites').select('id').execute()).map((s) => s.id);
        payload = await verifyPass(req.body.token, await listPassKeys(ctx.db), { nowMs: ctx.now().getTime(), sites });
      } catch (err) {
        if (err instanceof PassError) throw new HttpError(err.code === 'pass_malformed' ? 400 : 422, err.code, err.message);
        throw err;
      }
      await sweepExpiredBookings(ctx.db, ctx.now());
      const booking = await bookingOfPass(ctx.db, payload);
      if (!booking) return { valid: true as const, payload };
      if (payload.v === 2) {
        // a compact pass carries no names: fill them from the booking, as a version 1 pass would have shown them
        const host = await ctx.db.selectFrom('hosts').select('name').where('id', '=', booking.host_id).executeTakeFirst();
        const visitor = z.object({ name: z.string() }).parse(JSON.parse(booking.visitor));
        payload = { ...payload, bid: booking.id, name: maskName(visitor.name).slice(0, 40), host: (host?.name ?? '').slice(0, 40), n: booking.group_size };
      }
      return { valid: true as const, payload, bookingStatus: booking.status };
    },
  );

  app.get(
    '/bookings/:id/pass',
    { schema: { params: z.object({ id: Id }), response: { 200: IssuedPass, ...errorReplies } } },
    async (req) => {
      const principal = await requireStaff(ctx, req);
      await sweepExpiredBookings(ctx.db, ctx.now());
      const row = await getBookingRow(ctx.db, req.params.id);
      assertMayManage(principal, row.host_id);
      if (row.status !== 'approved') throw conflict('booking_state', `a pass is issued only for an approved booking (this one is ${row.status})`);
      const booking = toBooking(row);
      const host = await ctx.db.selectFrom('hosts').select('name').where('id', '=', row.host_id).executeTakeFirstOrThrow();
      const window = compactWindow(Math.floor(Date.parse(booking.windowStart) / 1000), Math.floor(Date.parse(booking.windowEnd) / 1000));
      const token = await signPassV2(
        { subject: { kind: 'booking', bookingId: booking.id }, site: booking.siteId, ...window, kid: ctx.signingKey.kid },
        ctx.signingKey.privateKey,
      );
      const payload: PassDetails = {
        v: 2,
        pid: booking.id,
        bid: booking.id,
        site: booking.siteId,
        name: maskName(booking.visitor.name).slice(0, 40),
        host: host.name.slice(0, 40),
        n: booking.groupSize,
        ...window,
        iss: CLOUD_ISSUER,
        kid: ctx.signingKey.kid,
      };
      return { token, payload };
    },
  );
};
