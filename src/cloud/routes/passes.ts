/**
 * Passes: the public keys that verify them, server-side verification, and cloud-issued passes for bookings.
 * Cloud passes are version 2 (compact): their subject is the booking itself, so a kiosk finds the booking offline
 * and the cloud needs no table of issued passes. Version 1 passes still verify until they expire.
 */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { statusAsOf } from '../../shared/bookingStates';
import { BookingStatus, Id } from '../../shared/domain';
import { maskName } from '../../shared/mask';
import { decodePass, PassError, verifyPass, type PassPayload } from '../../shared/pass';
import { verifyEd25519Kept } from '../../platform/ed25519';
import { anyone, staffOwn } from '../access';
import { passStanding } from '../../shared/passStanding';
import { IssuedPass, PassKeysResponse, VerifyPassRequest, VerifyPassResponse } from '../../shared/sync';
import { requireStaff } from '../auth';
import { HttpError } from '../errors';
import { bookingAsOf, getBookingRow } from '../services/bookingRecords';
import { issueBookingPass } from '../services/bookingPass';
import { assertMayManage } from '../services/bookingLifecycle';
import { CLOUD_ISSUER, listPassKeys, listSitePassKeys } from '../services/passKeys';
import { outlivesRetiredKey } from '../services/siteSigningKeys';
import { isPassRevoked } from '../services/revocation';
import { listSiteIds } from '../repositories/sites';
import { findCheckInBookingIdOfVisit } from '../repositories/appliedCommands';
import { findPassBooking } from '../repositories/bookings';
import type { Db } from '../repositories/db';
import { findHostName } from '../repositories/hosts';
import { ANONYMOUS_BODY_LIMIT, builtReply, errorReplies, type RouteOptions } from './common';

const PassKeysQuery = z.object({
  kid: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/)
    .optional(),
  site: Id.optional(),
});

/** What a compact pass's answer shows of its booking's visitor (made once: a zod schema made per request costs more than the verify). */
const VisitorName = z.object({ name: z.string() });

/**
 * The booking a verified pass belongs to, of the pass's own site: by its booking id, or for a version 2 kiosk pass
 * (which names only its visit) by the visit that arrived on it, else by the check-in command that named that visit
 * (refused, say, because the booking was cancelled meanwhile: the pass is judged by that booking all the same).
 */
async function bookingOfPass(db: Db, payload: PassPayload) {
  if (payload.bid !== undefined) return findPassBooking(db, payload.site, { id: payload.bid });
  if (payload.v !== 2) return undefined;
  const arrived = await findPassBooking(db, payload.site, { arrivedVisitId: payload.pid });
  if (arrived) return arrived;
  const bookingId = await findCheckInBookingIdOfVisit(db, payload.pid);
  return bookingId ? findPassBooking(db, payload.site, { id: bookingId }) : undefined;
}

