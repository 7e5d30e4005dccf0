/** SQL of the administrators' blacklist: the search, the hits, and the expiry sweep. */
import type { BlacklistHitsTable, BlacklistTable } from '../db/schema';
import type { Db } from './db';
import { likePrefix, likeContaining } from './likePatterns';
import type { Transaction } from 'kysely';
import type { CloudSchema } from '../db/schema';
import { nextChangeSeq } from '../db/changeSeq';
import { notFound } from '../errors';
import { assertRowOfSite } from '../rowOfSite';

export interface BlacklistFilter {
  siteId: string;
  nowIso: string;
  /** the start of the name */
  namePrefix?: string;
  /** hashes of a whole phone or ID number */
  hash?: string;
  /** visible digits of a masked number: a substring of phone_masked or id_number_masked */
  maskedPart?: string;
  level?: 'warn' | 'refuse';
  status?: 'active' | 'expired' | 'inactive';
  limit: number;
}

/** LIKE's wildcards taken literally */

export async function searchBlacklist(db: Db, f: BlacklistFilter): Promise<(BlacklistTable & { hits: number })[]> {
  let q = db
    .selectFrom('blacklist')
    .selectAll('blacklist')
    .select((eb) =>
      eb.selectFrom('blacklist_hits').select(eb.fn.countAll<string | number>().as('n')).whereRef('blacklist_hits.entry_id', '=', 'blacklist.id').as('hits'),
    )
    .where('site_id', '=', f.siteId);
  if (f.level !== undefined) q = q.where('level', '=', f.level);
  if (f.status === 'inactive') q = q.where('active', '=', 0);
  if (f.status === 'active') q = q.where('active', '=', 1).where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', f.nowIso)]));
  if (f.status === 'expired') q = q.where('active', '=', 1).where('expires_at', '<=', f.nowIso);
  const any: ('name' | 'hash' | 'masked')[] = [];
  if (f.namePrefix !== undefined) any.push('name');
  if (f.hash !== undefined) any.push('hash');
  if (f.maskedPart !== undefined) any.push('masked');
  if (any.length > 0) {
    q = q.where((eb) =>
      eb.or([
        ...(f.namePrefix !== undefined ? [eb('name', 'like', likePrefix(f.namePrefix))] : []),
        ...(f.hash !== undefined ? [eb('phone_hash', '=', f.hash), eb('id_number_hash', '=', f.hash)] : []),
        ...(f.maskedPart !== undefined
          ? [eb('phone_masked', 'like', likeContaining(f.maskedPart)), eb('id_number_masked', 'like', likeContaining(f.maskedPart))]
          : []),
      ]),
    );
  }
  const rows = await q.orderBy('updated_at', 'desc').orderBy('id').limit(f.limit).execute();
  return rows.map((r) => ({ ...r, hits: Number(r.hits ?? 0) }));
}

export async function insertBlacklistHits(db: Db, rows: readonly BlacklistHitsTable[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('blacklist_hits')
    .values([...rows])
    .execute();
}

export async function listBlacklistHits(db: Db, entryId: string, limit: number): Promise<BlacklistHitsTable[]> {
  return db.selectFrom('blacklist_hits').selectAll().where('entry_id', '=', entryId).orderBy('at', 'desc').orderBy('id').limit(limit).execute();
}

/** An entry a route names by id, if the caller may see it (`limit`: an administrator account's site): else 404 blacklist_unknown. */
export async function findBlacklistRowOfSite(db: Db, id: string, limit: string | undefined): Promise<BlacklistTable> {
  const row = await db.selectFrom('blacklist').selectAll().where('id', '=', id).executeTakeFirst();
  return assertRowOfSite(
    row,
    (r) => r.site_id,
    limit,
    () => notFound('blacklist_unknown', `no blacklist entry ${id}`),
  );
}

/**
 * Entries whose expiry has come, still active: each gets a new change_seq (active stays 1, so the list can tell
 * expired from deactivated) and the pull sends them as inactive, so kiosks drop them. Marked by updated_at ≥ expires_at:
 * an entry is sent once. Returns how many.
 */
export async function announceExpiredBlacklist(trx: Transaction<CloudSchema>, nowIso: string): Promise<number> {
  const due = await trx
    .selectFrom('blacklist')
    .select('id')
    .where('active', '=', 1)
    .where('expires_at', '<=', nowIso)
    .whereRef('updated_at', '<', 'expires_at')
    .orderBy('id')
    .execute();
  for (const { id } of due) {
    await trx
      .updateTable('blacklist')
      .set({ updated_at: nowIso, change_seq: await nextChangeSeq(trx) })
      .where('id', '=', id)
      .execute();
  }
  return due.length;
}
