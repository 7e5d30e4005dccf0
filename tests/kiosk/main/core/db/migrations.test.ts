import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { acknowledgeConflict, countUnacknowledgedConflicts, listConflicts } from '../../../../../src/main/core/db/conflictsStore';
import { LATEST_SCHEMA_VERSION, migrate, migrations, schemaVersion } from '../../../../../src/main/core/db/migrations';
import { openKioskDb } from '../../../../../src/main/core/db/openDb';
import { tempDir } from '../../../../support/kiosk/helpers';

const tables = (db: Database.Database) =>
  (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string }[]).map((r) => r.name);
const columns = (db: Database.Database, table: string) => (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);

describe('kiosk database migrations', () => {
  const dirs: { cleanup(): void }[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));
  const freshDb = () => {
    const t = tempDir();
    dirs.push(t);
    return { path: join(t.dir, 'k.sqlite'), db: new Database(join(t.dir, 'k.sqlite')) };
  };

  it('are numbered 1..n in order', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });

  it('build the whole schema from an empty database, in WAL mode', () => {
    const t = tempDir();
    dirs.push(t);
    const db = openKioskDb(join(t.dir, 'kiosk.sqlite'));
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(tables(db)).toEqual(expect.arrayContaining(['bookings', 'hosts', 'blacklist', 'pass_keys', 'visits', 'outbox', 'sync_state', 'kiosk_identity']));
    expect(columns(db, 'outbox')).toEqual(
      expect.arrayContaining([
        'id',
        'kind',
        'payload',
        'at',
        'signature',
        'attempts',
        'last_error',
        'state',
        'result',
        'booking_id',
        'acknowledged_at',
        'error_code',
      ]),
    );
    db.close();
  });

  it('are idempotent: migrating again changes nothing', () => {
    const { db } = freshDb();
    migrate(db);
    migrate(db);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    db.close();
  });

  for (const from of migrations.map((m) => m.version).filter((v) => v < LATEST_SCHEMA_VERSION)) {
    it(`upgrade a version-${from} database with data to the latest`, () => {
      const { db } = freshDb();
      migrate(db, from);
      expect(schemaVersion(db)).toBe(from);
      db.prepare(
        `INSERT INTO bookings (id, code, visitor_phone, status, host_id, window_start, window_end, updated_at, json)
                  VALUES ('b1', 'ABCD2345', '13812345678', 'approved', 'h1', '2026-01-01T00:00:00.000Z', '2026-01-01T02:00:00.000Z', 'x', '{}')`,
      ).run();
      if (from === 2) {
        db.prepare(`INSERT INTO outbox (id, kind, payload, at, signature) VALUES ('c1', 'checkin', '{"bookingId":"b1"}', 'now', 'sig')`).run();
      } else if (from >= 3) {
        db.prepare(
          `INSERT INTO outbox (id, kind, payload, at, signature, booking_id) VALUES ('c1', 'checkin', '{"bookingId":"b1"}', 'now', 'sig', 'b1')`,
        ).run();
      }
      migrate(db);
      expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
      expect(db.prepare('SELECT code FROM bookings WHERE id = ?').get('b1')).toEqual({ code: 'ABCD2345' });
      if (from >= 2) {
        expect(db.prepare('SELECT booking_id, state, acknowledged_at, error_code FROM outbox WHERE id = ?').get('c1')).toEqual({
          booking_id: 'b1',
          state: 'pending',
          acknowledged_at: null,
          error_code: null,
        });
      }
      expect(columns(db, 'sync_state')).toContain('cloud_settings_json');
      expect(db.prepare('SELECT count(*) AS n FROM sync_state').get()).toEqual({ n: 1 });
      db.close();
    });
  }

  it('version 5: conflicts recorded before it count as not yet acknowledged, and can be acknowledged', () => {
    const { db } = freshDb();
    migrate(db, 4);
    const insert = db.prepare(
      `INSERT INTO outbox (id, kind, payload, at, signature, state, booking_id, last_error) VALUES (?, 'checkin', '{}', ?, 'sig', ?, 'b1', ?)`,
    );
    insert.run(randomUUID(), '2026-01-01T00:00:00.000Z', 'conflict', 'already_arrived: the booking was already checked in');
    insert.run(randomUUID(), '2026-01-01T00:01:00.000Z', 'rejected', 'push: command_bad_signature: not signed by this kiosk');
    insert.run(randomUUID(), '2026-01-01T00:02:00.000Z', 'sent', null);
    migrate(db, 5);
    expect(countUnacknowledgedConflicts(db)).toBe(2);
    const [newest, older] = listConflicts(db);
    expect(newest).toMatchObject({ status: 'rejected', code: 'rejected', message: 'push: command_bad_signature: not signed by this kiosk' });
    expect(older).toMatchObject({ status: 'conflict', code: 'conflict', bookingId: 'b1' });
    expect(acknowledgeConflict(db, older!.commandId, new Date('2026-01-02T00:00:00.000Z'))).toBe(true);
    expect(countUnacknowledgedConflicts(db)).toBe(1);
    expect(listConflicts(db).map((c) => c.acknowledgedAt)).toEqual([undefined, '2026-01-02T00:00:00.000Z']);
    db.close();
  });

  it('leave the previous version when a migration fails (each runs in a transaction)', () => {
    const { db } = freshDb();
    migrate(db, 1);
    db.exec('CREATE TABLE visits (x INTEGER)'); // makes migration 2 fail half-way
    expect(() => migrate(db)).toThrow();
    expect(schemaVersion(db)).toBe(1);
    expect(tables(db)).not.toContain('outbox');
    db.close();
  });

  it('refuse a database newer than the code', () => {
    const { db } = freshDb();
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    expect(() => migrate(db)).toThrow(/newer/);
    db.close();
  });
});
