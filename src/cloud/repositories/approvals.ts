/** SQL on approvals: each decision on a booking, as it was made. */
import type { ApprovalsTable } from '../db/schema';
import type { Db } from './db';

export async function insertApproval(db: Db, row: ApprovalsTable): Promise<void> {
  await db.insertInto('approvals').values(row).execute();
}
