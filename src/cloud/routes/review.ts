/** The reviewers' queue (issue 14 item 1): the bookings a reviewer (or an administrator) decides, box by box. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id } from '../../shared/domain';
import { ReviewItem, ReviewList, ReviewQuery } from '../../shared/review';
import type { RouteAccess } from '../access';
import { reviewItem, reviewQueue } from '../services/reviewQueue';
import { errorReplies, type RouteOptions } from './common';

/** reviewers (their departments' bookings) and administrators (their site's) */
const reviewers: RouteAccess = { roles: ['admin', 'reviewer'], siteAccount: 'caller' };
/** the same, for one booking: another department's is 403 to a reviewer */
const reviewerOfIt: RouteAccess = { roles: ['admin', 'reviewer'], otherDepartment: 403, siteAccount: 'caller' };

// eslint-disable-next-line @typescript-eslint/require-await -- a Fastify plugin is an async function by contract; registering routes awaits nothing
export const reviewRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  app.get(
    '/review/bookings',
    {
      config: { access: reviewers },
      schema: {
        summary: 'The bookings to review: a reviewer’s departments’ (an administrator: the site’s), pending, returned or decided; visitors masked',
        querystring: ReviewQuery,
        response: { 200: ReviewList, ...errorReplies },
      },
    },
    async (req) => ({ box: req.query.box, items: await reviewQueue(ctx, req.principal, req.query.box, req.query.siteId) }),
  );

  app.get(
    '/review/bookings/:id',
    {
      config: { access: reviewerOfIt },
      schema: {
        summary: 'One booking as the review queue shows it (visitor masked); a reviewer: of their departments only (403 otherwise)',
        params: z.object({ id: Id }),
        response: { 200: ReviewItem, ...errorReplies },
      },
    },
    async (req) => reviewItem(ctx, req.principal, req.params.id),
  );
};
