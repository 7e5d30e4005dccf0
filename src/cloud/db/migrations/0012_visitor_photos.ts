/**
 * Registered face photos in the visitor library (issue 10): at most one per visitor (the primary key), the newer
 * photo replacing the older one's row and bytes; the consent it was taken under (its text's version, when, at which
 * kiosk) and the command that brought it. Only where the site's policy allows upload. Dialect-neutral: `bytea` is
 * PostgreSQL's binary type and, in SQLite, a declared type under which a Buffer is stored as a BLOB.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('visitor_photos')
    .addColumn('visitor_id', 'text', (c) => c.primaryKey().references('visitors.id'))
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('jpeg', 'bytea', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    // walkin | replaced
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('consent_text_version', 'text', (c) => c.notNull())
    .addColumn('consent_decided_at', 'text', (c) => c.notNull())
    .addColumn('kiosk_id', 'text', (c) => c.notNull())
    .addColumn('command_id', 'text', (c) => c.notNull())
    // when it was taken at the kiosk (the command's at): an older photo arriving late never replaces a newer one
    .addColumn('taken_at', 'text', (c) => c.notNull())
    .addColumn('stored_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('visitor_photos_site_idx').on('visitor_photos').column('site_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('visitor_photos').execute();
}
