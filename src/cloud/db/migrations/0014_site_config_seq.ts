/**
 * The version of what a sync pull carries besides the changes (issue 12): the site, its settings and policy, the
 * kiosks' policy layers and the pass keys. `sites.config_seq` takes a new number of the change counter in the same
 * transaction as any change to them (services/siteConfig.ts), so a kiosk that sends the version it holds gets an empty
 * answer without those reads. Dialect-neutral.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('sites')
    .addColumn('config_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('sites').dropColumn('config_seq').execute();
}
