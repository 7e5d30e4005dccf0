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
import { insertSiteAudit } from '../repositories/siteAudit';
import { newId } from '../../platform/secrets';
import { writeAudit } from '../repositories/audit';
import { kioskIssuer } from './passKeys';
import { markHostDisabled } from '../repositories/hosts';
import { assertRowOfSite } from '../rowOfSite';
import { hostOfSite } from './hosts';
import { listHostTokensByPrefix, markHostTokenRevoked, revokeLiveHostTokens } from '../repositories/hostTokens';
import { revokeHostSessions } from '../repositories/sessions';
import { findKioskRevocation, markKioskRevoked } from '../repositories/kiosks';
import { listIssuerKeyIds, markIssuerKeysRevoked } from '../repositories/passKeys';
import { touchSiteConfig } from './siteConfig';
import { findRevokedPass, insertRevokedPass, isPassIdRevoked } from '../repositories/revokedPasses';

type Db = Kysely<CloudSchema>;

export function toRevokedPass(row: Pick<RevokedPassesTable, 'pass_id' | 'revoked_at' | 'reason'>): RevokedPass {
  return { passId: row.pass_id, revokedAt: row.revoked_at, reason: row.reason };
}

/** `limit` (here and below): an administrator account's site, whose rows alone it may name (another's is 404, as absent). */
export async function revokeKiosk(
  db: Db,
  kioskId: string,
  actor: string,
  now: Date,
  limit: string | undefined,
): Promise<{ kioskId: string; revokedAt: string; keyIds: string[] }> {
  return db.transaction().execute(async (trx) => {
    const kiosk = assertRowOfSite(
      await findKioskRevocation(trx, kioskId),
      (k) => k.site_id,
      limit,
      () => notFound('kiosk_unknown', `no kiosk ${kioskId}`),
    );
    const revokedAt = kiosk.revoked_at ?? now.toISOString();
    await markKioskRevoked(trx, kioskId, revokedAt);
    await markIssuerKeysRevoked(trx, kioskIssuer(kioskId));
    const keyIds = await listIssuerKeyIds(trx, kioskIssuer(kioskId));
    await writeAudit(trx, { at: now, actor, action: 'kiosk.revoke', subject: kioskId, detail: { keyIds } });
    const siteId = kiosk.site_id;
    await touchSiteConfig(trx, siteId); // its keys, now marked revoked, are pulled again
    if (kiosk.revoked_at === null) {
      await insertSiteAudit(trx, {
        id: newId('aud'),
        site_id: siteId,
        kiosk_id: kioskId,
        source: 'cloud',
        at: now.toISOString(),
        action: 'revoke',
        detail: JSON.stringify({ actor, keyIds: keyIds.length }),
        recorded_at: now.toISOString(),
      });
    }
    return { kioskId, revokedAt, keyIds };
  });
}

/** Revokes every live token of a host, and the sessions they signed in with by phone; returns how many tokens were live. */
export async function revokeHostTokens(db: Db, hostId: string, actor: string, now: Date, limit: string | undefined): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await hostOfSite(trx, hostId, limit, `no host ${hostId}`);
    const count = await revokeLiveHostTokens(trx, hostId);
    const sessions = await revokeHostSessions(trx, hostId, now.toISOString());
    await writeAudit(trx, { at: now, actor, action: 'host.tokens.revoke', subject: hostId, detail: { count, sessions } });
    return count;
  });
}

/** Disables a host: no sign-in by code from now on, every token and session of theirs ended. */
export async function disableHost(db: Db, hostId: string, actor: string, now: Date, limit: string | undefined): Promise<{ tokens: number; sessions: number }> {
  return db.transaction().execute(async (trx) => {
    await hostOfSite(trx, hostId, limit, `no host ${hostId}`);
    await markHostDisabled(trx, hostId, now.toISOString(), await nextChangeSeq(trx));
    const tokens = await revokeLiveHostTokens(trx, hostId);
    const sessions = await revokeHostSessions(trx, hostId, now.toISOString());
    await writeAudit(trx, { at: now, actor, action: 'host.disable', subject: hostId, detail: { tokens, sessions } });
    return { tokens, sessions };
  });
}

/** A host token's public name: the first 16 hex digits of its hash (the token itself is never stored). */
export const hostTokenIdOf = (tokenHash: string): string => tokenHash.slice(0, 16);

/** Revokes one host token by its id; unknown ids are 404, a token already revoked stays revoked. */
export async function revokeHostToken(
  db: Db,
  tokenId: string,
  actor: string,
  now: Date,
  limit: string | undefined,
): Promise<{ hostId: string; revoked: number }> {
  return db.transaction().execute(async (trx) => {
    const rows = await listHostTokensByPrefix(trx, tokenId);
    const row = assertRowOfSite(
      rows.length === 1 ? rows[0] : undefined,
      (r) => r.site_id,
      limit,
      () => notFound('host_token_unknown', `no host token ${tokenId}`),
    );
    await markHostTokenRevoked(trx, row.token_hash);
    await writeAudit(trx, { at: now, actor, action: 'host.token.revoke', subject: row.host_id, detail: { tokenId } });
    return { hostId: row.host_id, revoked: row.revoked === 0 ? 1 : 0 };
  });
}

/** Revokes one pass of a site by its pass id (the token's pid); revoking it again keeps the first record. */
export async function revokePass(
  db: Db,
  input: { siteId: string; passId: string; reason: string },
  actor: string,
  now: Date,
): Promise<RevokedPass & { siteId: string }> {
  return db.transaction().execute(async (trx) => {
    const existing = await findRevokedPass(trx, input.siteId, input.passId);
    if (existing) return { siteId: existing.site_id, ...toRevokedPass(existing) };
    const row: RevokedPassesTable = {
      pass_id: input.passId,
      site_id: input.siteId,
      reason: input.reason,
      actor,
      revoked_at: now.toISOString(),
      change_seq: await nextChangeSeq(trx),
    };
    await insertRevokedPass(trx, row);
    await writeAudit(trx, { at: now, actor, action: 'pass.revoke', subject: input.passId, detail: { siteId: input.siteId } });
    return { siteId: row.site_id, ...toRevokedPass(row) };
  });
}

export async function isPassRevoked(db: Db, siteId: string, passId: string): Promise<boolean> {
  return isPassIdRevoked(db, siteId, passId);
}
