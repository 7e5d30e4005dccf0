import type { Migration } from './migration';

export const migration: Migration = {
  version: 11,
  name: 'the admin PIN pad’s wrong attempts in a row (its backoff survives a restart)',
  up(db) {
    db.exec(`CREATE TABLE admin_pin_attempts (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      failures INTEGER NOT NULL CHECK (failures >= 0),
      last_failure_at TEXT
    )`);
    db.exec(`INSERT INTO admin_pin_attempts (id, failures, last_failure_at) VALUES (1, 0, NULL)`);
  },
};
