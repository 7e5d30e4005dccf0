/**
 * People and places, and the blacklist for site administrators (issue 14 items 2 and 3):
 * - blacklist entries keep what a person may see beside the hashes (masked phone, masked ID number), an expiry, who
 *   added them and when;
 * - blacklist_hits: every match at application, approval or the kiosk, listed per entry;
 * - departments: the table of 0022 (its unique (site_id, name) index serves the admin's list);
 * - hosts by (site_id, name) for the admin's name-prefix search.
 * Dialect-neutral.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('blacklist').addColumn('phone_masked', 'text').execute();
  await db.schema.alterTable('blacklist').addColumn('id_number_masked', 'text').execute();
  await db.schema.alterTable('blacklist').addColumn('expires_at', 'text').execute();
  await db.schema.alterTable('blacklist').addColumn('added_by', 'text').execute();
  await db.schema.alterTable('blacklist').addColumn('created_at', 'text').execute();

  await db.schema
    .createTable('blacklist_hits')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull())
    .addColumn('entry_id', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    // application | approval | kiosk
    .addColumn('source', 'text', (c) => c.notNull())
    // refused | warned
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    // the booking (or walk-in) the hit was on, when there is one
    .addColumn('subject', 'text')
    .addColumn('name_masked', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('blacklist_hits_entry_at_idx').on('blacklist_hits').columns(['entry_id', 'at']).execute();

  await db.schema.createIndex('hosts_site_name_admin_idx').on('hosts').columns(['site_id', 'name']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('hosts_site_name_admin_idx').execute();
  await db.schema.dropIndex('blacklist_hits_entry_at_idx').execute();
  await db.schema.dropTable('blacklist_hits').execute();
  for (const c of ['created_at', 'added_by', 'expires_at', 'id_number_masked', 'phone_masked']) await db.schema.alterTable('blacklist').dropColumn(c).execute();
}
