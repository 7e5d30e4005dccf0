import type { Migration } from './migration';

export const migration: Migration = {
  version: 6,
  name: 'a pass key vouches for one site (NULL: the cloud key, any site)',
  up(db) {
    // every kiosk key this database holds came from its own site's pull or its own enrolment
    db.exec(`
      ALTER TABLE pass_keys ADD COLUMN site_id TEXT;
      UPDATE pass_keys SET site_id = (SELECT site_id FROM kiosk_identity WHERE id = 1) WHERE issuer <> 'cloud';
    `);
  },
};
