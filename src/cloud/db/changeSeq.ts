/**
 * The change sequence: one counter row bumped inside the writer's transaction, so every change to a booking,
 * host or blacklist entry gets a number and kiosks pull "everything after N". On PostgreSQL the row lock
 * serialises writers, so sequence numbers become visible in order.
 */
import type { Kysely, Transaction } from 'kysely';
import type { CloudSchema } from './schema';

export const CHANGE_SEQ = 'change_seq';

export async function nextChangeSeq(trx: Transaction<CloudSchema>): Promise<number> {
  const row = await trx
    .updateTable('counters')
    .set((eb) => ({ value: eb('value', '+', 1) }))
    .where('name', '=', CHANGE_SEQ)
    .returning('value')
    .executeTakeFirstOrThrow();
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-conversion -- PostgreSQL returns a bigint column as a string
  return Number(row.value);
}

/**
 * Locks the counter row for the rest of the transaction without moving it (on PostgreSQL every other writer waits
 * at its nextChangeSeq) and returns its value: a set-based sweep counts its rows after this, then takes a block
 * with setChangeSeq.
 */
export async function lockChangeSeq(trx: Transaction<CloudSchema>): Promise<number> {
  const row = await trx
    .updateTable('counters')
    .set((eb) => ({ value: eb('value', '+', 0) }))
    .where('name', '=', CHANGE_SEQ)
    .returning('value')
    .executeTakeFirstOrThrow();
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-conversion -- PostgreSQL returns a bigint column as a string
  return Number(row.value);
}

/** Sets the counter (inside the transaction holding its lock, lockChangeSeq): a block of numbers taken at once. */
export async function setChangeSeq(trx: Transaction<CloudSchema>, value: number): Promise<void> {
  await trx.updateTable('counters').set({ value }).where('name', '=', CHANGE_SEQ).execute();
}

export async function currentChangeSeq(db: Kysely<CloudSchema>): Promise<number> {
  const row = await db.selectFrom('counters').select('value').where('name', '=', CHANGE_SEQ).executeTakeFirstOrThrow();
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-conversion -- PostgreSQL returns a bigint column as a string
  return Number(row.value);
}
