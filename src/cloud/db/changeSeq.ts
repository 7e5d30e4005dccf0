/**
 * The change sequence: one counter row bumped inside the writer's transaction, so every change to a booking,
 * host or blacklist entry gets a number and kiosks pull "everything after N". On PostgreSQL the row lock
 * serialises writers, so sequence numbers become visible in order.
 */
import type { Kysely, Transaction } from 'kysely';
import type { CloudSchema } from './schema';

export const CHANGE_SEQ = 'change_seq';

/** Transactions whose numbers after the first are counted in memory (withChangeSeqsCounted): the first and last taken. */
const counted = new WeakMap<Transaction<CloudSchema>, { first: number | undefined; last: number | undefined }>();

export async function nextChangeSeq(trx: Transaction<CloudSchema>): Promise<number> {
  const inMemory = counted.get(trx);
  if (inMemory?.last !== undefined) return ++inMemory.last;
  const row = await trx
    .updateTable('counters')
    .set((eb) => ({ value: eb('value', '+', 1) }))
    .where('name', '=', CHANGE_SEQ)
    .returning('value')
    .executeTakeFirstOrThrow();
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-conversion -- PostgreSQL returns a bigint column as a string
  const value = Number(row.value);
  if (inMemory) inMemory.first = inMemory.last = value;
  return value;
}

/**
 * Runs `work` with the counter taken once: its first nextChangeSeq moves the row (and on PostgreSQL locks it for the
 * rest of the transaction, as always), the ones after it count on in memory, and the last number is written back when
 * `work` ends (when more than one was taken) — two statements for a batch of commands instead of one per change
 * (issue 12). Only for work that is undone whole when it throws: never under a savepoint (rolled back, a savepoint
 * would undo the row's move and, on PostgreSQL, release its lock, while the count went on; isCountingChangeSeqs).
 * The work's calls to nextChangeSeq must be sequential (as a batch applies its commands).
 */
export async function withChangeSeqsCounted<T>(trx: Transaction<CloudSchema>, work: () => Promise<T>): Promise<T> {
  const state: { first: number | undefined; last: number | undefined } = { first: undefined, last: undefined };
  counted.set(trx, state);
  try {
    const out = await work();
    if (state.last !== undefined && state.last !== state.first) await setChangeSeq(trx, state.last);
    return out;
  } finally {
    counted.delete(trx);
  }
}

/** Whether the transaction's change numbers are being counted in memory (withChangeSeqsCounted). */
export function isCountingChangeSeqs(trx: Transaction<CloudSchema>): boolean {
  return counted.has(trx);
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
