/**
 * Indexes for the sync pull that do not grow with a site's history (issue 12): the changes after a kiosk's cursor
 * by (site_id, change_seq), and the bookings still in or ahead of the window by (site_id, window_end). The older
 * single-column change_seq index is kept for the other tables' patterns (bookings' own pulls now use these).
 * Dialect-neutral.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('bookings_site_change_idx').on('bookings').columns(['site_id', 'change_seq']).execute();
  await db.schema.createIndex('bookings_site_end_idx').on('bookings').columns(['site_id', 'window_end']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('bookings_site_end_idx').execute();
  await db.schema.dropIndex('bookings_site_change_idx').execute();
}
