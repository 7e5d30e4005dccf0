/**
 * The notification outbox as staff read it (issue 13 §4; GET /api/v1/admin/notifications): each SMS queued for a host
 * or a visitor, its recipient masked, how its sending went. Runs everywhere: zod only.
 */
import { z } from 'zod';

export const NOTIFICATION_STATUSES = ['pending', 'sending', 'sent', 'failed'] as const;
export const NotificationStatus = z.enum(NOTIFICATION_STATUSES);
export type NotificationStatus = z.infer<typeof NotificationStatus>;

export const NotificationRecord = z.object({
  id: z.string(),
  /** application, arrival, decision */
  kind: z.string(),
  template: z.string(),
  /** 138****5678 */
  recipient: z.string(),
  status: NotificationStatus,
  attempts: z.number().int(),
  nextAttemptAt: z.string(),
  /** the last failure, numbers masked */
  lastError: z.string().optional(),
  bookingId: z.string().optional(),
  provider: z.string().optional(),
  createdAt: z.string(),
  sentAt: z.string().optional(),
});
export type NotificationRecord = z.infer<typeof NotificationRecord>;

export const NotificationList = z.object({ notifications: z.array(NotificationRecord) });
export type NotificationList = z.infer<typeof NotificationList>;

export const NotificationQuery = z.object({
  status: NotificationStatus.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