// eslint-disable-next-line @typescript-eslint/require-await -- a Fastify plugin is an async function by contract; registering routes awaits nothing
export const passRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  app.get(
    '/passes/keys',
    {
      config: {
        access: anyone('a gate looks up the public key a pass names (?kid=); a kiosk or host gets its site’s keys, an admin any site’s', [
          'kiosk',
          'host',
          'admin',
        ]),
      },
      schema: { summary: 'Public keys that verify passes', querystring: PassKeysQuery, response: { 200: PassKeysResponse, ...errorReplies } },
    },
    async (req) => {
      const caller = req.principal;
      if (caller?.kind === 'kiosk' || caller?.kind === 'host') return { keys: await listSitePassKeys(ctx.db, caller.siteId, ctx.now()) };
      if (caller?.kind === 'admin') return { keys: await listPassKeys(ctx.db, req.query.site) };
      // anonymous: the cloud's keys, and the one key asked for by id — never a list of a site's kiosks
      const keys = await listPassKeys(ctx.db, null);
      if (req.query.kid !== undefined) keys.push(...(await listPassKeys(ctx.db, undefined, req.query.kid)).filter((k) => k.issuer !== CLOUD_ISSUER));
      return { keys };
    },
  );

  app.post(
    '/passes/verify',
    {
      // the payload is the pass's, parsed by its schema (decodePass); tests/cloud/cloud/routes/passes.test.ts checks
      // that the response schema would change nothing of the reply
      ...builtReply,
      bodyLimit: ANONYMOUS_BODY_LIMIT.verify,
      config: {
        access: anyone('a gate or guard checks a pass someone shows; a kiosk or host credential limits it to that site', ['kiosk', 'host']),
        validationErrorCode: 'pass_malformed',
      },
      schema: {
        summary: 'Verify a pass: does it let its holder through now?',
        body: VerifyPassRequest,
        response: { 200: VerifyPassResponse, ...errorReplies },
      },
    },
    async (req, reply) => {
      // counted in batches: a verify is a read, and a write per request would cost more than the rest of it
      await ctx.rateLimiter.enforce(reply, [{ bucket: 'verify:addr', value: req.ip, rule: ctx.rateLimiter.limits.verifyPerAddress, batched: true }]);
      const caller = req.principal;
      // a kiosk or host asking verifies for its own site: a pass of another site is refused
      const site = caller?.kind === 'kiosk' || caller?.kind === 'host' ? caller.siteId : undefined;
      let payload: PassPayload;
      try {
        const sites = site !== undefined ? [site] : await listSiteIds(ctx.db);
        // only the key the pass names: one indexed read, however many kiosks have enrolled
        const decoded = decodePass(req.body.token);
        const keys = await listPassKeys(ctx.db, undefined, decoded.v === 1 ? decoded.payload.kid : decoded.claims.kid);
        payload = await verifyPass(req.body.token, keys, {
          nowMs: ctx.now().getTime(),
          sites,
          ...(site !== undefined ? { site } : {}),
          // on this thread: WebCrypto's trip through the thread pool and back costs more than the check (~0.1 ms); a
          // signature verified before is remembered (a pass is shown many times)
          verifySignature: verifyEd25519Kept,
        });
      } catch (err) {
        if (err instanceof PassError) throw new HttpError(err.code === 'pass_malformed' ? 400 : 422, err.code, err.message);
        throw err;
      }
      if (await outlivesRetiredKey(ctx.db, payload)) throw new HttpError(422, 'pass_key_revoked', 'pass signed by a retired key, valid beyond its passes');
      const read = await bookingOfPass(ctx.db, payload);
      // the booking's status as of now (the expiry rule), whether or not the periodic sweep has run since its window ended
      const booking = read && { ...read, status: statusAsOf(read.status, read.window_end, ctx.now().toISOString()) };
      const revoked = await isPassRevoked(ctx.db, payload.site, payload.pid);
      const standing = passStanding({ revoked, bookingStatus: booking ? BookingStatus.parse(booking.status) : undefined });
      if (!booking) return { ...standing, payload };
      if (payload.v === 2) {
        // a compact pass carries no names: fill them from the booking, as a version 1 pass would have shown them
        const hostName = await findHostName(ctx.db, booking.host_id);
        const visitor = VisitorName.parse(JSON.parse(booking.visitor));
        payload = { ...payload, bid: booking.id, name: maskName(visitor.name).slice(0, 40), host: (hostName ?? '').slice(0, 40), n: booking.group_size };
      }
      return { ...standing, payload, bookingStatus: booking.status };
    },
  );

  app.get(
    '/bookings/:id/pass',
    {
      config: { access: staffOwn },
      schema: { summary: 'Issue the cloud pass of an approved booking', params: z.object({ id: Id }), response: { 200: IssuedPass, ...errorReplies } },
    },
    async (req) => {
      const principal = await requireStaff(ctx, req);
      const row = bookingAsOf(await getBookingRow(ctx.db, req.params.id), ctx.now());
      assertMayManage(principal, row);
      return issueBookingPass(ctx, row);
    },
  );
};
