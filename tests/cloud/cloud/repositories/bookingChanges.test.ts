import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect, type CompiledQuery } from 'kysely';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANGE_SEQ } from '../../../../src/cloud/db/changeSeq';
import { migrateToLatest, openCloudDatabase, type CloudDatabase } from '../../../../src/cloud/db/database';
import type { BookingsTable, CloudSchema } from '../../../../src/cloud/db/schema';
import { DEMO_SITE, loadDemoData } from '../../../../src/cloud/demo';
import { CHANGES_READ_BY_SEQUENCE, listBookingChanges, listWindowBookings, type WindowPosition } from '../../../../src/cloud/repositories/bookings';
import { dayRange } from '../../../../src/shared/siteDay';
import { DIALECTS, openTestDatabase, T0, type TestDatabase } from '../../../support/cloud/harness';

const DAY = 86_400_000;
const range = dayRange(T0, DEMO_SITE.timezone, 1, 7);

/** 300 bookings of history (ended before the window) and 60 in or ahead of it, interleaved in change order. */
async function seedHistoryAndWindow(db: CloudDatabase): Promise<BookingsTable[]> {
  await migrateToLatest(db);
  await loadDemoData(db, { now: T0 });
  const template = await db.kysely
    .selectFrom('bookings')
    .selectAll()
    .where('site_id', '=', DEMO_SITE.id)
    .where('status', '=', 'approved')
    .executeTakeFirstOrThrow();
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-conversion -- PostgreSQL returns a bigint column as a string
  let seq = Number((await db.kysely.selectFrom('counters').select('value').where('name', '=', CHANGE_SEQ).executeTakeFirstOrThrow()).value);
  const rows: BookingsTable[] = [];
  for (let i = 0; i < 360; i++) {
    const inWindow = i % 6 === 0;
    const start = inWindow ? T0.getTime() + (i % 5) * DAY : T0.getTime() - (3 + (i % 300)) * DAY;
    rows.push({
      ...template,
      id: `bk_t_${i}`,
      code: `T${String(i).padStart(7, '0')}`,
      status: inWindow ? 'approved' : 'left',
      window_start: new Date(start).toISOString(),
      window_end: new Date(start + 3_600_000).toISOString(),
      change_seq: ++seq,
    });
  }
  await db.kysely.insertInto('bookings').values(rows).execute();
  await db.kysely.updateTable('counters').set({ value: seq }).where('name', '=', CHANGE_SEQ).execute();
  return db.kysely.selectFrom('bookings').selectAll().where('site_id', '=', DEMO_SITE.id).execute();
}

/** What a pull must return, by brute force over every row. */
const expected = (all: BookingsTable[], after: number, limit: number) =>
  all
    .filter((b) => b.change_seq > after && b.window_end >= range.from && b.window_start < range.to)
    .sort((a, b) => a.change_seq - b.change_seq)
    .slice(0, limit)
    .map((b) => b.id);

describe.each(DIALECTS)('listBookingChanges (%s)', (dialect) => {
  let t: TestDatabase;
  let all: BookingsTable[];
  let committed: number;
  beforeAll(async () => {
    t = await openTestDatabase(dialect);
    all = await seedHistoryAndWindow(t.db);
    committed = Math.max(...all.map((b) => b.change_seq));
  });
  afterAll(() => t.dispose());

  it.each([0, 1, 100, 250, 355])('read by sequence or by window, from cursor %i: the same bookings, none of the history', async (cursorBack) => {
    const after = Math.max(0, committed - cursorBack);
    for (const limit of [5, 500]) {
      const bySequence = await listBookingChanges(t.db.kysely, DEMO_SITE.id, after, range, limit, after === 0 ? 1 : after);
      const byWindow = await listBookingChanges(t.db.kysely, DEMO_SITE.id, after, range, limit, after + CHANGES_READ_BY_SEQUENCE + 1);
      expect(bySequence.map((b) => b.id)).toEqual(expected(all, after, limit));
      expect(byWindow.map((b) => b.id)).toEqual(expected(all, after, limit));
      expect(bySequence.every((b) => b.window_end >= range.from)).toBe(true);
    }
  });

  it('a window snapshot page by page: every booking of the window once, in (window_end, id) order, none of the history', async () => {
    const inWindow = all
      .filter((b) => b.window_end >= range.from && b.window_start < range.to)
      .sort((a, b) => (a.window_end === b.window_end ? (a.id < b.id ? -1 : 1) : a.window_end < b.window_end ? -1 : 1))
      .map((b) => b.id);
    for (const limit of [7, 500]) {
      const got: string[] = [];
      let from: WindowPosition | undefined;
      for (let pages = 0; ; pages++) {
        expect(pages).toBeLessThan(20);
        const rows = await listWindowBookings(t.db.kysely, DEMO_SITE.id, range, from, limit);
        got.push(...rows.map((r) => r.id));
        if (rows.length < limit) break;
        from = [rows.at(-1)!.window_end, rows.at(-1)!.id];
      }
      expect(got).toEqual(inWindow);
    }
  });
});

describe('listBookingChanges on SQLite: which index a pull reads', () => {
  let dir: string;
  let raw: SqliteDatabase.Database;
  let kysely: Kysely<CloudSchema>;
  const queries: CompiledQuery[] = [];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'passdesk-pull-plan-'));
    const db = await openCloudDatabase({ sqlitePath: join(dir, 'cloud.sqlite') });
    await seedHistoryAndWindow(db);
    await db.optimize();
    await db.close();
    raw = new SqliteDatabase(join(dir, 'cloud.sqlite'));
    kysely = new Kysely<CloudSchema>({ dialect: new SqliteDialect({ database: raw }), log: (e) => void queries.push(e.query) });
  });
  afterAll(async () => {
    await kysely.destroy();
    rmSync(dir, { recursive: true, force: true });
  });
  const planOf = async (after: number, committed: number): Promise<string> => {
    queries.length = 0;
    await listBookingChanges(kysely, DEMO_SITE.id, after, range, 501, committed);
    const q = queries[0]!;
    const rows = raw.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...(q.parameters as unknown[])) as { detail: string }[];
    return rows.map((r) => r.detail).join(' | ');
  };

  it('a pull close to the counter reads only the newer changes (site_id, change_seq)', async () => {
    expect(await planOf(1000, 1000)).toMatch(/USING INDEX bookings_site_change_idx \(site_id=\? AND change_seq>\?\)/);
  });
  it('a first pull, or one far behind, reads the window, never the history (site_id, window_end)', async () => {
    expect(await planOf(0, 1000)).toMatch(/USING INDEX bookings_site_end_idx \(site_id=\? AND window_end>\?\)/);
    expect(await planOf(5, 5 + CHANGES_READ_BY_SEQUENCE + 1)).toMatch(/USING INDEX bookings_site_end_idx/);
  });

  it('a window snapshot page reads on from where the last stopped (site_id, window_end)', async () => {
    queries.length = 0;
    await listWindowBookings(kysely, DEMO_SITE.id, range, [range.from, 'bk_t_0'], 500);
    const q = queries[0]!;
    const rows = raw.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...(q.parameters as unknown[])) as { detail: string }[];
    expect(rows.map((r) => r.detail).join(' | ')).toMatch(/USING INDEX bookings_site_end_idx \(site_id=\? AND window_end>\?\)/);
  });
});
