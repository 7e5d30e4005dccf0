/** The lists a site manages (migration 0022): rows of site_list_items. */
import type { SiteListItemsTable } from '../db/schema';
import type { Db } from './db';

export async function listSiteListItems(db: Db, siteId: string, activeOnly: boolean): Promise<SiteListItemsTable[]> {
  let q = db.selectFrom('site_list_items').selectAll().where('site_id', '=', siteId);
  if (activeOnly) q = q.where('retired', '=', 0);
  return q.orderBy('kind').orderBy('created_at').orderBy('id').execute();
}

export async function findSiteListItem(db: Db, id: string): Promise<SiteListItemsTable | undefined> {
  return db.selectFrom('site_list_items').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findSiteListItemByName(db: Db, siteId: string, kind: string, name: string): Promise<SiteListItemsTable | undefined> {
  return db.selectFrom('site_list_items').selectAll().where('site_id', '=', siteId).where('kind', '=', kind).where('name', '=', name).executeTakeFirst();
}

export async function insertSiteListItem(db: Db, row: SiteListItemsTable): Promise<void> {
  await db.insertInto('site_list_items').values(row).execute();
}

export async function updateSiteListItem(db: Db, id: string, set: Partial<Pick<SiteListItemsTable, 'name' | 'retired' | 'updated_at'>>): Promise<void> {
  await db.updateTable('site_list_items').set(set).where('id', '=', id).execute();
}

/** The active items of a site among `ids` (others: another site's, retired or unknown, are left out). */
export async function findActiveItemsOfSite(db: Db, siteId: string, ids: readonly string[]): Promise<SiteListItemsTable[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('site_list_items')
    .selectAll()
    .where('site_id', '=', siteId)
    .where('retired', '=', 0)
    .where('id', 'in', [...ids])
    .execute();
}

/** Which kinds the site has active items of. */
export async function activeKindsOfSite(db: Db, siteId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('site_list_items').select('kind').distinct().where('site_id', '=', siteId).where('retired', '=', 0).execute();
  return new Set(rows.map((r) => r.kind));
}
