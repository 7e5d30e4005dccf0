import type { Migration } from './migration';

/**
 * Registered photos (issue 10, 替换注册照片): the photo staff took at the desk to replace a person's registered photo,
 * one per person, keyed as the walk-in visitor library keys people (the ID number's key, else the phone's: SHA-256,
 * never the numbers), with the consent it was taken under and who replaced it when; the file lives in face-photos/
 * (0600) like a walk-in's. A person's registered photo is the newest of this row and their walk-ins' consented photos.
 */
export const migration: Migration = {
  version: 14,
  name: 'registered photos per person (ID key or phone key), with consent and who replaced them',
  up(db) {
    db.exec(`
      CREATE TABLE registered_photos (
        person_key TEXT PRIMARY KEY,
        id_key TEXT,
        phone_key TEXT,
        photo_file TEXT NOT NULL UNIQUE,
        kiosk_id TEXT NOT NULL,
        text_version TEXT NOT NULL,
        decided_at TEXT NOT NULL,
        replaced_at TEXT NOT NULL,
        replaced_by TEXT NOT NULL CHECK (replaced_by IN ('admin', 'staff')),
        CHECK (id_key IS NOT NULL OR phone_key IS NOT NULL)
      );
      CREATE INDEX registered_photos_phone ON registered_photos (phone_key) WHERE phone_key IS NOT NULL;
    `);
  },
};
