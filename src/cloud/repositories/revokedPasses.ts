/** SQL on revoked_passes. */
import type { RevokedPassesTable } from '../db/schema';
import type { Db } from './db';

export async function findRevokedPass(db: Db, siteId: string, passId: string): Promise<RevokedPassesTable | undefined> {
  return db.selectFrom('revoked_passes').selectAll().where('site_id', '=', siteId).where('pass_id', '=', passId).executeTakeFirst();
}

export async function insertRevokedPass(db: Db, row: RevokedPassesTable): Promise<void> {
  await db.insertInto('revoked_passes').values(row).execute();
}

export async function isPassIdRevoked(db: Db, siteId: string, passId: string): Promise<boolean> {
  const row = await db.selectFrom('revoked_passes').select('pass_id').where('site_id', '=', siteId).where('pass_id', '=', passId).executeTakeFirst();
  return row !== undefined;
}

/** A site's revoked passes changed after a change_seq, in change order, at most `limit`. */
export async function listRevokedPassChanges(db: Db, siteId: string, after: number, limit: number): Promise<RevokedPassesTable[]> {
  return db.selectFrom('revoked_passes').selectAll().where('site_id', '=', siteId).where('change_seq', '>', after).orderBy('change_seq').limit(limit).execute();
}
