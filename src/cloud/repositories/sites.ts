/** SQL on sites. */
import type { SitesTable } from '../db/schema';
import type { Db } from './db';

export async function findSiteRow(db: Db, siteId: string): Promise<SitesTable | undefined> {
  return db.selectFrom('sites').selectAll().where('id', '=', siteId).executeTakeFirst();
}

export async function siteExists(db: Db, siteId: string): Promise<boolean> {
  return (await db.selectFrom('sites').select('id').where('id', '=', siteId).executeTakeFirst()) !== undefined;
}

export async function findSiteTimezone(db: Db, siteId: string): Promise<Pick<SitesTable, 'timezone'> | undefined> {
  return db.selectFrom('sites').select('timezone').where('id', '=', siteId).executeTakeFirst();
}

export async function insertSite(db: Db, row: SitesTable): Promise<void> {
  await db.insertInto('sites').values(row).execute();
}

export async function updateSiteSettings(db: Db, siteId: string, kioskSettings: string): Promise<void> {
  await db.updateTable('sites').set({ kiosk_settings: kioskSettings }).where('id', '=', siteId).execute();
}

/** Site ids, at most `limit` of them when given. */
export async function listSiteIds(db: Db, limit?: number): Promise<string[]> {
  let q = db.selectFrom('sites').select('id');
  if (limit !== undefined) q = q.limit(limit);
  return (await q.execute()).map((s) => s.id);
}

export async function listSiteSettings(db: Db): Promise<Pick<SitesTable, 'kiosk_settings'>[]> {
  return db.selectFrom('sites').select('kiosk_settings').execute();
}

/**
 * Takes the site's row lock for the rest of the transaction (PostgreSQL: a no-op update; SQLite: its one writer
 * already serialises), so that two changes of the site's signing key run one after the other.
 */
export async function lockSiteRow(db: Db, siteId: string): Promise<boolean> {
  const res = await db
    .updateTable('sites')
    .set((eb) => ({ id: eb.ref('id') }))
    .where('id', '=', siteId)
    .executeTakeFirst();
  return res.numUpdatedRows > 0n;
}
