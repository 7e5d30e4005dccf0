import type { Migration } from './migration';

export const migration: Migration = {
  version: 5,
  name: 'conflicts are acknowledged by staff (kept, no longer counted); a refused batch keeps the cloud code',
  up(db) {
    db.exec(`
      ALTER TABLE outbox ADD COLUMN acknowledged_at TEXT;
      ALTER TABLE outbox ADD COLUMN error_code TEXT;
    `);
  },
};
