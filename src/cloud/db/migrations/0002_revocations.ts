/**
 * Revocation: single passes can be revoked (kiosks learn it by pull, so offline verification honours it);
 * kiosks and host tokens already had a `revoked` flag, now set by routes. Dialect-neutral.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('revoked_passes')
    .addColumn('pass_id', 'text', (c) => c.notNull())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text', (c) => c.notNull())
    .addColumn('change_seq', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('revoked_passes_pk', ['site_id', 'pass_id'])
    .execute();
  await db.schema.createIndex('revoked_passes_site_seq_idx').on('revoked_passes').columns(['site_id', 'change_seq']).execute();
  await db.schema.alterTable('kiosks').addColumn('revoked_at', 'text').execute();
  // the visit a check-in command names: a compact kiosk pass names only its visit, and its booking must be found
  // even when the check-in was refused (cancelled meanwhile), so the pass is judged by that booking
  await db.schema.alterTable('applied_commands').addColumn('visit_id', 'text').execute();
  await db.schema.createIndex('applied_commands_visit_idx').on('applied_commands').column('visit_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('applied_commands_visit_idx').execute();
  await db.schema.alterTable('applied_commands').dropColumn('visit_id').execute();
  await db.schema.alterTable('kiosks').dropColumn('revoked_at').execute();
  await db.schema.dropTable('revoked_passes').execute();
}
