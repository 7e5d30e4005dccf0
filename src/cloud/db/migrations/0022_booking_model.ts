/**
 * The seeds' booking model (issue 13 item 1): the lists a site manages (identity categories, visit reasons, areas,
 * belongings: renamed or retired, never deleted), the site's departments (official visits, seed 002; minimal: id,
 * site, name) and each booking's details (its kind, list items, self-drive, residence, vehicles) as JSON text.
 * Dialect-neutral.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('site_list_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('retired', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('site_list_items_name_uq').on('site_list_items').columns(['site_id', 'kind', 'name']).unique().execute();

  await db.schema
    .createTable('departments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('departments_site_name_uq').on('departments').columns(['site_id', 'name']).unique().execute();

  await db.schema.alterTable('bookings').addColumn('details', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('bookings').dropColumn('details').execute();
  await db.schema.dropTable('departments').execute();
  await db.schema.dropTable('site_list_items').execute();
}
