/** Bookings: visitors create them; hosts and admins read, decide, amend and cancel them. */
import { anyone, deciders, decidersScoped, staffOwn } from '../access';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { BookingCreate, BookingEdit, BookingList, BookingReceipt, Decision } from '../../shared/api';
import { Booking, BookingStatus, Id } from '../../shared/domain';
import { principalOf, requireStaff, type Principal } from '../auth';
import type { CloudContext } from '../context';
import { forbidden } from '../errors';
import { bookingAsOf, getBookingRow, toBooking } from '../services/bookingRecords';
import { assertMayManage, cancelBooking, createBooking, decideBooking, receiveAnonymousBooking } from '../services/bookingLifecycle';
import { resubmitBooking } from '../services/bookingEdits';
import { applyAsVisitor } from '../services/visitorApplications';
import { soleSiteId } from '../services/sites';
import { assertReviews, reviewedHostIds } from '../services/reviewerScope';
import { addDays, siteTimeZone, startOfLocalDay } from '../../shared/siteDay';
import { listBookings, type BookingListFilter } from '../repositories/bookings';
import { findSiteTimezone } from '../repositories/sites';
import { ANONYMOUS_BODY_LIMIT, builtReply, errorReplies, type RouteOptions } from './common';

const BookingParams = z.object({ id: Id });

/** An admin, a host, or a reviewer who reviews this booking's department (403 for another's). */
async function decider(ctx: CloudContext, principal: Principal | undefined, bookingId: string): Promise<Principal> {
  if (principal?.kind === 'staff') {
    await assertReviews(ctx, principal, bookingId);
    return principal;
  }
  if (principal?.kind !== 'admin' && principal?.kind !== 'host') throw forbidden('admin, host or reviewer only');
  return principal;
}
const BookingListQuery = z.object({
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'date: YYYY-MM-DD')
    .optional(),
  status: BookingStatus.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});

// eslint-disable-next-line @typescript-eslint/require-await -- a Fastify plugin is an async function by contract; registering routes awaits nothing
export const bookingRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  // anonymous: rate-limited, answered 202 with a receipt that says nothing of the directory; signed in: 201 Booking
  app.post(
    '/bookings',
    {
      bodyLimit: ANONYMOUS_BODY_LIMIT.booking,
      config: {
        access: anyone('visitors apply without an account; a signed-in visitor applies for themselves; a host or admin token books as staff', [
          'admin',
          'host',
          'visitor',
        ]),
      },
      schema: {
        summary: 'Apply for a visit (a visitor, signed in or not), or book one as staff',
        body: BookingCreate,
        response: { 201: Booking, 202: BookingReceipt, ...errorReplies },
      },
    },
    async (req, reply) => {
      const principal = await principalOf(ctx, req);
      if (principal === undefined) {
        const { bookingPerAddress, bookingPerPhone } = ctx.rateLimiter.limits;
        await ctx.rateLimiter.enforce(reply, [
          { bucket: 'booking:addr', value: req.ip, rule: bookingPerAddress },
          { bucket: 'booking:phone', value: req.body.visitor.phone, rule: bookingPerPhone },
        ]);
        return reply.code(202).send(await receiveAnonymousBooking(ctx, req.body));
      }
      if (principal.kind === 'visitor') {
        // signed in: their own booking (their phone), counted as an anonymous application is
        const { bookingPerAddress, bookingPerPhone } = ctx.rateLimiter.limits;
        await ctx.rateLimiter.enforce(reply, [
          { bucket: 'booking:addr', value: req.ip, rule: bookingPerAddress },
          { bucket: 'booking:phone', value: principal.phone, rule: bookingPerPhone },
        ]);
        return reply.code(201).send(await applyAsVisitor(ctx, principal, req.body));
      }
      return reply.code(201).send(await createBooking(ctx, principal, req.body));
    },
  );

  app.get(
    '/bookings/:id',
    { config: { access: deciders }, schema: { summary: 'Read a booking', params: BookingParams, response: { 200: Booking, ...errorReplies } } },
    async (req) => {
      const principal = await decider(ctx, req.principal, req.params.id);
      const row = await getBookingRow(ctx.db, req.params.id);
      assertMayManage(principal, row);
      return toBooking(bookingAsOf(row, ctx.now()));
    },
  );

  app.get(
    '/bookings',
    {
      ...builtReply,
      config: { access: decidersScoped },
      schema: {
        summary: 'List bookings (a host: their own; a reviewer: their departments’), by day and status',
        querystring: BookingListQuery,
        response: { 200: BookingList, ...errorReplies },
      },
    },
    async (req) => {
      const principal = req.principal;
      const now = ctx.now();
      // statuses as of now (the expiry rule: bookingAsOf), in the filter as in the answer
      const filter: BookingListFilter = { limit: req.query.limit, asOf: now.toISOString() };
      let siteId: string | undefined;
      if (principal?.kind === 'host') {
        filter.hostId = principal.hostId;
        siteId = principal.siteId;
      } else if (principal?.kind === 'staff') {
        filter.hostIds = await reviewedHostIds(ctx, principal);
        siteId = principal.siteId;
      } else if (principal?.kind === 'admin' && principal.account?.siteId) {
        filter.siteId = principal.account.siteId;
        siteId = principal.account.siteId;
      } else {
        siteId = await soleSiteId(ctx.db);
      }
      if (req.query.date !== undefined) {
        const site = siteId === undefined ? undefined : await findSiteTimezone(ctx.db, siteId);
        const tz = siteTimeZone(site);
        let from: string;
        let to: string;
        try {
          from = startOfLocalDay(req.query.date, tz).toISOString();
          to = startOfLocalDay(addDays(req.query.date, 1), tz).toISOString();
        } catch {
          return { bookings: [] };
        }
        filter.overlaps = { from, to };
      }
      if (req.query.status !== undefined) filter.status = req.query.status;
      const rows = await listBookings(ctx.db, filter);
      return { bookings: rows.map((r) => toBooking(bookingAsOf(r, now))) };
    },
  );

  app.post(
    '/bookings/:id/decision',
    {
      config: { access: deciders },
      schema: {
        summary: 'Approve, reject or return a booking (a reviewer: of their departments)',
        params: BookingParams,
        body: Decision,
        response: { 200: Booking, ...errorReplies },
      },
    },
    async (req) => decideBooking(ctx, await decider(ctx, req.principal, req.params.id), req.params.id, req.body),
  );

  app.put(
    '/bookings/:id',
    {
      config: { access: staffOwn },
      schema: {
        summary: 'Amend and resubmit a pending or returned booking: pending again for its host to decide (409 booking_not_editable once approved)',
        params: BookingParams,
        body: BookingEdit,
        response: { 200: Booking, ...errorReplies },
      },
    },
    async (req) => resubmitBooking(ctx, await requireStaff(ctx, req), req.params.id, req.body),
  );

  app.post(
    '/bookings/:id/cancel',
    { config: { access: staffOwn }, schema: { summary: 'Cancel a booking', params: BookingParams, response: { 200: Booking, ...errorReplies } } },
    async (req) => cancelBooking(ctx, await requireStaff(ctx, req), req.params.id),
  );
};
