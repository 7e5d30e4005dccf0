import type { Migration } from './migration';

/**
 * Face photos (issue 10): a walk-in's face consent, granted or refused, with the consent text's version, when, and
 * at which kiosk, keyed by the registration's main bill (its lead visit once there is one); the photo itself is a
 * file in the kiosk's data folder (face-photos/, 0600), named here. Only a granted consent names a photo.
 */
export const migration: Migration = {
  version: 13,
  name: 'face consents (granted or refused, text version, time, kiosk) and the photo file',
  up(db) {
    db.exec(`
      CREATE TABLE face_consents (
        booking_id TEXT PRIMARY KEY,
        visit_id TEXT,
        kiosk_id TEXT NOT NULL,
        decision TEXT NOT NULL CHECK (decision IN ('granted', 'refused')),
        text_version TEXT NOT NULL,
        decided_at TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        photo_file TEXT UNIQUE,
        CHECK (photo_file IS NULL OR decision = 'granted')
      );
      CREATE INDEX face_consents_recorded ON face_consents (recorded_at);
    `);
  },
};
