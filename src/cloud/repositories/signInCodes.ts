/** SQL on sign_in_codes and privacy_acceptances: the one-time codes sent to phones, and the privacy notices accepted. */
import type { PrivacyAcceptancesTable, SignInCodesTable } from '../db/schema';
import type { Db } from './db';

export async function insertSignInCode(db: Db, row: SignInCodesTable): Promise<void> {
  await db.insertInto('sign_in_codes').values(row).execute();
}

/** Ends every live code of a phone at a site for an audience (a new one replaces them). */
export async function endLiveSignInCodes(db: Db, key: Pick<SignInCodesTable, 'site_id' | 'phone_hash' | 'audience'>, at: string): Promise<void> {
  await db
    .updateTable('sign_in_codes')
    .set({ used_at: at })
    .where('site_id', '=', key.site_id)
    .where('phone_hash', '=', key.phone_hash)
    .where('audience', '=', key.audience)
    .where('used_at', 'is', null)
    .execute();
}

/** The newest code of a phone at a site for an audience that is unused, unexpired and not tried too often. */
export async function findLiveSignInCode(
  db: Db,
  key: Pick<SignInCodesTable, 'site_id' | 'phone_hash' | 'audience'>,
  nowIso: string,
  maxAttempts: number,
): Promise<SignInCodesTable | undefined> {
  return db
    .selectFrom('sign_in_codes')
    .selectAll()
    .where('site_id', '=', key.site_id)
    .where('phone_hash', '=', key.phone_hash)
    .where('audience', '=', key.audience)
    .where('used_at', 'is', null)
    .where('expires_at', '>', nowIso)
    .where('attempts', '<', maxAttempts)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
}

/** Counts one wrong attempt on a code still under the limit; returns whether it was counted. */
export async function countWrongAttempt(db: Db, id: string, maxAttempts: number): Promise<boolean> {
  const res = await db
    .updateTable('sign_in_codes')
    .set((eb) => ({ attempts: eb(eb.ref('attempts'), '+', 1) }))
    .where('id', '=', id)
    .where('attempts', '<', maxAttempts)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Uses a code once: true only for the one request that marked it used. */
export async function useSignInCode(db: Db, id: string, at: string): Promise<boolean> {
  const res = await db.updateTable('sign_in_codes').set({ used_at: at }).where('id', '=', id).where('used_at', 'is', null).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Deletes the codes that expired before an instant; returns how many. */
export async function purgeSignInCodes(db: Db, expiredBy: string): Promise<number> {
  const res = await db.deleteFrom('sign_in_codes').where('expires_at', '<=', expiredBy).executeTakeFirst();
  return Number(res.numDeletedRows);
}

/** Records a privacy notice's acceptance (once per site, phone and version). */
export async function insertPrivacyAcceptance(db: Db, row: PrivacyAcceptancesTable): Promise<void> {
  await db
    .insertInto('privacy_acceptances')
    .values(row)
    .onConflict((oc) => oc.columns(['site_id', 'phone_hash', 'version']).doNothing())
    .execute();
}

/** When a phone accepted a version of a site's privacy notice, if it did. */
export async function findPrivacyAcceptance(db: Db, siteId: string, phoneHash: string, version: string): Promise<PrivacyAcceptancesTable | undefined> {
  return db
    .selectFrom('privacy_acceptances')
    .selectAll()
    .where('site_id', '=', siteId)
    .where('phone_hash', '=', phoneHash)
    .where('version', '=', version)
    .executeTakeFirst();
}
