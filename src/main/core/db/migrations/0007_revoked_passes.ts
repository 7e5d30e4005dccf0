import type { Migration } from './migration';

export const migration: Migration = {
  version: 7,
  name: 'passes revoked at the cloud (pulled): refused offline',
  up(db) {
    db.exec(`
      CREATE TABLE revoked_passes (
        pass_id TEXT PRIMARY KEY,
        revoked_at TEXT NOT NULL,
        reason TEXT NOT NULL
      );
    `);
  },
};
