/** Passes: the public keys that verify them, server-side verification, and cloud-issued passes for bookings. */
import { anyone, staffOwn } from '../access';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { BookingStatus, Id } from '../../shared/domain';
import { maskName, PassError, signPass, verifyPass, type PassPayload } from '../../shared/pass';
import { passStanding } from '../../shared/passStanding';
import { IssuedPass, PassKeysResponse, VerifyPassRequest, VerifyPassResponse } from '../../shared/sync';
import { requireStaff } from '../auth';
import { conflict, HttpError } from '../errors';
import { newId } from '../secrets';
import { getBookingRow, sweepExpiredBookings, toBooking } from '../services/bookingRecords';
import { assertMayManage } from '../services/bookingLifecycle';
import { CLOUD_ISSUER, listPassKeys } from '../services/passKeys';
import { isPassRevoked } from '../services/revocation';
import { errorReplies, type RouteOptions } from './common';

const PassKeysQuery = z.object({
  kid: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/).optional(),
  site: Id.optional(),
});

export const passRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  app.get(
    '/passes/keys',
    {
      config: { access: anyone('a gate looks up the public key a pass names (?kid=); a kiosk or host gets its site’s keys, an admin any site’s', ['kiosk', 'host', 'admin']) },
      schema: { querystring: PassKeysQuery, response: { 200: PassKeysResponse, ...errorReplies } },
    },
    async (req) => {
      const caller = req.principal;
      if (caller?.kind === 'kiosk' || caller?.kind === 'host') return { keys: await listPassKeys(ctx.db, caller.siteId) };
      if (caller?.kind === 'admin') return { keys: await listPassKeys(ctx.db, req.query.site) };
      // anonymous: the cloud's keys, and the one key asked for by id — never a list of a site's kiosks
      const keys = await listPassKeys(ctx.db, null);
      if (req.query.kid !== undefined) keys.push(...(await listPassKeys(ctx.db, undefined, req.query.kid)).filter((k) => k.issuer !== CLOUD_ISSUER));
      return { keys };
    },
  );

  app.post(
    '/passes/verify',
    { config: { access: anyone('a gate or guard checks a pass someone shows; a kiosk or host credential limits it to that site', ['kiosk', 'host']), validationErrorCode: 'pass_malformed' }, schema: { body: VerifyPassRequest, response: { 200: VerifyPassResponse, ...errorReplies } } },
    async (req) => {
      const caller = req.principal;
      // a kiosk or host asking verifies for its own site: a pass of another site is refused
      const site = caller?.kind === 'kiosk' || caller?.kind === 'host' ? caller.siteId : undefined;
      let payload: PassPayload;
      try {
        payload = await verifyPass(req.body.token, await listPassKeys(ctx.db), { nowMs: ctx.now().getTime(), ...(site !== undefined ? { site } : {}) });
      } catch (err) {
        if (err instanceof PassError) throw new HttpError(err.code === 'pass_malformed' ? 400 : 422, err.code, err.message);
        throw err;
      }
      await sweepExpiredBookings(ctx.db, ctx.now());
      const booking =
        payload.bid === undefined
          ? undefined
          : await ctx.db.selectFrom('bookings').select('status').where('id', '=', payload.bid).where('site_id', '=', payload.site).executeTakeFirst();
      const bookingStatus = booking ? BookingStatus.parse(booking.status) : undefined;
      const standing = passStanding({ revoked: await isPassRevoked(ctx.db, payload.site, payload.pid), hasBooking: payload.bid !== undefined, bookingStatus });
      return { ...standing, payload, ...(bookingStatus !== undefined ? { bookingStatus } : {}) };
    },
  );

  app.get(
    '/bookings/:id/pass',
    { config: { access: staffOwn }, schema: { params: z.object({ id: Id }), response: { 200: IssuedPass, ...errorReplies } } },
    async (req) => {
      const principal = await requireStaff(ctx, req);
      await sweepExpiredBookings(ctx.db, ctx.now());
      const row = await getBookingRow(ctx.db, req.params.id);
      assertMayManage(principal, row);
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
