/**
 * A signed-in visitor's own bookings (issue 13 item 2): by state in the applicant's words, one, amend and resubmit
 * (pending or returned), cancel, and "my pass" (only once approved; valid only inside the window). Only bookings at
 * the session's site whose visitor phone is the session's: anyone else's answers 404, as one that does not exist.
 */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { BookingEdit } from '../../shared/api';
import { Id } from '../../shared/domain';
import { MyBooking, MyBookingList, MyBookingListQuery } from '../../shared/signIn';
import { IssuedPass } from '../../shared/sync';
import { visitorOwn, type RouteAccess } from '../access';
import type { VisitorPrincipal } from '../auth';
import { forbidden } from '../errors';
import { issueBookingPass } from '../services/bookingPass';
import { cancelAsVisitor, editAsVisitor } from '../services/visitorApplications';
import { getMyBookingRow, listMyBookings, toMyBooking, withApplicantLabels } from '../services/visitorBookings';
import { errorReplies, type RouteOptions } from './common';
import type { FastifyRequest } from 'fastify';

const BookingParams = z.object({ id: Id });
const visitorOnly: RouteAccess = { roles: ['visitor'] };

function visitorOf(req: FastifyRequest): VisitorPrincipal {
  const p = req.principal;
  if (p?.kind !== 'visitor') throw forbidden('visitor only');
  return p;
}

// eslint-disable-next-line @typescript-eslint/require-await -- a Fastify plugin is an async function by contract; registering routes awaits nothing
export const visitorBookingRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  app.get(
    '/me/bookings',
    {
      config: { access: visitorOnly },
      schema: {
        summary: 'My bookings (a signed-in visitor), newest first, of one state or all, in the applicant’s words',
        querystring: MyBookingListQuery,
        response: { 200: MyBookingList, ...errorReplies },
      },
    },
    async (req) => ({ bookings: await listMyBookings(ctx, visitorOf(req), req.query.status) }),
  );

  app.get(
    '/me/bookings/:id',
    { config: { access: visitorOwn }, schema: { summary: 'One of my bookings', params: BookingParams, response: { 200: MyBooking, ...errorReplies } } },
    async (req) => toMyBooking(await getMyBookingRow(ctx, visitorOf(req), req.params.id)),
  );

  app.put(
    '/me/bookings/:id',
    {
      config: { access: visitorOwn },
      schema: {
        summary: 'Amend and resubmit my pending or returned booking: pending again for the host (409 booking_not_editable once approved)',
        params: BookingParams,
        body: BookingEdit,
        response: { 200: MyBooking, ...errorReplies },
      },
    },
    async (req) => withApplicantLabels(await editAsVisitor(ctx, visitorOf(req), req.params.id, req.body)),
  );

  app.post(
    '/me/bookings/:id/cancel',
    { config: { access: visitorOwn }, schema: { summary: 'Cancel my booking', params: BookingParams, response: { 200: MyBooking, ...errorReplies } } },
    async (req) => withApplicantLabels(await cancelAsVisitor(ctx, visitorOf(req), req.params.id)),
  );

  app.get(
    '/me/bookings/:id/pass',
    {
      config: { access: visitorOwn },
      schema: {
        summary: 'My pass: the QR of my approved booking, valid only inside its window (409 booking_state before approval)',
        params: BookingParams,
        response: { 200: IssuedPass, ...errorReplies },
      },
    },
    async (req) => issueBookingPass(ctx, await getMyBookingRow(ctx, visitorOf(req), req.params.id)),
  );
};
