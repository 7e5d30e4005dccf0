/** Passes: the public keys that verify them, server-side verification, and cloud-issued passes for bookings. */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Id } from '../../shared/domain';
import { maskName, PassError, signPass, verifyPass, type PassPayload } from '../../shared/pass';
import { IssuedPass, PassKeysResponse, VerifyPassRequest, VerifyPassResponse } from '../../shared/sync';
import { requireStaff } from '../auth';
import { conflict, HttpError } from '../errors';
import { newId } from '../secrets';
import { getBookingRow, sweepExpiredBookings, toBooking } from '../services/bookingRecords';
import { assertMayManage } from '../services/bookingLifecycle';
import { CLOUD_ISSUER, listPassKeys } from '../services/passKeys';
import { errorReplies, type RouteOptions } from './common';

export const passRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  app.get('/passes/keys', { schema: { response: { 200: PassKeysResponse } } }, async () => ({ keys: await listPassKeys(ctx.db) }));

  app.post(
    '/passes/verify',
    { config: { validationErrorCode: 'pass_malformed' }, schema: { body: VerifyPassRequest, response: { 200: VerifyPassResponse, ...errorReplies } } },
    async (req, reply) => {
      await ctx.rateLimiter.enforce(reply, [{ bucket: 'verify:addr', value: req.ip, rule: ctx.rateLimiter.limits.verifyPerAddress }]);
      let payload: PassPayload;
      try {
        payload = await verifyPass(req.body.token, await listPassKeys(ctx.db), { nowMs: ctx.now().getTime() });
      } catch (err) {
        if (err instanceof PassError) throw new HttpError(err.code === 'pass_malformed' ? 400 : 422, err.code, err.message);
        throw err;
      }
      if (payload.bid === undefined) return { valid: true as const, payload };
      await sweepExpiredBookings(ctx.db, ctx.now());
      const booking = await ctx.db.selectFrom('bookings').select('status').where('id', '=', payload.bid).executeTakeFirst();
      return { valid: true as const, payload, ...(booking ? { bookingStatus: booking.status } : {}) };
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
      const payload: PassPayload = {
        pid: newId('cp'),
        bid: booking.id,
        site: booking.siteId,
        name: maskName(booking.visitor.name),
        host: host.name,
        n: booking.groupSize,
        nbf: Math.floor(Date.parse(booking.windowStart) / 1000),
        exp: Math.floor(Date.parse(booking.windowEnd) / 1000),
        iss: CLOUD_ISSUER,
        kid: ctx.signingKey.kid,
      };
      return { token: await signPass(payload, ctx.signingKey.privateKey), payload };
    },
  );
};
