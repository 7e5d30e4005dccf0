/** SQL on enrolment_codes (stored as hashes only). */
import type { EnrolmentCodesTable } from '../db/schema';
import type { Db } from './db';

export async function insertEnrolmentCode(db: Db, row: EnrolmentCodesTable): Promise<void> {
  await db.insertInto('enrolment_codes').values(row).execute();
}

export async function findEnrolmentCode(db: Db, codeHash: string): Promise<EnrolmentCodesTable | undefined> {
  return db.selectFrom('enrolment_codes').selectAll().where('code_hash', '=', codeHash).executeTakeFirst();
}

/** Marks an unused code used by a kiosk; returns how many rows changed (0 when another request took it first). */
export async function claimEnrolmentCode(db: Db, codeHash: string, usedAt: string, kioskId: string): Promise<number> {
  const res = await db
    .updateTable('enrolment_codes')
    .set({ used_at: usedAt, used_by_kiosk_id: kioskId })
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}
