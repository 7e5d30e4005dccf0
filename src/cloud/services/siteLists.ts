/**
 * The lists a site manages (issue 13 item 1; seeds 000, 001): identity categories, visit reasons, areas, belongings.
 * An admin lists, adds, renames and retires items, each change audited; a name is unique within its list; an item is
 * never deleted (bookings keep the names they were made with). Visitors read the active items and the departments.
 */
import type { SiteListItem, SiteListKind, SiteLists } from '../../shared/siteLists';
import { SiteListKind as Kind } from '../../shared/siteLists';
import type { SiteListItemsTable } from '../db/schema';
import { conflict, notFound } from '../errors';
import { newId } from '../../platform/secrets';
import { writeAudit } from '../repositories/audit';
import type { Db } from '../repositories/db';
import { findSiteListItem, findSiteListItemByName, insertSiteListItem, listSiteListItems, updateSiteListItem } from '../repositories/siteLists';
import type { CloudContext } from '../context';
import { listDepartments } from './departments';

export const toSiteListItem = (row: SiteListItemsTable): SiteListItem => ({
  id: row.id,
  siteId: row.site_id,
  kind: Kind.parse(row.kind),
  name: row.name,
  retired: row.retired !== 0,
  updatedAt: row.updated_at,
});

/** A site's lists: its active items (an admin: every item) and its departments. */
export async function readSiteLists(db: Db, siteId: string, includeRetired: boolean): Promise<SiteLists> {
  const [items, departments] = await Promise.all([listSiteListItems(db, siteId, !includeRetired), listDepartments(db, siteId)]);
  return { siteId, items: items.map(toSiteListItem), departments };
}

const nameTaken = (name: string) => conflict('list_item_exists', `列表中已有“${name}” / the list already holds ${name}`);

async function itemOfSite(db: Db, siteId: string, itemId: string): Promise<SiteListItemsTable> {
  const row = await findSiteListItem(db, itemId);
  // another site's item answers as one that does not exist
  if (!row || row.site_id !== siteId) throw notFound('list_item_unknown', `无此列表项 / no list item ${itemId} at this site`);
  return row;
}

export async function addSiteListItem(ctx: CloudContext, siteId: string, kind: SiteListKind, name: string): Promise<SiteListItem> {
  const now = ctx.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    if (await findSiteListItemByName(trx, siteId, kind, name)) throw nameTaken(name);
    const row: SiteListItemsTable = { id: newId('li'), site_id: siteId, kind, name, retired: 0, created_at: now, updated_at: now };
    await insertSiteListItem(trx, row);
    await writeAudit(trx, { at: ctx.now(), actor: 'admin', action: 'site_list.add', subject: row.id, detail: { siteId, kind, name } });
    return toSiteListItem(row);
  });
}

export async function renameSiteListItem(ctx: CloudContext, siteId: string, itemId: string, name: string): Promise<SiteListItem> {
  const now = ctx.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const row = await itemOfSite(trx, siteId, itemId);
    const same = await findSiteListItemByName(trx, siteId, row.kind, name);
    if (same && same.id !== row.id) throw nameTaken(name);
    await updateSiteListItem(trx, row.id, { name, updated_at: now });
    await writeAudit(trx, { at: ctx.now(), actor: 'admin', action: 'site_list.rename', subject: row.id, detail: { from: row.name, to: name } });
    return toSiteListItem({ ...row, name, updated_at: now });
  });
}

export async function retireSiteListItem(ctx: CloudContext, siteId: string, itemId: string): Promise<SiteListItem> {
  const now = ctx.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const row = await itemOfSite(trx, siteId, itemId);
    if (row.retired === 0) {
      await updateSiteListItem(trx, row.id, { retired: 1, updated_at: now });
      await writeAudit(trx, { at: ctx.now(), actor: 'admin', action: 'site_list.retire', subject: row.id, detail: { name: row.name } });
    }
    return toSiteListItem({ ...row, retired: 1, updated_at: row.retired === 0 ? now : row.updated_at });
  });
}
