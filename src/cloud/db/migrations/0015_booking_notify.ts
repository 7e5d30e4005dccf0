/**
 * Change notifications across cloud processes (issue 12): on PostgreSQL a trigger on bookings sends
 * `NOTIFY passdesk_booking, '<schema> <booking id>'` when a pending booking changes (decided, withdrawn, expired,
 * returned), delivered at commit to every process listening (db/changeNotifications.ts wakes the kiosks' decision waits).
 * SQLite has one process: nothing here (the notifier there is a temporary trigger of that process's connection).
 */
import { PostgresAdapter, sql, type Kysely } from 'kysely';

export const BOOKING_CHANNEL = 'passdesk_booking';

const isPostgres = (db: Kysely<unknown>): boolean => db.getExecutor().adapter instanceof PostgresAdapter;

export async function up(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`
    create or replace function passdesk_booking_changed() returns trigger language plpgsql as $$
    begin
      perform pg_notify('passdesk_booking', tg_table_schema || ' ' || new.id);
      return null;
    end $$`.execute(db);
  await sql`
    create trigger bookings_notify_change after update on bookings for each row
    when (old.status = 'pending' and (new.status is distinct from old.status or new.updated_at is distinct from old.updated_at))
    execute function passdesk_booking_changed()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`drop trigger if exists bookings_notify_change on bookings`.execute(db);
  await sql`drop function if exists passdesk_booking_changed()`.execute(db);
}
