/**
 * Staff accounts (issue 14 item 1): the people who run a site (or every site: site_id null), each with roles
 * (site_admin, reviewer, records_viewer), an optional argon2id password hash, a count of wrong passwords and a lock;
 * a reviewer's departments (the hosts' department names, one row each); sessions of accounts (sessions.account_id);
 * and hosts an administrator disabled (hosts.disabled). Dialect-neutral.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('accounts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('roles', 'text', (c) => c.notNull())
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // one account per phone and site, and per phone among administrators of every site (site_id null: a unique index
  // alone lets nulls repeat); two creates at once: the second fails here (409 account_phone_taken)
  await db.schema.createIndex('accounts_site_phone_idx').on('accounts').columns(['site_id', 'phone']).unique().execute();
  await db.schema.createIndex('accounts_every_site_phone_idx').on('accounts').column('phone').unique().where(sql.ref('site_id'), 'is', null).execute();

  await db.schema
    .createTable('account_departments')
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('department', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('account_departments_pk', ['account_id', 'department'])
    .execute();

  await db.schema.alterTable('sessions').addColumn('account_id', 'text').execute();
  await db.schema.createIndex('sessions_account_idx').on('sessions').column('account_id').execute();
  await db.schema
    .alterTable('hosts')
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('hosts').dropColumn('disabled').execute();
  await db.schema.dropIndex('sessions_account_idx').execute();
  await db.schema.alterTable('sessions').dropColumn('account_id').execute();
  await db.schema.dropTable('account_departments').execute();
  await db.schema.dropTable('accounts').execute();
}
