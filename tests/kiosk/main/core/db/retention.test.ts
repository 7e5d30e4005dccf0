import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { kioskDbPath, openKioskDb, type KioskDb } from '../../../../../src/main/core/db/openDb';
import { purgeOlderThan } from '../../../../../src/main/core/db/retention';
import { upsertBooking } from '../../../../../src/main/core/db/bookingsStore';
import { insertVisit } from '../../../../../src/main/core/db/visitsStore';
import { enqueueCommand } from '../../../../../src/main/core/db/outboxStore';
import { signCommand } from '../../../../../src/main/core/sync/commands';
import { generatePassKeyPair } from '../../../../../src/shared/pass';
import { makeBooking, tempDir } from '../../../../support/kiosk/helpers';
import { randomUUID } from 'node:crypto';

const DAY = 86_400_000;
const NOW = new Date('2026-11-22T02:00:00.000Z');

describe('retention purge', () => {
  let t: ReturnType<typeof tempDir>;
  let db: KioskDb;
  beforeEach(() => {
    t = tempDir();
    db = openKioskDb(kioskDbPath(join(t.dir)));
  });
  afterEach(() => {
    db.close();
    t.cleanup();
  });

  it('removes old visits, bookings and answered commands, keeps pending ones and recent data', async () => {
    const old = new Date(NOW.getTime() - 200 * DAY);
    const { privateKey } = await generatePassKeyPair();
    const signer = { kioskId: 'k1', privateKey };
    const addVisit = async (id: string, at: Date, bookingId: string, state: 'pending' | 'sent') => {
      upsertBooking(db, makeBooking({ id: bookingId, code: 'ABCD2345' }, at));
      const cmd = await signCommand({ kind: 'checkin', payload: { bookingId, visitId: id, passId: id, partySize: 1 } }, signer, at);
      enqueueCommand(db, cmd);
      if (state === 'sent') db.prepare(`UPDATE outbox SET state = 'sent' WHERE id = ?`).run(cmd.id);
      insertVisit(db, {
        visit: {
          id,
          kioskId: 'k1',
          bookingId,
          visitorName: '张三',
          visitorPhoneMasked: '138****5678',
          hostName: '李四',
          checkedInAt: at.toISOString(),
          passId: id,
        },
        passToken: 'PD1.x.y',
        checkinCommandId: cmd.id,
      });
    };
    const oldSent = randomUUID();
    const oldPending = randomUUID();
    const recent = randomUUID();
    await addVisit(oldSent, old, 'b_old_sent', 'sent');
    await addVisit(oldPending, old, 'b_old_pending', 'pending');
    await addVisit(recent, new Date(NOW.getTime() - DAY), 'b_recent', 'sent');
    const counts = purgeOlderThan(db, NOW, 180);
    expect(counts).toEqual({ visits: 1, bookings: 1, commands: 1 });
    const visitIds = (db.prepare('SELECT id FROM visits').all() as { id: string }[]).map((r) => r.id).sort();
    expect(visitIds).toEqual([oldPending, recent].sort());
    const bookingIds = (db.prepare('SELECT id FROM bookings').all() as { id: string }[]).map((r) => r.id).sort();
    expect(bookingIds).toEqual(['b_old_pending', 'b_recent']);
  });
});
