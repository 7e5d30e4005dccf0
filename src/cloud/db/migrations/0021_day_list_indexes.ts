/**
 * Indexes for the staff's and the desk's lists of a day that do not grow with a site's history (issue 12): a host's
 * bookings still in or ahead of the day by (host_id, window_end), the day's arrivals by (site_id, arrived_at) and the
 * day's walk-ins by (site_id, created_at); the later days of multi-day visits use (status, window_end) of 0001.
 * Dialect-neutral.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('bookings_host_end_idx').on('bookings').columns(['host_id', 'window_end']).execute();
  await db.schema.createIndex('bookings_site_arrived_idx').on('bookings').columns(['site_id', 'arrived_at']).execute();
  await db.schema.createIndex('bookings_site_created_idx').on('bookings').columns(['site_id', 'created_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('bookings_site_created_idx').execute();
  await db.schema.dropIndex('bookings_site_arrived_idx').execute();
  await db.schema.dropIndex('bookings_host_end_idx').execute();
}
