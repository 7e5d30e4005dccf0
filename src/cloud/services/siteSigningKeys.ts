/**
 * A site's pass-signing key and its rotation (issue 11). The cloud signs a site's passes with the site's current key:
 * the cloud's own key (made at first start, for any site) until the site's key is rotated, then a key of the site's
 * own. A rotation makes a new key current and retires the one before, for that site only: the retired key stays in the
 * site's pull (kiosks verify both) until the last pass it could have signed there has expired — no later than the
 * latest visit window of the site's bookings at the time, a cloud pass being valid inside its booking's window — and
 * is dropped then. A pass of the site signed by a retired key that claims to last beyond that is refused.
 */
import { touchSiteConfig } from './siteConfig';
import type { Kysely } from 'kysely';
import { generatePassKeyPair, keyIdOf } from '../../shared/pass';
import type { CloudContext, CloudSigningKey } from '../context';
import type { CloudSchema } from '../db/schema';
import { notFound } from '../errors';
import type { KeyEncryptionKeys } from '../keyEncryption';
import { newId } from '../../platform/secrets';
import { writeAudit } from '../repositories/audit';
import { findLatestWindowEndOfSite } from '../repositories/bookings';
import { findPassKeyRetirement, insertPassKey, insertPassKeyRetirement, listLiveSiteSigningKeyRows } from '../repositories/passKeys';
import { insertSiteAudit } from '../repositories/siteAudit';
import { lockSiteRow } from '../repositories/sites';
import { CLOUD_ISSUER } from './passKeys';
import { openPrivateKey, sealPrivateKey } from './passKeyStorage';

/** Clock drift allowed beyond a retired key's last pass before the key leaves the pull (verification allows 120 s). */
export const RETIRED_KEY_GRACE_MS = 10 * 60_000;

/** The key the site's passes are signed with now. */
export async function siteSigningKey(ctx: Pick<CloudContext, 'db' | 'keyEncryption' | 'signingKey'>, siteId: string): Promise<CloudSigningKey> {
  const [row] = await listLiveSiteSigningKeyRows(ctx.db, siteId);
  if (!row?.private_key) return ctx.signingKey; // a site that never rotated (or a key made by an older cloud)
  return { kid: row.kid, publicKey: row.public_key, privateKey: openPrivateKey(row.kid, row.private_key, ctx.keyEncryption) };
}

export interface RetiredKey {
  keyId: string;
  keptUntil: string;
}
export interface SiteKeyRotation {
  siteId: string;
  keyId: string;
  publicKey: string;
  rotatedAt: string;
  retired: RetiredKey[];
}

/**
 * Makes a new signing key current for the site and retires the one it signed with (for this site only; the cloud's
 * own key goes on signing for the other sites). Two rotations of one site run one after the other (the site's row
 * lock): each retires what the one before made current. Audited in the cloud's log and the site's admin audit.
 */
export async function rotateSiteSigningKey(
  db: Kysely<CloudSchema>,
  keys: KeyEncryptionKeys,
  siteId: string,
  actor: string,
  now: Date,
): Promise<SiteKeyRotation> {
  const pair = await generatePassKeyPair();
  const kid = await keyIdOf(pair.publicKey);
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    if (!(await lockSiteRow(trx, siteId))) throw notFound('site_unknown', `no site ${siteId}`);
    const live = await listLiveSiteSigningKeyRows(trx, siteId);
    const lastEnd = await findLatestWindowEndOfSite(trx, siteId);
    const lastPassEnds = Math.max(now.getTime(), lastEnd !== undefined ? Date.parse(lastEnd) : 0);
    const keptUntil = new Date(lastPassEnds + RETIRED_KEY_GRACE_MS).toISOString();
    await insertPassKey(trx, {
      kid,
      issuer: CLOUD_ISSUER,
      site_id: siteId,
      public_key: pair.publicKey,
      private_key: sealPrivateKey(kid, pair.privateKey, keys),
      revoked: 0,
      created_at: at,
    });
    const retired: RetiredKey[] = [];
    for (const old of live) {
      await insertPassKeyRetirement(trx, { site_id: siteId, kid: old.kid, retired_at: at, keep_until: keptUntil });
      retired.push({ keyId: old.kid, keptUntil });
    }
    // the new key reaches the site's kiosks in their next pull (its config version changes with it)
    await touchSiteConfig(trx, siteId);
    const detail = { keyId: kid, retired: retired.map((r) => r.keyId), keptUntil };
    await writeAudit(trx, { at: now, actor, action: 'site.pass_key.rotate', subject: siteId, detail });
    await insertSiteAudit(trx, {
      id: newId('aud'),
      site_id: siteId,
      kiosk_id: null,
      source: 'cloud',
      at,
      action: 'pass_key.rotated',
      detail: JSON.stringify({ actor, ...detail }),
      recorded_at: at,
    });
    return { siteId, keyId: kid, publicKey: pair.publicKey, rotatedAt: at, retired };
  });
}

/**
 * Whether a verified pass of a site outlives its key: signed by a key the site retired, it cannot be valid past the
 * time the key is kept until (a pass claiming so was not signed by the cloud before the rotation).
 */
export async function outlivesRetiredKey(db: Kysely<CloudSchema>, pass: { site: string; kid: string; exp: number }): Promise<boolean> {
  const retirement = await findPassKeyRetirement(db, pass.site, pass.kid);
  return retirement !== undefined && pass.exp * 1000 > Date.parse(retirement.keep_until);
}
