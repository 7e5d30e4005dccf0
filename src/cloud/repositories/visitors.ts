/** SQL on visitors: the visitor library (hashes and masked forms only). */
import type { Updateable } from 'kysely';
import type { VisitorsTable } from '../db/schema';
import type { Db } from './db';
import { prepared } from '../db/preparedStatements';

const selectByPersonKey = prepared((db: Db, siteId: string, personKey: string) =>
  db.selectFrom('visitors').selectAll().where('site_id', '=', siteId).where('person_key', '=', personKey),
);

export async function findVisitorByPersonKey(db: Db, siteId: string, personKey: string): Promise<VisitorsTable | undefined> {
  return (await selectByPersonKey(db, siteId, personKey)).rows[0];
}

/** The library rows of these sites with one of these person keys (a batch's commands come from several kiosks). */
export async function findVisitorsByPersonKeys(db: Db, siteIds: readonly string[], personKeys: readonly string[]): Promise<VisitorsTable[]> {
  if (siteIds.length === 0 || personKeys.length === 0) return [];
  // by the unique index (site_id, person_key)
  return db.selectFrom('visitors').selectAll().where('site_id', 'in', siteIds).where('person_key', 'in', personKeys).execute();
}

export async function findVisitorById(db: Db, siteId: string, id: string): Promise<VisitorsTable | undefined> {
  return db.selectFrom('visitors').selectAll().where('site_id', '=', siteId).where('id', '=', id).executeTakeFirst();
}

/** A site's visitors with this ID key or, failing that, this phone key; the most recently seen first. */
export async function findVisitorsByKey(db: Db, siteId: string, by: { idKey: string } | { phoneKey: string }, limit: number): Promise<VisitorsTable[]> {
  const q = db.selectFrom('visitors').selectAll().where('site_id', '=', siteId);
  const keyed = 'idKey' in by ? q.where('id_key', '=', by.idKey) : q.where('phone_key', '=', by.phoneKey);
  return keyed.orderBy('updated_at', 'desc').orderBy('id').limit(limit).execute();
}

export async function insertVisitor(db: Db, row: VisitorsTable): Promise<void> {
  await db.insertInto('visitors').values(row).execute();
}

export async function updateVisitor(db: Db, id: string, set: Updateable<VisitorsTable>): Promise<void> {
  await db.updateTable('visitors').set(set).where('id', '=', id).execute();
}
