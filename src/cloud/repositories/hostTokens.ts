/** SQL on host_tokens (stored as hashes only). */
import type { HostTokensTable } from '../db/schema';
import type { Db } from './db';

export async function insertHostToken(db: Db, row: HostTokensTable): Promise<void> {
  await db.insertInto('host_tokens').values(row).execute();
}

/** Revokes every live token of a host; returns how many were live. */
export async function revokeLiveHostTokens(db: Db, hostId: string): Promise<number> {
  const res = await db.updateTable('host_tokens').set({ revoked: 1 }).where('host_id', '=', hostId).where('revoked', '=', 0).executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** The tokens whose hash starts with a prefix (a token id). */
/** The tokens whose hash starts so, each with its host's site (a row check: assertRowOfSite). */
export async function listHostTokensByPrefix(
  db: Db,
  prefix: string,
): Promise<(Pick<HostTokensTable, 'token_hash' | 'host_id' | 'revoked'> & { site_id: string })[]> {
  return db
    .selectFrom('host_tokens')
    .innerJoin('hosts', 'hosts.id', 'host_tokens.host_id')
    .select(['host_tokens.token_hash', 'host_tokens.host_id', 'host_tokens.revoked', 'hosts.site_id'])
    .where('host_tokens.token_hash', 'like', `${prefix}%`)
    .execute();
}

export async function markHostTokenRevoked(db: Db, tokenHash: string): Promise<void> {
  await db.updateTable('host_tokens').set({ revoked: 1 }).where('token_hash', '=', tokenHash).execute();
}

/** The host a token with this hash belongs to, with its site and whether the token was revoked. */
export async function findHostOfToken(
  db: Db,
  tokenHash: string,
): Promise<{ hostId: string; siteId: string; revoked: number; disabled: number | undefined } | undefined> {
  return db
    .selectFrom('host_tokens')
    .innerJoin('hosts', 'hosts.id', 'host_tokens.host_id')
    .select(['hosts.id as hostId', 'hosts.site_id as siteId', 'host_tokens.revoked', 'hosts.disabled'])
    .where('host_tokens.token_hash', '=', tokenHash)
    .executeTakeFirst();
}
