/**
 * Walk-in registration (issue 9): the visitor library (one row per person and site, keyed by the blacklist key of
 * their ID number, else of their phone: hashes and masked forms only, never a raw ID number), the walk-in fields of
 * a booking (visit type, remarks, belongings, its main bill, its visitor, how it was approved, the temperature and
 * an override's reason), a blacklist entry's level (warn or refuse; existing entries refuse) and a host's office.
 * Dialect-neutral.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('visitors')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    // 'id:' + id_key when the ID number is known, else 'phone:' + phone_key
    .addColumn('person_key', 'text', (c) => c.notNull())
    .addColumn('id_key', 'text')
    .addColumn('phone_key', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('id_type', 'text')
    .addColumn('id_number_masked', 'text')
    .addColumn('phone_masked', 'text')
    .addColumn('company', 'text')
    .addColumn('title', 'text')
    .addColumn('sex', 'text')
    .addColumn('nation', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('visitors_site_person_unique', ['site_id', 'person_key'])
    .execute();
  await db.schema.createIndex('visitors_site_id_key_idx').on('visitors').columns(['site_id', 'id_key']).execute();
  await db.schema.createIndex('visitors_site_phone_key_idx').on('visitors').columns(['site_id', 'phone_key']).execute();

  for (const column of ['visit_type', 'remarks', 'belongings', 'main_booking_id', 'visitor_id', 'approval_kind', 'temperature_override_reason']) {
    await db.schema.alterTable('bookings').addColumn(column, 'text').execute();
  }
  await db.schema.alterTable('bookings').addColumn('temperature_c', 'double precision').execute();
  await db.schema.createIndex('bookings_main_booking_idx').on('bookings').column('main_booking_id').execute();
  await db.schema.createIndex('bookings_visitor_idx').on('bookings').columns(['visitor_id', 'created_at']).execute();
  await db.schema.createIndex('bookings_arrived_visit_idx').on('bookings').columns(['site_id', 'arrived_visit_id']).execute();

  await db.schema
    .alterTable('blacklist')
    .addColumn('level', 'text', (c) => c.notNull().defaultTo('refuse'))
    .execute();
  await db.schema.alterTable('hosts').addColumn('office', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('hosts').dropColumn('office').execute();
  await db.schema.alterTable('blacklist').dropColumn('level').execute();
  for (const index of ['bookings_arrived_visit_idx', 'bookings_visitor_idx', 'bookings_main_booking_idx']) await db.schema.dropIndex(index).execute();
  for (const column of [
    'temperature_c',
    'temperature_override_reason',
    'approval_kind',
    'visitor_id',
    'main_booking_id',
    'belongings',
    'remarks',
    'visit_type',
  ]) {
    await db.schema.alterTable('bookings').dropColumn(column).execute();
  }
  await db.schema.dropTable('visitors').execute();
}
