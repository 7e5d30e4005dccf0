/**
 * Entries and exits (issue 9 item 7): each pass let through at a gate, or a later day's arrival of a multi-day visit,
 * is one row, written once by the kiosk command that reported it (its id). Dialect-neutral.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('passages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('kiosk_id', 'text', (c) => c.notNull())
    .addColumn('booking_id', 'text')
    .addColumn('visit_id', 'text')
    .addColumn('pass_id', 'text', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('passages_booking_idx').on('passages').columns(['booking_id', 'at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('passages').execute();
}
