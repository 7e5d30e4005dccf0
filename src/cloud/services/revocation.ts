/**
 * Revocation of a kiosk (its credential and its pass keys), of host tokens, and of single passes. A revoked
 * kiosk's bearer is refused (401 credential_revoked) and its passes fail verification everywhere: the cloud at
 * once, other kiosks from their next pull (pass keys travel whole in every pull; revoked passes by change_seq).
 */
import type { Kysely } from 'kysely';
import type { RevokedPass } from '../../shared/sync';
import type { CloudSchema, RevokedPassesTable } from '../db/schema';
import { nextChangeSeq } from '../db/changeSeq';
import { notFound } from '../errors';
import { writeAudit } from './audit';
import { kioskIssuer } from './passKeys';

type Db = Kysely<CloudSchema>;

export function toRevokedPass(row: Pick<RevokedPassesTable, 'pass_id' | 'revoked_at' | 'reason'>): RevokedPass {
  return { passId: row.pass_id, revokedAt: row.revoked_at, reason: row.reason };
}

export async function revokeKiosk(db: Db, kioskId: string, actor: string, now: Date): Promise<{ kioskId: string; revokedAt: string; keyIds: string[] }> {
  return db.transaction().execute(async (trx) => {
    const kiosk = await trx.selectFrom('kiosks').select(['id', 'revoked_at']).where('id', '=', kioskId).executeTakeFirst();
    if (!kiosk) throw notFound('kiosk_unknown', `no kiosk ${kioskId}`);
    const revokedAt = kiosk.revoked_at ?? now.toISOString();
    await trx.updateTable('kiosks').set({ revoked: 1, revoked_at: revokedAt }).where('id', '=', kioskId).execute();
    await trx.updateTable('pass_keys').set({ revoked: 1 }).where('issuer', '=', kioskIssuer(kioskId)).execute();
    const keys = await trx.selectFrom('pass_keys').select('kid').where('issuer', '=', kioskIssuer(kioskId)).orderBy('kid').execute();
    await writeAudit(trx, { at: now, actor, action: 'kiosk.revoke', subject: kioskId, detail: { keyIds: keys.map((k) => k.kid) } });
    return { kioskId, revokedAt, keyIds: keys.map((k) => k.kid) };
  });
}

/** Revokes every live token of a host; returns how many were live. */
export async function revokeHostTokens(db: Db, hostId: string, actor: string, now: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const host = await trx.selectFrom('hosts').select('id').where('id', '=', hostId).executeTakeFirst();
    if (!host) throw notFound('host_not_found', `no host ${hostId}`);
    const res = await trx.updateTable('host_tokens').set({ revoked: 1 }).where('host_id', '=', hostId).where('revoked', '=', 0).executeTakeFirst();
    const count = Number(res.numUpdatedRows);
    await writeAudit(trx, { at: now, actor, action: 'host.tokens.revoke', subject: hostId, detail: { count } });
    return count;
  });
}

/** A host token's public name: the first 16 hex digits of its hash (the token itself is never stored). */
export const hostTokenIdOf = (tokenHash: string): string => tokenHash.slice(0, 16);

/** Revokes one host token by its id; unknown ids are 404, a token already revoked stays revoked. */
export async function revokeHostToken(db: Db, tokenId: string, actor: string, now: Date): Promise<{ hostId: string; revoked: number }> {
  return db.transaction().execute(async (trx) => {
    const rows = await trx.selectFrom('host_tokens').select(['token_hash', 'host_id', 'revoked']).where('token_hash', 'like', `${tokenId}%`).execute();
    const row = rows.length === 1 ? rows[0] : undefined;
    if (!row) throw notFound('host_token_unknown', `no host token ${tokenId}`);
    await trx.updateTable('host_tokens').set({ revoked: 1 }).where('token_hash', '=', row.token_hash).execute();
    await writeAudit(trx, { at: now, actor, action: 'host.token.revoke', subject: row.host_id, detail: { tokenId } });
    return { hostId: row.host_id, revoked: row.revoked === 0 ? 1 : 0 };
  });
}

/** Revokes one pass of a site by its pass id (the token's pid); revoking it again keeps the first record. */
export async function revokePass(db: Db, input: { siteId: string; passId: string; reason: string }, actor: string, now: Date): Promise<RevokedPass & { siteId: string }> {
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('revoked_passes').selectAll().where('site_id', '=', input.siteId).where('pass_id', '=', input.passId).executeTakeFirst();
    if (existing) return { siteId: existing.site_id, ...toRevokedPass(existing) };
    const row: RevokedPassesTable = {
      pass_id: input.passId,
      site_id: input.siteId,
      reason: input.reason,
      actor,
      revoked_at: now.toISOString(),
      change_seq: await nextChangeSeq(trx),
    };
    await trx.insertInto('revoked_passes').values(row).execute();
    await writeAudit(trx, { at: now, actor, action: 'pass.revoke', subject: input.passId, detail: { siteId: input.siteId } });
    return { siteId: row.site_id, ...toRevokedPass(row) };
  });
}

export async function isPassRevoked(db: Db, siteId: string, passId: string): Promise<boolean> {
  const row = await db.selectFrom('revoked_passes').select('pass_id').where('site_id', '=', siteId).where('pass_id', '=', passId).executeTakeFirst();
  return row !== undefined;
}
