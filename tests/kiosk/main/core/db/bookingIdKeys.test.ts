/**
 * The bookings found by a hashed ID number (migration 0016, src/main/core/db/bookingIdKey.ts): the migration fills the
 * index from the bookings already held, upsertBooking keeps it (visitor and companions; a number removed leaves it),
 * a purged booking's keys go with it, and no ID number is stored in the index itself.
 */
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { bookingsInRangeByIdNumber, upsertBooking } from '../../../../../src/main/core/db/bookingsStore';
import { migrate } from '../../../../../src/main/core/db/migrations';
import { openKioskDb, type KioskDb } from '../../../../../src/main/core/db/openDb';
import { purgeOlderThan } from '../../../../../src/main/core/db/retention';
import { HOUR, makeBooking } from '../../../../support/kiosk/helpers';

const NOW = new Date('2026-11-22T02:00:00.000Z');
const RANGE = { from: new Date(NOW.getTime() - 24 * HOUR).toISOString(), to: new Date(NOW.getTime() + 24 * HOUR).toISOString() };
const COMPANION = '110105194912310037';
const ids = (db: KioskDb, idNumber: string) => bookingsInRangeByIdNumber(db, RANGE, idNumber).map((b) => b.id);

describe('bookings by hashed ID number', () => {
  let db: KioskDb | undefined;
  afterEach(() => db?.close());

  it('the migration indexes the bookings already held; upserts and purges keep the index; it holds no ID number', () => {
    const raw = new Database(':memory:');
    migrate(raw, 15);
    const held = makeBooking({ id: 'b_held', code: 'HEAD0001' }, NOW);
    raw
      .prepare(
        `INSERT INTO bookings (id, code, visitor_phone, status, host_id, window_start, window_end, updated_at, json)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(held.id, held.code, held.visitor.phone, held.status, held.hostId, held.windowStart, held.windowEnd, held.updatedAt, JSON.stringify(held));
    migrate(raw);
    db = raw;
    expect(ids(db, '11010519491231002x')).toEqual(['b_held']); // normalised: a lower-case x, spaces
    expect(ids(db, '110105 19491231 002X')).toEqual(['b_held']);

    upsertBooking(db, makeBooking({ id: 'b_group', code: 'GRP00001', companions: [{ name: '李四', idType: 'resident_id', idNumber: COMPANION }] }, NOW));
    expect(ids(db, COMPANION)).toEqual(['b_group']);
    expect(ids(db, '11010519491231002X').sort()).toEqual(['b_group', 'b_held']);
    upsertBooking(db, makeBooking({ id: 'b_group', code: 'GRP00001', companions: [] }, NOW)); // the companion removed
    expect(ids(db, COMPANION)).toEqual([]);
    expect(ids(db, '')).toEqual([]);

    const keys = db.prepare('SELECT id_key, booking_id FROM booking_id_keys').all() as { id_key: string }[];
    expect(keys).toHaveLength(2);
    expect(keys.every((k) => /^[0-9a-f]{64}$/.test(k.id_key))).toBe(true);

    expect(purgeOlderThan(db, new Date(NOW.getTime() + 30 * 24 * HOUR), 1).bookings).toBe(2);
    expect(db.prepare('SELECT count(*) AS n FROM booking_id_keys').get()).toEqual({ n: 0 });
  });

  it('a booking outside the range is not found by its ID number', () => {
    db = openKioskDb(':memory:');
    upsertBooking(db, makeBooking({ id: 'b_later', code: 'RATE0001' }, new Date(NOW.getTime() + 72 * HOUR)));
    expect(ids(db, '11010519491231002X')).toEqual([]);
  });
});
