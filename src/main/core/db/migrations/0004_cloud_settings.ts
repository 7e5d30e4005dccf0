import type { Migration } from './migration';

export const migration: Migration = {
  version: 4,
  name: 'the cloud settings last applied (a local choice stands until the cloud changes that setting)',
  up(db) {
    db.exec(`ALTER TABLE sync_state ADD COLUMN cloud_settings_json TEXT`);
  },
};
