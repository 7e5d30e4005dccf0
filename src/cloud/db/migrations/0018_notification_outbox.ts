/**
 * The notification outbox (issue 13 §4): one row per message to send (an SMS to a host or a visitor), written in the
 * same transaction as the change that causes it, sent later by the dispatcher (src/cloud/notifications/dispatcher.ts).
 * `idempotency_key` is unique: the same event (e.g. `arrival:<visitId>`) never queues twice. A row is claimed for one
 * sender at a time (`status` sending, `claim_token`, `claimed_until`: a claim whose sender died runs out and the row is
 * claimable again). The raw phone is kept only while the message may still be sent (null once sent or given up);
 * `recipient_masked` stays for people to read. Dialect-neutral.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('notification_outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('site_id', 'text')
    .addColumn('booking_id', 'text')
    .addColumn('recipient_phone', 'text')
    .addColumn('recipient_masked', 'text', (c) => c.notNull())
    .addColumn('template', 'text', (c) => c.notNull())
    .addColumn('params', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('claim_token', 'text')
    .addColumn('claimed_until', 'text')
    .addColumn('last_error', 'text')
    .addColumn('provider', 'text')
    .addColumn('provider_message_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();
  // the dispatcher's question: what is due now (pending by next attempt, sending by claim expiry)
  await db.schema.createIndex('notification_outbox_due').on('notification_outbox').columns(['status', 'next_attempt_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('notification_outbox').execute();
}
