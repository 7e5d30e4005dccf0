/** The notification outbox for admins (issue 13 §4): what was queued, sent, is waiting to be retried, or given up. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { NotificationList, NotificationQuery, NotificationStatus, type NotificationRecord } from '../../shared/notifications';
import { adminSiteOf, siteAdmins } from '../access';
import { listNotifications, type OutboxRow } from '../repositories/notificationOutbox';
import { errorReplies, type RouteOptions } from './common';

/** A row as staff read it: the number masked, never the parameters (names, reasons). */
function toRecord(r: OutboxRow): NotificationRecord {
  return {
    id: r.id,
    kind: r.kind,
    template: r.template,
    recipient: r.recipient_masked,
    status: NotificationStatus.parse(r.status),
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    ...(r.last_error !== null ? { lastError: r.last_error } : {}),
    ...(r.booking_id !== null ? { bookingId: r.booking_id } : {}),
    ...(r.provider !== null ? { provider: r.provider } : {}),
    createdAt: r.created_at,
    ...(r.sent_at !== null ? { sentAt: r.sent_at } : {}),
  };
}

// eslint-disable-next-line @typescript-eslint/require-await -- a Fastify plugin is an async function by contract; registering routes awaits nothing
export const notificationRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  app.get(
    '/admin/notifications',
    {
      config: { access: siteAdmins('caller') },
      schema: {
        summary: 'List the notification outbox (SMS to hosts and visitors), newest first; ?status=failed for those given up',
        operationId: 'listNotifications',
        querystring: NotificationQuery,
        response: { 200: NotificationList, ...errorReplies },
      },
    },
    async (req) => {
      // an administrator account of one site reads its site's messages only
      const siteId = adminSiteOf(req.principal);
      const rows = await listNotifications(ctx.db, {
        ...(req.query.status !== undefined ? { status: req.query.status } : {}),
        ...(siteId !== undefined ? { siteId } : {}),
        limit: req.query.limit,
      });
      return { notifications: rows.map(toRecord) };
    },
  );
};
