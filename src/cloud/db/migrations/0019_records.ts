/**
 * Records (issue 14 §5): what the visit and booking record lists need to stay fast with a million rows.
 * - A booking's lead visitor's name and the blacklist keys (src/shared/blacklistKey.ts) of their phone and ID number as
 *   columns, so a keyword finds a number by the exact match of its hash (never a pattern on numbers) and a name by its
 *   beginning; filled here for the bookings there are, and by the bookings repository on every write of `visitor`.
 * - Keyset indexes, newest first, with the id to break ties: visits (arrived bookings) by entry, all, of a host and of
 *   a kiosk; bookings by window start, all and of a host.
 * - Applied commands by booking, for a page's photo-taken flags.
 * Dialect-neutral, but for the name index's operator class on PostgreSQL (so a prefix LIKE uses it in any collation).
 */
import { PostgresAdapter, sql, type Kysely } from 'kysely';
import { visitorSearchColumns } from '../visitorSearch';

const isPostgres = (db: Kysely<unknown>): boolean => db.getExecutor().adapter instanceof PostgresAdapter;

const BACKFILL_BATCH = 1000;

interface BackfillDb {
  bookings: { id: string; visitor: string; visitor_name: string | null; visitor_phone_key: string | null; visitor_id_key: string | null };
}

async function backfill(db: Kysely<BackfillDb>): Promise<void> {
  let after = '';
  for (;;) {
    const rows = await db.selectFrom('bookings').select(['id', 'visitor']).where('id', '>', after).orderBy('id').limit(BACKFILL_BATCH).execute();
    if (rows.length === 0) return;
    for (const row of rows) await db.updateTable('bookings').set(visitorSearchColumns(row.visitor)).where('id', '=', row.id).execute();
    after = rows[rows.length - 1]!.id;
  }
}

const INDEXES: readonly { name: string; columns: string[]; arrivedOnly?: true }[] = [
  { name: 'records_visits_idx', columns: ['site_id', 'arrived_at', 'id'], arrivedOnly: true },
  { name: 'records_visits_host_idx', columns: ['site_id', 'host_id', 'arrived_at', 'id'], arrivedOnly: true },
  { name: 'records_visits_kiosk_idx', columns: ['site_id', 'arrived_kiosk_id', 'arrived_at', 'id'], arrivedOnly: true },
  { name: 'records_bookings_idx', columns: ['site_id', 'window_start', 'id'] },
  { name: 'records_bookings_host_idx', columns: ['site_id', 'host_id', 'window_start', 'id'] },
  { name: 'records_phone_key_idx', columns: ['site_id', 'visitor_phone_key'] },
  { name: 'records_id_key_idx', columns: ['site_id', 'visitor_id_key'] },
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const column of ['visitor_name', 'visitor_phone_key', 'visitor_id_key']) {
    await db.schema.alterTable('bookings').addColumn(column, 'text').execute();
  }
  await backfill(db as Kysely<BackfillDb>);
  for (const index of INDEXES) {
    let create = db.schema.createIndex(index.name).on('bookings').columns(index.columns);
    if (index.arrivedOnly) create = create.where(sql.ref('arrived_at'), 'is not', null);
    await create.execute();
  }
  if (isPostgres(db)) await sql`create index records_name_idx on bookings (site_id, visitor_name text_pattern_ops)`.execute(db);
  else await db.schema.createIndex('records_name_idx').on('bookings').columns(['site_id', 'visitor_name']).execute();
  await db.schema.createIndex('applied_commands_booking_idx').on('applied_commands').columns(['booking_id', 'kind']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('applied_commands_booking_idx').execute();
  for (const name of ['records_name_idx', ...INDEXES.map((i) => i.name)]) await db.schema.dropIndex(name).execute();
  for (const column of ['visitor_id_key', 'visitor_phone_key', 'visitor_name']) await db.schema.alterTable('bookings').dropColumn(column).execute();
}
