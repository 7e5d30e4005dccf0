/**
 * The site dashboard (issue 14 §7), fast with a million visits:
 * - visits by entry with their host and source in one index (arrived bookings only), so the breakdowns by department
 *   and by source read the index alone;
 * - site_day_counts: the visits of a site's closed days (before yesterday), counted once and recounted at least daily
 *   (services/dashboardDays.ts), so the 12 months' daily series does not count a year of visits on every request;
 * - the refusals and hits kiosks report (an applied command's code: temperature_abnormal, blacklisted,
 *   blacklist_warn) by code and time, without walking every command a kiosk applied (partial: commands with a code).
 * Dialect-neutral.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('dashboard_visits_idx')
    .on('bookings')
    .columns(['site_id', 'arrived_at', 'host_id', 'source'])
    .where(sql.ref('arrived_at'), 'is not', null)
    .execute();
  await db.schema
    .createTable('site_day_counts')
    .addColumn('site_id', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('visits', 'integer', (c) => c.notNull())
    .addColumn('counted_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('site_day_counts_pk', ['site_id', 'day'])
    .execute();
  await db.schema.createIndex('applied_commands_code_at_idx').on('applied_commands').columns(['code', 'at']).where(sql.ref('code'), 'is not', null).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('applied_commands_code_at_idx').execute();
  await db.schema.dropTable('site_day_counts').execute();
  await db.schema.dropIndex('dashboard_visits_idx').execute();
}
