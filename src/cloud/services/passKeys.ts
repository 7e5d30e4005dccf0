/** Pass keys: the cloud's own Ed25519 key (made at first start) and every enrolled kiosk's public key. */
import { PostgresAdapter, sql, type Kysely } from 'kysely';
import { CLOUD_ISSUER, generatePassKeyPair, keyIdOf, type PassKey } from '../../shared/pass';
import type { CloudSigningKey } from '../context';
import type { CloudSchema, PassKeysTable } from '../db/schema';
import type { KeyEncryptionKeys } from '../keyEncryption';
import { findCloudSigningKeyRow, insertPassKey, listPassKeyRows } from '../repositories/passKeys';
import { openPrivateKey, protectStoredPrivateKeys, sealPrivateKey } from './passKeyStorage';
import { touchSiteConfig } from './siteConfig';

export { CLOUD_ISSUER };
/** The advisory lock making the cloud's first signing key (any constant int4, the same in every process). */
const CLOUD_KEY_LOCK = 907_012;

export const kioskIssuer = (kioskId: string) => `kiosk:${kioskId}`;

/**
 * Returns the cloud's current signing key, generating and storing one when there is none. Private keys are stored
 * sealed under the key-encryption key (plaintext ones of older clouds are sealed in place first); a stored key the
 * given keys cannot decrypt is an error (KeyEncryptionError), never a reason to make a new one.
 */
export async function ensureCloudSigningKey(db: Kysely<CloudSchema>, now: Date, keys: KeyEncryptionKeys): Promise<CloudSigningKey> {
  await protectStoredPrivateKeys(db, keys);
  const existing = await findCloudSigningKeyRow(db);
  if (existing?.private_key) return { kid: existing.kid, publicKey: existing.public_key, privateKey: openPrivateKey(existing.kid, existing.private_key, keys) };
  const pair = await generatePassKeyPair();
  const kid = await keyIdOf(pair.publicKey);
  return db.transaction().execute(async (trx) => {
    // several processes starting at once on a new database make one key, not one each: on PostgreSQL the first takes
    // this lock (keyed by the schema too) and the others then find its key; SQLite has one process
    if (db.getExecutor().adapter instanceof PostgresAdapter) {
      await sql`select pg_advisory_xact_lock(${CLOUD_KEY_LOCK}::int, hashtext(current_schema()))`.execute(trx);
      const made = await findCloudSigningKeyRow(trx);
      if (made?.private_key) return { kid: made.kid, publicKey: made.public_key, privateKey: openPrivateKey(made.kid, made.private_key, keys) };
    }
    await insertPassKey(trx, {
      kid,
      issuer: CLOUD_ISSUER,
      site_id: null,
      public_key: pair.publicKey,
      private_key: sealPrivateKey(kid, pair.privateKey, keys),
      revoked: 0,
      created_at: now.toISOString(),
    });
    await touchSiteConfig(trx, null); // the cloud's key verifies passes of every site
    return { kid, publicKey: pair.publicKey, privateKey: pair.privateKey };
  });
}

function toPassKey(row: Pick<PassKeysTable, 'kid' | 'issuer' | 'public_key' | 'revoked' | 'site_id'>): PassKey {
  return { kid: row.kid, issuer: row.issuer, publicKey: row.public_key, revoked: row.revoked !== 0, ...(row.site_id !== null ? { site: row.site_id } : {}) };
}

/**
 * The cloud's keys and kiosk keys, revoked ones included and marked: with a siteId, the cloud's and that site's
 * kiosks'; with null, the cloud's only; with undefined, every key. `kid` narrows to one key.
 */
export async function listPassKeys(db: Kysely<CloudSchema>, siteId?: string | null, kid?: string): Promise<PassKey[]> {
  return (await listPassKeyRows(db, siteId, kid)).map(toPassKey);
}

/**
 * Every key that verifies passes of a site now, as its kiosks get them: the cloud's (for any site, and the site's own
 * after a rotation) and the site's kiosks', less a retired key whose passes have all expired (siteSigningKeys.ts).
 */
export async function listSitePassKeys(db: Kysely<CloudSchema>, siteId: string, now: Date): Promise<PassKey[]> {
  return (await listPassKeyRows(db, siteId, undefined, now)).map(toPassKey);
}
