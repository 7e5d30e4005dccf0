/**
 * The outbox's counts kept by triggers (kiosk migration 0017, issue 12: the status bar's pending count no longer counts
 * the outbox): after every kind of write — enqueue, the cloud's answers, a refused batch, commands discarded, a
 * conflict acknowledged, the retention purge, a raw delete — they equal a count of the outbox; a database migrated
 * from version 16 starts with the counts of the outbox it holds; the unacknowledged conflicts are read by their index.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { acknowledgeConflict, countUnacknowledgedConflicts } from '../../../../../src/main/core/db/conflictsStore';
import { migrate } from '../../../../../src/main/core/db/migrations';
import { openKioskDb, type KioskDb } from '../../../../../src/main/core/db/openDb';
import { countByState, discardPendingCommands, enqueueCommand, recordResult, rejectCommands } from '../../../../../src/main/core/db/outboxStore';
import { purgeOlderThan } from '../../../../../src/main/core/db/retention';
import type { SignedCommand } from '../../../../../src/shared/sync';
import { tempDir } from '../../../../support/kiosk/helpers';

const counted = (db: KioskDb) => {
  const out = { pending: 0, sent: 0, conflict: 0, rejected: 0 };
  for (const r of db.prepare('SELECT state, count(*) AS n FROM outbox GROUP BY state').all() as { state: keyof typeof out; n: number }[]) out[r.state] = r.n;
  return out;
};

const command = (at: string): SignedCommand => ({
  id: randomUUID(),
  kioskId: 'kiosk_local',
  at,
  sig: 'A'.repeat(86),
  kind: 'checkout',
  payload: { visitId: randomUUID() },
});

describe('the outbox counts kept by triggers', () => {
  const dirs: { cleanup(): void }[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));
  const dir = () => {
    const t = tempDir();
    dirs.push(t);
    return t.dir;
  };

  it('equal a count of the outbox after every kind of write', () => {
    const db = openKioskDb(join(dir(), 'kiosk.sqlite'));
    const old = new Date(Date.now() - 400 * 86_400_000).toISOString();
    const commands = [...Array.from({ length: 6 }, () => command(old)), ...Array.from({ length: 4 }, () => command(new Date().toISOString()))];
    for (const c of commands) enqueueCommand(db, c);
    expect(countByState(db)).toEqual({ pending: 10, sent: 0, conflict: 0, rejected: 0 });
    recordResult(db, { id: commands[0]!.id, status: 'applied' });
    recordResult(db, { id: commands[1]!.id, status: 'duplicate' });
    recordResult(db, { id: commands[2]!.id, status: 'conflict', code: 'already_arrived' });
    recordResult(db, { id: commands[2]!.id, status: 'applied' }); // no longer pending: changes nothing
    rejectCommands(db, [commands[3]!.id], 'refused', 'bad_request');
    expect(countByState(db)).toEqual({ pending: 6, sent: 2, conflict: 1, rejected: 1 });
    expect(countUnacknowledgedConflicts(db)).toBe(2);
    expect(acknowledgeConflict(db, commands[2]!.id, new Date())).toBe(true);
    expect(countUnacknowledgedConflicts(db)).toBe(1);
    expect(purgeOlderThan(db, new Date(), 30).commands).toBe(4); // the old answered ones
    expect(countByState(db)).toEqual(counted(db));
    expect(discardPendingCommands(db, 're-enrolled')).toBe(6);
    expect(countByState(db)).toEqual({ pending: 0, sent: 0, conflict: 0, rejected: 6 });
    db.exec('DELETE FROM outbox');
    expect(countByState(db)).toEqual({ pending: 0, sent: 0, conflict: 0, rejected: 0 });
    expect(db.prepare(`EXPLAIN QUERY PLAN SELECT count(*) FROM outbox WHERE state IN ('conflict', 'rejected') AND acknowledged_at IS NULL`).all()).toEqual([
      expect.objectContaining({ detail: expect.stringContaining('outbox_unacknowledged') }),
    ]);
    db.close();
  });

  it('start, on a database migrated from version 16, with the counts of the outbox it holds', () => {
    const path = join(dir(), 'k.sqlite');
    const raw = new Database(path);
    migrate(raw, 16);
    const insert = raw.prepare(`INSERT INTO outbox (id, kind, payload, at, signature, state) VALUES (?, 'checkout', '{}', ?, 'sig', ?)`);
    for (const state of ['pending', 'pending', 'pending', 'sent', 'conflict']) insert.run(randomUUID(), new Date().toISOString(), state);
    raw.close();
    const db = openKioskDb(path);
    expect(countByState(db)).toEqual({ pending: 3, sent: 1, conflict: 1, rejected: 0 });
    db.close();
  });
});
