import type { Migration } from './migration';

/**
 * Walk-ins (issue 9): a visit carries who it was for — the person's ID number key and phone key (SHA-256 of the
 * normalised number, src/shared/blacklistKey.ts: never the number itself in an index), the masked ID, company,
 * title, host, reason, visit type, area, plate and its main bill — and "this person's last visit" is one index seek
 * by either key (partial indexes, newest first), however many visits the kiosk holds. Hosts are searched by name and
 * show their office: columns generated from the stored record (nothing to keep in step).
 */
export const migration: Migration = {
  version: 10,
  name: 'walk-in visits (person keys, form fields, main bill) and host name / office',
  up(db) {
    db.exec(`
      ALTER TABLE visits ADD COLUMN walk_in INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE visits ADD COLUMN id_key TEXT;
      ALTER TABLE visits ADD COLUMN phone_key TEXT;
      ALTER TABLE visits ADD COLUMN id_masked TEXT;
      ALTER TABLE visits ADD COLUMN company TEXT;
      ALTER TABLE visits ADD COLUMN title TEXT;
      ALTER TABLE visits ADD COLUMN host_id TEXT;
      ALTER TABLE visits ADD COLUMN reason TEXT;
      ALTER TABLE visits ADD COLUMN visit_type TEXT;
      ALTER TABLE visits ADD COLUMN area TEXT;
      ALTER TABLE visits ADD COLUMN plate TEXT;
      ALTER TABLE visits ADD COLUMN main_booking_id TEXT;
      CREATE INDEX visits_id_key_last ON visits (id_key, checked_in_at DESC) WHERE id_key IS NOT NULL;
      CREATE INDEX visits_phone_key_last ON visits (phone_key, checked_in_at DESC) WHERE phone_key IS NOT NULL;
      ALTER TABLE hosts ADD COLUMN name TEXT GENERATED ALWAYS AS (json_extract(json, '$.name')) VIRTUAL;
      ALTER TABLE hosts ADD COLUMN office TEXT GENERATED ALWAYS AS (json_extract(json, '$.office')) VIRTUAL;
    `);
  },
};
