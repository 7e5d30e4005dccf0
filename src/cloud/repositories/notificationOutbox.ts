/**
 * The notification outbox's SQL (migration 0018; the rules: src/cloud/notifications/). A row is queued once per
 * idempotency key, claimed by one sender at a time (PostgreSQL: the due rows are locked FOR UPDATE SKIP LOCKED, so a
 * second dispatcher passes over them instead of waiting and then sending them again; SQLite has one writer), and
 * finished only by the sender whose claim token it carries.
 */
import type { ExpressionBuilder, Kysely } from 'kysely';
import type { CloudDialect } from '../db/database';
import type { CloudSchema, NotificationOutboxTable } from '../db/schema';
import type { Db } from './db';
import { insertRow, insertRows } from '../db/preparedStatements';

export type OutboxRow = NotificationOutboxTable;

/** Queues a message unless its idempotency key is already queued; true when this call queued it. */
export async function insertNotificationOnce(db: Db, row: OutboxRow): Promise<boolean> {
  // an arrival's message is queued with every check-in: built once (preparedStatements.ts)
  const result = await insertRow(db, 'notification_outbox', row, 'idempotency_key');
  return Number(result.numAffectedRows ?? 0) === 1;
}

/** Queues messages (several: a batch of kiosk commands' arrivals), each unless its idempotency key is already queued. */
export async function insertNotificationsOnce(db: Db, rows: readonly OutboxRow[]): Promise<void> {
  // the first of rows sharing a key, as one insert after another would keep
  const firsts = new Map<string, OutboxRow>();
  for (const row of rows) if (!firsts.has(row.idempotency_key)) firsts.set(row.idempotency_key, row);
  await insertRows(db, 'notification_outbox', [...firsts.values()], 'idempotency_key');
}

/** Due: pending and its next attempt has come, or sending under a claim that ran out (its sender died). */
const due = (nowIso: string) => (eb: ExpressionBuilder<CloudSchema, 'notification_outbox'>) =>
  eb.or([
    eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', nowIso)]),
    eb.and([eb('status', '=', 'sending'), eb('claimed_until', '<=', nowIso)]),
  ]);

/**
 * Claims up to `limit` due messages for the sender `token` until `claimedUntil`, counting the attempt; returns them.
 * Two statements in one transaction: the due ids, locked (PostgreSQL: FOR UPDATE SKIP LOCKED), then their update. (One
 * UPDATE … WHERE id IN (SELECT … LIMIT n FOR UPDATE SKIP LOCKED) may rescan its subquery and claim more than n.)
 */
export async function claimDueNotifications(
  db: Kysely<CloudSchema>,
  dialect: CloudDialect,
  claim: { token: string; nowIso: string; claimedUntil: string; limit: number },
): Promise<OutboxRow[]> {
  return db.transaction().execute(async (trx) => {
    let dueIds = trx.selectFrom('notification_outbox').select('id').where(due(claim.nowIso)).orderBy('next_attempt_at').orderBy('id').limit(claim.limit);
    if (dialect === 'postgres') dueIds = dueIds.forUpdate().skipLocked();
    const ids = (await dueIds.execute()).map((r) => r.id);
    if (ids.length === 0) return [];
    return trx
      .updateTable('notification_outbox')
      .set((eb) => ({
        status: 'sending',
        claim_token: claim.token,
        claimed_until: claim.claimedUntil,
        attempts: eb('attempts', '+', 1),
        updated_at: claim.nowIso,
      }))
      .where('id', 'in', ids)
      .where(due(claim.nowIso))
      .returningAll()
      .execute();
  });
}

/** What a sender writes when it is done with an attempt (sent, to retry, or given up). */
export type OutboxFinish = Partial<
  Pick<OutboxRow, 'status' | 'next_attempt_at' | 'last_error' | 'provider' | 'provider_message_id' | 'sent_at' | 'recipient_phone'>
> & {
  updated_at: string;
};

/** Records an attempt's end, only while the row is still this sender's claim; true when it was. */
export async function finishNotification(db: Db, id: string, token: string, fields: OutboxFinish): Promise<boolean> {
  const result = await db
    .updateTable('notification_outbox')
    .set({ ...fields, claim_token: null, claimed_until: null })
    .where('id', '=', id)
    .where('claim_token', '=', token)
    .where('status', '=', 'sending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The outbox, newest first, of one status or all; `siteId`: only that site's messages. */
export async function listNotifications(db: Db, filter: { status?: string; limit: number; siteId?: string }): Promise<OutboxRow[]> {
  let q = db.selectFrom('notification_outbox').selectAll();
  if (filter.status !== undefined) q = q.where('status', '=', filter.status);
  if (filter.siteId !== undefined) q = q.where('site_id', '=', filter.siteId);
  return q.orderBy('created_at', 'desc').orderBy('id').limit(filter.limit).execute();
}

/** One message by its idempotency key (tests and tools). */
export async function findNotificationByKey(db: Db, key: string): Promise<OutboxRow | undefined> {
  return db.selectFrom('notification_outbox').selectAll().where('idempotency_key', '=', key).executeTakeFirst();
}

/** A kiosk's name, for the host's arrival message (null when the kiosk is unknown). */
export async function findKioskNameForMessage(db: Db, kioskId: string): Promise<string | null> {
  const row = await db.selectFrom('kiosks').select('name').where('id', '=', kioskId).executeTakeFirst();
  return row?.name ?? null;
}
