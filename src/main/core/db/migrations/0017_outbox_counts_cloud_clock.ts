import type { Migration } from './migration';

/**
 * The outbox's size, kept rather than counted (issue 12: no desk look-up grows with the outbox): the status bar's
 * pending count read every few seconds counted every pending command (~100,000 after a long outage). A count per state,
 * kept by triggers on every insert, delete and change of state (so every writer, the retention purge included, keeps
 * it right), filled here from the outbox held; and the conflicts nobody has acknowledged, by a partial index.
 * And the cloud clock's last offset (../../sync/cloudClock.ts): a kiosk restarted offline keeps following the cloud's time.
 */
export const migration: Migration = {
  version: 17,
  name: 'outbox counts kept by triggers, unacknowledged conflicts indexed, the cloud clock offset kept',
  up(db) {
    db.exec(`
      CREATE TABLE outbox_counts (state TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
      INSERT INTO outbox_counts (state, n)
        SELECT s.column1, (SELECT count(*) FROM outbox WHERE state = s.column1)
          FROM (VALUES ('pending'), ('sent'), ('conflict'), ('rejected')) AS s;
      CREATE TRIGGER outbox_counts_insert AFTER INSERT ON outbox
        BEGIN UPDATE outbox_counts SET n = n + 1 WHERE state = NEW.state; END;
      CREATE TRIGGER outbox_counts_delete AFTER DELETE ON outbox
        BEGIN UPDATE outbox_counts SET n = n - 1 WHERE state = OLD.state; END;
      CREATE TRIGGER outbox_counts_state AFTER UPDATE OF state ON outbox WHEN OLD.state <> NEW.state
        BEGIN
          UPDATE outbox_counts SET n = n - 1 WHERE state = OLD.state;
          UPDATE outbox_counts SET n = n + 1 WHERE state = NEW.state;
        END;
      CREATE INDEX outbox_unacknowledged ON outbox (state) WHERE state IN ('conflict', 'rejected') AND acknowledged_at IS NULL;
      ALTER TABLE sync_state ADD COLUMN clock_offset_ms INTEGER;
    `);
  },
};
