/**
 * The host's desk (issue 13 item 3): the hosts a booking is copied to (抄送, the host inbox's 抄送我 box), and the
 * invitations a host sends (a link whose token is stored only as its SHA-256; 邀请中 until it expires, is revoked or
 * is used by the invited visitor's booking).
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('booking_cc')
    .addColumn('booking_id', 'text', (c) => c.notNull().references('bookings.id'))
    .addColumn('host_id', 'text', (c) => c.notNull().references('hosts.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('booking_cc_pk', ['booking_id', 'host_id'])
    .execute();
  await db.schema.createIndex('booking_cc_host_idx').on('booking_cc').columns(['host_id', 'created_at']).execute();

  await db.schema
    .createTable('invitations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('host_id', 'text', (c) => c.notNull().references('hosts.id'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('companion_limit', 'integer', (c) => c.notNull())
    .addColumn('needs_approval', 'integer', (c) => c.notNull())
    // a fixed window, or the site days the visitor may choose from (JSON YYYY-MM-DD[])
    .addColumn('window_start', 'text')
    .addColumn('window_end', 'text')
    .addColumn('allowed_dates', 'text')
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('used_at', 'text')
    .addColumn('booking_id', 'text', (c) => c.references('bookings.id'))
    .execute();
  await db.schema.createIndex('invitations_host_idx').on('invitations').columns(['host_id', 'created_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('invitations').execute();
  await db.schema.dropTable('booking_cc').execute();
}
