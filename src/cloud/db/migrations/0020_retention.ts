/**
 * Retention (issue 14 §6): each site's days for visits, registered photos and logs, one row per site that changed
 * them (a site without a row keeps the defaults, src/shared/retention.ts), and the indexes the daily purge job's
 * bounded batches read by age (bookings by site and window end, and the audit log by time, have theirs from 0011). Dialect-neutral.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('site_retention')
    .addColumn('site_id', 'text', (c) => c.primaryKey().references('sites.id'))
    .addColumn('visit_days', 'integer', (c) => c.notNull())
    .addColumn('photo_days', 'integer', (c) => c.notNull())
    .addColumn('log_days', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('visitor_photos_site_stored_idx').on('visitor_photos').columns(['site_id', 'stored_at']).execute();
  await db.schema.createIndex('visitors_site_updated_idx').on('visitors').columns(['site_id', 'updated_at']).execute();
  await db.schema.createIndex('passages_site_at_idx').on('passages').columns(['site_id', 'at']).execute();
  // the purge's look-up of a booking's kiosk commands uses 0019's applied_commands_booking_idx (booking_id, kind)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const index of ['passages_site_at_idx', 'visitors_site_updated_idx', 'visitor_photos_site_stored_idx']) {
    await db.schema.dropIndex(index).execute();
  }
  await db.schema.dropTable('site_retention').execute();
}
