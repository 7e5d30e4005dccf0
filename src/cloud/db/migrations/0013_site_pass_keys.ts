/**
 * Rotation of a site's pass-signing key (issue 11): the cloud's keys a site stopped signing with, each kept (served in
 * the site's pull, verifying the passes it signed) until the last pass it could have signed for that site has expired.
 * A cloud key made by a rotation names its site in pass_keys.site_id. Dialect-neutral.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('pass_key_retirements')
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('kid', 'text', (c) => c.notNull().references('pass_keys.kid'))
    .addColumn('retired_at', 'text', (c) => c.notNull())
    .addColumn('keep_until', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('pass_key_retirements_pk', ['site_id', 'kid'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('pass_key_retirements').execute();
}
