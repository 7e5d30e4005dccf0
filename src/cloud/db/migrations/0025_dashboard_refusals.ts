/**
 * The site dashboard (issue 14 §7): the refusals and hits kiosks report (an applied command's code: temperature_abnormal,
 * blacklisted, blacklist_warn) counted by code and time without walking every check-in and check-out a kiosk ever
 * applied. Partial: commands with a code only (most have none). Dialect-neutral.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('applied_commands_code_at_idx')
    .on('applied_commands')
    .columns(['code', 'at'])
    .where(sql.ref('code'), 'is not', null)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('applied_commands_code_at_idx').execute();
}
