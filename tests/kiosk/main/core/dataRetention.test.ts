/**
 * The retention purge in slices (src/main/core/dataRetention.ts, ./db/retention.ts; issue 12: no event-loop block over
 * 50 ms): with a backlog, the first slice runs at once and the rest each after a turn of the event loop, and at the end
 * exactly what is due is gone — old visits, bookings and answered commands — and nothing else: a pending command, its
 * visit and its booking stay whatever their age, and so does recent data; the whole purge at once removes the same.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDataRetention } from '../../../../src/main/core/dataRetention';
import { upsertBooking } from '../../../../src/main/core/db/bookingsStore';
import { kioskDbPath, openKioskDb, type KioskDb } from '../../../../src/main/core/db/openDb';
import { purgeOlderThan } from '../../../../src/main/core/db/retention';
import { makeBooking, tempDir } from '../../../support/kiosk/helpers';

const DAY = 86_400_000;
const NOW = new Date('2026-11-22T02:00:00.000Z');
const OLD = new Date(NOW.getTime() - 200 * DAY);
const RECENT = new Date(NOW.getTime() - DAY);

/** 40 visits on 40 bookings, each with its check-in command: a quarter pending; half old, half recent. And 30 answered old commands of no visit. */
function backlog(db: KioskDb): { kept: { visits: string[]; bookings: string[]; commands: number } } {
  const kept = { visits: [] as string[], bookings: [] as string[], commands: 0 };
  const visit = db.prepare(
    `INSERT INTO visits (id, kiosk_id, booking_id, visitor_name, visitor_phone_masked, host_name, checked_in_at, pass_id, pass_token, checkin_command_id)
     VALUES (?, 'k1', ?, '张三', '138****5678', '李四', ?, ?, 'PD1.x.y', ?)`,
  );
  const command = db.prepare(`INSERT INTO outbox (id, kind, payload, at, signature, booking_id, state) VALUES (?, 'checkin', '{}', ?, 'sig', ?, ?)`);
  for (let i = 0; i < 40; i++) {
    const at = i % 2 === 0 ? OLD : RECENT;
    const pending = i % 4 < 2;
    const [id, bookingId, commandId] = [randomUUID(), `b_${i}`, randomUUID()];
    upsertBooking(db, makeBooking({ id: bookingId, code: 'ABCD2345' }, at));
    command.run(commandId, at.toISOString(), bookingId, pending ? 'pending' : 'sent');
    visit.run(id, bookingId, at.toISOString(), id, commandId);
    if (at === RECENT || pending) {
      kept.visits.push(id);
      kept.bookings.push(bookingId);
      kept.commands++;
    }
  }
  for (let i = 0; i < 30; i++) command.run(randomUUID(), OLD.toISOString(), null, i % 2 === 0 ? 'sent' : 'rejected');
  return { kept };
}

const ids = (db: KioskDb, table: 'visits' | 'bookings') => (db.prepare(`SELECT id FROM ${table} ORDER BY id`).all() as { id: string }[]).map((r) => r.id);
const log = { info: () => undefined, error: (...args: unknown[]) => expect.fail(String(args)) };

describe('the retention purge in slices', () => {
  const dirs: { cleanup(): void }[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));
  const db = () => {
    const t = tempDir();
    dirs.push(t);
    return { db: openKioskDb(kioskDbPath(t.dir)), dir: t.dir };
  };

  it('runs slice after slice, a turn of the event loop between them, and removes all that is due and nothing else', async () => {
    const { db: sliced, dir } = db();
    const { kept } = backlog(sliced);
    const retention = createDataRetention({ db: sliced, dataDir: join(dir), now: () => NOW, retentionDays: () => 180, log, slices: { chunk: 3, maxMs: 0 } });
    expect(ids(sliced, 'visits').length).toBeGreaterThan(kept.visits.length); // the first slice only, so far
    let turns = 0;
    const counting = setInterval(() => turns++, 0);
    try {
      await retention.settled();
    } finally {
      // an interval left running would go on in the worker the next files share (isolate: false)
      clearInterval(counting);
      retention.stop();
    }
    expect(turns).toBeGreaterThan(0); // timers ran while it purged
    expect(ids(sliced, 'visits')).toEqual([...kept.visits].sort());
    expect(ids(sliced, 'bookings')).toEqual([...kept.bookings].sort());
    expect((sliced.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n).toBe(kept.commands);

    // the whole purge at once, on the same backlog, removes the same
    const { db: whole } = db();
    const again = backlog(whole);
    expect(purgeOlderThan(whole, NOW, 180)).toEqual({ visits: 10, bookings: 10, commands: 40 });
    expect(ids(whole, 'visits').length).toBe(again.kept.visits.length);
    sliced.close();
    whole.close();
  });

  it('stops between slices when the core closes', async () => {
    const { db: d, dir } = db();
    backlog(d);
    const retention = createDataRetention({ db: d, dataDir: dir, now: () => NOW, retentionDays: () => 180, log, slices: { chunk: 1, maxMs: 0 } });
    retention.stop();
    d.close(); // as the core does after stop: no slice runs on the closed database
    await retention.settled();
  });
});
