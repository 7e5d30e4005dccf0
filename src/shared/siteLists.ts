/**
 * The lists a site manages (issue 13 item 1; seeds 000 and 001): visitor identity categories (外来人员 / 教职工家属 …),
 * visit reasons, areas and belongings, and the site's departments (official visits, seed 002). A booking names its
 * items by id; an item is renamed or retired, never deleted (bookings keep the name they were made with).
 * Runs everywhere: no Node, DOM or Electron imports.
 */
import { z } from 'zod';
import { NameText } from './plainText';

export const SiteListKind = z.enum(['identity_category', 'visit_reason', 'area', 'belonging']);
export type SiteListKind = z.infer<typeof SiteListKind>;

/** An id of a list item or department: letters, digits, _ and - (as every id). */
export const ListItemId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'id: letters, digits, _ and - only');

export const SiteListItem = z.object({
  id: ListItemId,
  siteId: ListItemId,
  kind: SiteListKind,
  name: NameText(40),
  /** retired: kept for the bookings that name it, no longer offered */
  retired: z.boolean(),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type SiteListItem = z.infer<typeof SiteListItem>;

export const SiteListItemName = z.object({ name: NameText(40) });
export type SiteListItemName = z.infer<typeof SiteListItemName>;

/** An item's change: a new name, or its retirement (or both). */
export const SiteListItemChange = z
  .object({ name: NameText(40).optional(), retired: z.literal(true).optional() })
  .refine((c) => c.name !== undefined || c.retired !== undefined, { error: 'name or retired: true is required' });
export type SiteListItemChange = z.infer<typeof SiteListItemChange>;

export const Department = z.object({ id: ListItemId, siteId: ListItemId, name: NameText(80) });
export type Department = z.infer<typeof Department>;

/** A site's lists: every item (an admin's read includes the retired ones) and its departments. */
export const SiteLists = z.object({ siteId: ListItemId, items: z.array(SiteListItem), departments: z.array(Department) });
export type SiteLists = z.infer<typeof SiteLists>;
