/**
 * Companion links (转发同伴填写, issue 13 item 2, seed 004 1.7): the applicant of a booking sends a link so that one
 * companion fills in their own details, which makes a sub-bill under the booking. The token is stored only as its
 * SHA-256; open until it expires (the booking's window end or 24 h, whichever first), is revoked or is used once.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('companion_links')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    // the main bill (no foreign key: retention deletes the links with their booking, repositories/retention.ts)
    .addColumn('booking_id', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('used_at', 'text')
    // the sub-bill the companion's details made
    .addColumn('sub_booking_id', 'text')
    .execute();
  await db.schema.createIndex('companion_links_booking_idx').on('companion_links').columns(['booking_id', 'created_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('companion_links').execute();
}
