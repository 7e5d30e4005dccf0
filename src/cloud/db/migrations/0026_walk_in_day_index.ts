/**
 * The day's walk-ins by (site_id, source, created_at) (issue 12): the desk's visitors of today read them through
 * (site_id, created_at) of 0021 and so walked every booking created that day, of any source (at a site whose
 * bookings are made the day they arrive, the whole day's). Dialect-neutral.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('bookings_site_source_created_idx').on('bookings').columns(['site_id', 'source', 'created_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('bookings_site_source_created_idx').execute();
}
