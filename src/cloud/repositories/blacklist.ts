/** SQL on blacklist. */
import type { BlacklistTable } from '../db/schema';
import type { Db } from './db';

export async function insertBlacklistEntry(db: Db, row: BlacklistTable): Promise<void> {
  await db.insertInto('blacklist').values(row).execute();
}

/** Deactivates an entry with a new change_seq; returns how many rows changed (0: no such entry). */
export async function deactivateBlacklistEntry(db: Db, id: string, updatedAt: string, changeSeq: number): Promise<number> {
  const res = await db.updateTable('blacklist').set({ active: 0, updated_at: updatedAt, change_seq: changeSeq }).where('id', '=', id).executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** An entry; Kysely's NoResultError when there is none. */
export async function getBlacklistRow(db: Db, id: string): Promise<BlacklistTable> {
  return db.selectFrom('blacklist').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** A site's entries changed after a change_seq, in change order, at most `limit`. */
export async function listBlacklistChanges(db: Db, siteId: string, after: number, limit: number): Promise<BlacklistTable[]> {
  return db.selectFrom('blacklist').selectAll().where('site_id', '=', siteId).where('change_seq', '>', after).orderBy('change_seq').limit(limit).execute();
}

/** A site's active entries, not expired at `nowIso`, matching one of these ID or phone keys. */
export async function listActiveBlacklistMatches(
  db: Db,
  siteId: string,
  idHashes: readonly string[],
  phoneHashes: readonly string[],
  nowIso: string,
): Promise<BlacklistTable[]> {
  if (idHashes.length === 0 && phoneHashes.length === 0) return [];
  return db
    .selectFrom('blacklist')
    .selectAll()
    .where('site_id', '=', siteId)
    .where('active', '=', 1)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', nowIso)]))
    .where((eb) => {
      const any = [];
      if (idHashes.length > 0) any.push(eb('id_number_hash', 'in', idHashes));
      if (phoneHashes.length > 0) any.push(eb('phone_hash', 'in', phoneHashes));
      return eb.or(any);
    })
    .execute();
}

/** listActiveBlacklistMatches over entries already read by it (at an earlier time): the same rule, in memory. */
export function activeBlacklistMatchesOf(
  entries: readonly BlacklistTable[],
  idHashes: readonly string[],
  phoneHashes: readonly string[],
  nowIso: string,
): BlacklistTable[] {
  return entries.filter(
    (e) =>
      e.active === 1 &&
      (e.expires_at === null || e.expires_at > nowIso) &&
      ((e.id_number_hash !== null && idHashes.includes(e.id_number_hash)) || (e.phone_hash !== null && phoneHashes.includes(e.phone_hash))),
  );
}
