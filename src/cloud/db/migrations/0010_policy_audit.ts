/**
 * Policy layers and kiosk administration (issue 11): a site's and a kiosk's policy (values and locked keys, JSON), what
 * each kiosk last told the cloud at a pull (last seen, software version, commands waiting), and the admin actions kiosks
 * report (each written once, by the id of the command that reported it) beside those taken in the cloud on a site or its
 * kiosks (policy, revocation): one list per site. Dialect-neutral.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('policies')
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('scope_id', 'text', (c) => c.notNull())
    .addColumn('layer', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('policies_pk', ['scope', 'scope_id'])
    .execute();
  await db.schema
    .createTable('kiosk_status')
    .addColumn('kiosk_id', 'text', (c) => c.primaryKey().references('kiosks.id'))
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('version', 'text')
    .addColumn('pending_commands', 'integer')
    .execute();
  await db.schema
    .createTable('kiosk_audit')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('kiosk_id', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('kiosk_audit_site_idx').on('kiosk_audit').columns(['site_id', 'at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('kiosk_audit').execute();
  await db.schema.dropTable('kiosk_status').execute();
  await db.schema.dropTable('policies').execute();
}
