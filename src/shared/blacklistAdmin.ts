/**
 * The blacklist as a site administrator sees it (issue 14 item 3): entries with what a person may see (name, masked
 * phone and ID number; never the numbers), level, reason, expiry, who added it; the search; and the hits (a match
 * at application, approval or the kiosk).
 */
import { z } from 'zod';
import { BlacklistLevel, FreeText, Id, Instant } from './domain';

export const BlacklistStatus = z.enum(['active', 'expired', 'inactive']);
export type BlacklistStatus = z.infer<typeof BlacklistStatus>;

export const BlacklistAdminEntry = z.object({
  id: Id,
  siteId: Id,
  name: z.string().optional(),
  phoneMasked: z.string().optional(),
  idNumberMasked: z.string().optional(),
  level: BlacklistLevel,
  reason: z.string(),
  status: BlacklistStatus,
  expiresAt: Instant.optional(),
  addedBy: z.string().optional(),
  createdAt: Instant.optional(),
  updatedAt: Instant,
  hits: z.number().int(),
});
export type BlacklistAdminEntry = z.infer<typeof BlacklistAdminEntry>;

export const BlacklistSearch = z.object({
  siteId: Id.optional(),
  /** a name (its start), a whole phone or ID number (matched by its hash), or visible digits of a masked one */
  q: FreeText(40).optional(),
  level: BlacklistLevel.optional(),
  status: BlacklistStatus.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export type BlacklistSearch = z.input<typeof BlacklistSearch>;

export const BlacklistAdminList = z.object({ entries: z.array(BlacklistAdminEntry) });
export type BlacklistAdminList = z.infer<typeof BlacklistAdminList>;

export const BlacklistHitSource = z.enum(['application', 'approval', 'kiosk']);
export type BlacklistHitSource = z.infer<typeof BlacklistHitSource>;

export const BlacklistHit = z.object({
  id: Id,
  at: Instant,
  source: BlacklistHitSource,
  outcome: z.enum(['refused', 'warned']),
  level: BlacklistLevel,
  /** the booking or walk-in it was on, when there is one */
  subject: z.string().optional(),
  nameMasked: z.string(),
});
export type BlacklistHit = z.infer<typeof BlacklistHit>;

export const BlacklistHitList = z.object({ hits: z.array(BlacklistHit) });
export type BlacklistHitList = z.infer<typeof BlacklistHitList>;
