/**
 * SQLite's change notifications (src/cloud/db/changeNotifications.ts): the temporary trigger that wakes a waiter exists
 * only while someone waits and a moment after (any row trigger slows every booking update about threefold), is made
 * again by the next watch, and wakes the waiter on a change of a pending booking.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startBookingChanges } from '../../../../src/cloud/db/changeNotifications';
import { openCloudDatabase, type CloudDatabase } from '../../../../src/cloud/db/database';
import { loadDemoData } from '../../../../src/cloud/demo';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('SQLite change notifications', () => {
  let db: CloudDatabase | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await db?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    db = dir = undefined;
  });

  it('has its trigger only while someone waits (and a moment after), and wakes the waiter on a change', async () => {
    dir = mkdtempSync(join(tmpdir(), 'passdesk-notify-'));
    db = await openCloudDatabase({ sqlitePath: join(dir, 'cloud.sqlite') });
    await loadDemoData(db);
    const handle = db.connection?.kind === 'sqlite' ? db.connection.handle : undefined;
    if (!handle) throw new Error('expected SQLite');
    const triggers = () => handle.prepare(`select name from sqlite_temp_master where type = 'trigger'`).all();
    const { id } = await db.kysely.selectFrom('bookings').select('id').executeTakeFirstOrThrow();
    await db.kysely.updateTable('bookings').set({ status: 'pending' }).where('id', '=', id).execute();
    const touch = (at: string) => db!.kysely.updateTable('bookings').set({ updated_at: at }).where('id', '=', id).execute();

    const changes = await startBookingChanges(
      db,
      (err) => {
        throw err;
      },
      { sqliteTriggerIdleMs: 100 },
    );
    try {
      expect(triggers()).toEqual([]);
      let woken = 0;
      const unwatch = changes.watch(id, () => woken++);
      await touch('2026-11-22T02:00:00.000Z'); // queued after the trigger's creation
      expect(triggers()).toEqual([{ name: 'bookings_notify_change' }]);
      await sleep(20);
      expect(woken).toBe(1);
      unwatch();
      await sleep(30);
      expect(triggers()).toHaveLength(1); // not yet: another walk-in may wait at once
      for (let i = 0; i < 40 && triggers().length > 0; i++) await sleep(50);
      expect(triggers()).toEqual([]);
      // a change nobody waits for wakes nobody; the next watch makes the trigger again
      await touch('2026-11-22T02:01:00.000Z');
      const again = changes.watch(id, () => woken++);
      await touch('2026-11-22T02:02:00.000Z');
      await sleep(20);
      expect(woken).toBe(2);
      again();
    } finally {
      await changes.close();
    }
    expect(triggers()).toEqual([]);
  });
});
