import type { Migration } from './migration';

export const migration: Migration = {
  version: 8,
  name: 'bookings found by the visit that arrived on them (a compact kiosk pass names only its visit)',
  up(db) {
    db.exec(`CREATE INDEX bookings_arrived_visit ON bookings (json_extract(json, '$.arrivedVisitId'))`);
  },
};
