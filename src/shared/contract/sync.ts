/** The contract's sync feature: the sync engine's state, and the conflicts the cloud answered. */
import { z } from 'zod';
import { Id, Instant, Uuid } from '../domain';
import { SyncErrorCode } from '../errorCodes';
import { call, Empty } from './define';

export const SyncState = z.object({
  online: z.boolean(),
  /** syncing | idle | offline | error | unenrolled | revoked (the cloud revoked this kiosk: enrol it again) */
  phase: z.enum(['idle', 'syncing', 'offline', 'error', 'unenrolled', 'revoked']),
  lastPullAt: Instant.optional(),
  lastPushAt: Instant.optional(),
  lastError: z.string().optional(),
  /** the cloud's last policy failed its schema: kept out (the previous one stays), this says why */
  policyError: z.string().optional(),
  pendingCommands: z.number().int().min(0),
  /** commands the cloud answered with a conflict or rejection, still to be seen by staff */
  conflicts: z.number().int().min(0),
  nextAttemptAt: Instant.optional(),
});
export type SyncState = z.infer<typeof SyncState>;

/**
 * A command the cloud answered with a conflict (valid, but the world moved: checked in at another kiosk,
 * cancelled while this kiosk was offline) or a rejection (never applicable). Kept in the outbox and shown to
 * staff; acknowledging one stops it counting in SyncState.conflicts but keeps it recorded until the
 * retention purge.
 */
export const SyncConflict = z.object({
  commandId: Uuid,
  /** what the command was: a check-in, a check-out, a walk-in's registration (登记来访) or its withdrawal (撤回登记) */
  kind: z.enum(['checkin', 'checkout', 'registerWalkIn', 'cancelWalkIn', 'uploadVisitorPhoto', 'blacklistHit']),
  /** when it happened at the kiosk */
  at: Instant,
  status: z.enum(['conflict', 'rejected']),
  /** the cloud's code: already_arrived, booking_cancelled, booking_unknown, command_bad_signature; for a walk-in host_unknown, blacklisted, window_*… */
  code: z.string(),
  /** the cloud's words (English), numbers redacted */
  message: z.string(),
  bookingId: Id.optional(),
  bookingCode: z.string().optional(),
  /** masked (maskName) */
  visitorName: z.string().optional(),
  acknowledgedAt: Instant.optional(),
});
export type SyncConflict = z.infer<typeof SyncConflict>;

export const syncCalls = {
  'sync.status': call(Empty, SyncState, 'the sync engine state'),
  'sync.now': call(Empty, SyncState, 'push the outbox and pull now'),
  'sync.conflicts': call(
    Empty,
    z.object({ conflicts: z.array(SyncConflict) }),
    'commands the cloud answered with a conflict or rejection, not yet acknowledged first, then newest first',
  ),
  'sync.acknowledgeConflict': call(
    z.object({ commandId: Uuid }).strict(),
    SyncState,
    'staff have seen this conflict: it stays recorded but no longer counts (error not_found for an id that is no conflict)',
  ),
} as const;

export const syncEvents = {
  'sync.state': SyncState,
} as const;

export const syncContract = { calls: syncCalls, events: syncEvents, errors: SyncErrorCode } as const;
