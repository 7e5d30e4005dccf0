/** SQL on sites. */
import { CHANGE_SEQ } from '../db/changeSeq';
import type { SitesTable } from '../db/schema';
import type { Db } from './db';
import { prepared } from '../db/preparedStatements';

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

/** Sets the version of what a pull carries besides the changes: of one site, or of every site (null). */
export async function setSiteConfigSeq(db: Db, siteId: string | null, seq: number): Promise<void> {
  let q = db.updateTable('sites').set({ config_seq: seq });
  if (siteId !== null) q = q.where('id', '=', siteId);
  await q.execute();
}

// every sync pull reads it: built once (preparedStatements.ts)
const selectSiteAndChangeSeq = prepared((db: Db, siteId: string) =>
  db
    .selectFrom('sites')
    .innerJoin('counters', (join) => join.on('counters.name', '=', CHANGE_SEQ))
    .selectAll('sites')
    .select('counters.value as committed')
    .where('sites.id', '=', siteId),
);

/**
 * What an empty pull needs, in one indexed read: the site (its zone, its config version) and the change counter's
 * value, read before any change row (every change numbered up to it is committed).
 */
export async function findSiteAndChangeSeq(db: Db, siteId: string): Promise<(SitesTable & { committed: number | string }) | undefined> {
  return (await selectSiteAndChangeSeq(db, siteId)).rows[0];
}

/** Site ids, at most `limit` of them when given. */
export async function listSiteIds(db: Db, limit?: number): Promise<string[]> {
  let q = db.selectFrom('sites').select('id');
  if (limit !== undefined) q = q.limit(limit);
  return (await q.execute()).map((s) => s.id);
}

/** Every site, by name. */
export async function listSiteRows(db: Db): Promise<Pick<SitesTable, 'id' | 'name' | 'timezone'>[]> {
  return db.selectFrom('sites').select(['id', 'name', 'timezone']).orderBy('name').orderBy('id').execute();
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
