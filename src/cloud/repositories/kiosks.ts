/** SQL on kiosks. */
import type { KiosksTable } from '../db/schema';
import type { Db } from './db';
import { prepared } from '../db/preparedStatements';

export async function insertKiosk(db: Db, row: KiosksTable): Promise<void> {
  await db.insertInto('kiosks').values(row).execute();
}

export async function findKioskRevocation(db: Db, kioskId: string): Promise<Pick<KiosksTable, 'id' | 'site_id' | 'revoked_at'> | undefined> {
  return db.selectFrom('kiosks').select(['id', 'site_id', 'revoked_at']).where('id', '=', kioskId).executeTakeFirst();
}

export async function markKioskRevoked(db: Db, kioskId: string, revokedAt: string): Promise<void> {
  await db.updateTable('kiosks').set({ revoked: 1, revoked_at: revokedAt }).where('id', '=', kioskId).execute();
}

// every kiosk request looks its kiosk up: built once (preparedStatements.ts)
const selectKioskByCredential = prepared((db: Db, credentialHash: string) =>
  db.selectFrom('kiosks').select(['id', 'site_id', 'public_key', 'revoked']).where('credential_hash', '=', credentialHash),
);

/** The kiosk whose credential has this hash. */
export async function findKioskByCredential(
  db: Db,
  credentialHash: string,
): Promise<Pick<KiosksTable, 'id' | 'site_id' | 'public_key' | 'revoked'> | undefined> {
  return (await selectKioskByCredential(db, credentialHash)).rows[0];
}
