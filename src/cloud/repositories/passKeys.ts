/** SQL on pass_keys: the cloud's own keys (with a sealed private key) and kiosks' public keys. */
import { CLOUD_ISSUER } from '../../shared/pass';
import type { PassKeyRetirementsTable, PassKeysTable } from '../db/schema';
import type { Db } from './db';

export async function passKeyExists(db: Db, kid: string): Promise<boolean> {
  return (await db.selectFrom('pass_keys').select('kid').where('kid', '=', kid).executeTakeFirst()) !== undefined;
}

export async function insertPassKey(db: Db, row: PassKeysTable): Promise<void> {
  await db.insertInto('pass_keys').values(row).execute();
}

/** The cloud's newest live key that has a private key. */
export async function findCloudSigningKeyRow(db: Db): Promise<Pick<PassKeysTable, 'kid' | 'public_key' | 'private_key'> | undefined> {
  return db
    .selectFrom('pass_keys')
    .select(['kid', 'public_key', 'private_key'])
    .where('issuer', '=', CLOUD_ISSUER)
    .where('revoked', '=', 0)
    .where('private_key', 'is not', null)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
}

/**
 * With a siteId, the cloud's keys for any site and that site's (its kiosks', and the cloud's made by rotating its key),
 * less the cloud keys the site retired whose passes have all expired by `now`; with null, the cloud's only; with
 * undefined, every key. `kid` narrows to one.
 */
export async function listPassKeyRows(
  db: Db,
  siteId?: string | null,
  kid?: string,
  now?: Date,
): Promise<Pick<PassKeysTable, 'kid' | 'issuer' | 'public_key' | 'revoked' | 'site_id'>[]> {
  let q = db.selectFrom('pass_keys').select(['kid', 'issuer', 'public_key', 'revoked', 'site_id']);
  if (siteId === null) q = q.where('issuer', '=', CLOUD_ISSUER);
  else if (siteId !== undefined) {
    q = q.where((eb) => eb.or([eb('site_id', '=', siteId), eb.and([eb('issuer', '=', CLOUD_ISSUER), eb('site_id', 'is', null)])]));
    if (now !== undefined) {
      q = q.where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('pass_key_retirements as r')
              .select('r.kid')
              .whereRef('r.kid', '=', 'pass_keys.kid')
              .where('r.site_id', '=', siteId)
              .where('r.keep_until', '<', now.toISOString()),
          ),
        ),
      );
    }
  }
  if (kid !== undefined) q = q.where('kid', '=', kid);
  return q.orderBy('created_at').orderBy('kid').execute();
}

/** The cloud keys a site signs with and has not retired: the one current key, after a rotation its own. */
export async function listLiveSiteSigningKeyRows(db: Db, siteId: string): Promise<Pick<PassKeysTable, 'kid' | 'public_key' | 'private_key' | 'created_at'>[]> {
  return db
    .selectFrom('pass_keys')
    .select(['kid', 'public_key', 'private_key', 'created_at'])
    .where('issuer', '=', CLOUD_ISSUER)
    .where('revoked', '=', 0)
    .where('private_key', 'is not', null)
    .where((eb) => eb.or([eb('site_id', '=', siteId), eb('site_id', 'is', null)]))
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom('pass_key_retirements as r').select('r.kid').whereRef('r.kid', '=', 'pass_keys.kid').where('r.site_id', '=', siteId))),
    )
    .orderBy('created_at', 'desc')
    .orderBy('kid', 'desc')
    .execute();
}

export async function insertPassKeyRetirement(db: Db, row: PassKeyRetirementsTable): Promise<void> {
  await db.insertInto('pass_key_retirements').values(row).execute();
}

/** When a site retired a key, and until when the passes it signed there may be valid. */
export async function findPassKeyRetirement(db: Db, siteId: string, kid: string): Promise<PassKeyRetirementsTable | undefined> {
  return db.selectFrom('pass_key_retirements').selectAll().where('site_id', '=', siteId).where('kid', '=', kid).executeTakeFirst();
}

/** Every stored private key. */
export async function listPrivateKeys(db: Db): Promise<Pick<PassKeysTable, 'kid' | 'private_key'>[]> {
  return db.selectFrom('pass_keys').select(['kid', 'private_key']).where('private_key', 'is not', null).execute();
}

/** Replaces a private key only if it still holds the value read. */
export async function replacePrivateKey(db: Db, kid: string, from: string, to: string): Promise<void> {
  await db.updateTable('pass_keys').set({ private_key: to }).where('kid', '=', kid).where('private_key', '=', from).execute();
}

export async function markIssuerKeysRevoked(db: Db, issuer: string): Promise<void> {
  await db.updateTable('pass_keys').set({ revoked: 1 }).where('issuer', '=', issuer).execute();
}

export async function listIssuerKeyIds(db: Db, issuer: string): Promise<string[]> {
  return (await db.selectFrom('pass_keys').select('kid').where('issuer', '=', issuer).orderBy('kid').execute()).map((k) => k.kid);
}
