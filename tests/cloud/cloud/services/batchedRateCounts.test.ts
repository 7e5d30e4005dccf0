/**
 * Rate-limit counts written in batches (pass verify, issue 12): exact in one process, within the documented bound
 * across processes on one database, and every hit in the database's counter once written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../../../src/cloud/db/database';
import { BatchedRateCounts } from '../../../../src/cloud/services/batchedRateCounts';
import { DIALECTS, openTestDatabase, type TestDatabase } from '../../../support/cloud/harness';

const WINDOW = { start: '2026-11-22T02:00:00.000Z', end: '2026-11-22T02:01:00.000Z' };

describe.each(DIALECTS)('batched rate-limit counts (%s)', (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(dialect);
    await migrateToLatest(t.db);
  });
  afterAll(() => t.dispose());

  const stored = async (key: string): Promise<number> =>
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-conversion -- PostgreSQL returns a bigint column as a string
    Number((await t.db.kysely.selectFrom('rate_limits').select('hits').where('key', '=', key).executeTakeFirst())?.hits ?? 0);

  it('lets exactly the limit through in one process, refuses the rest, and writes every hit', async () => {
    const counts = new BatchedRateCounts(t.db.kysely);
    const key = 'verify:addr:one';
    const judged: number[] = [];
    for (let i = 0; i < 25; i++) judged.push(await counts.hit(key, WINDOW.start, WINDOW.end, 10, WINDOW.start));
    expect(judged.filter((h) => h <= 10)).toHaveLength(10);
    expect(judged.slice(10).every((h) => h > 10)).toBe(true);
    await counts.close();
    expect(await stored(key)).toBe(25);
  });

  it('counts together across processes: the limit holds within half of it, every hit written', async () => {
    const a = new BatchedRateCounts(t.db.kysely);
    const b = new BatchedRateCounts(t.db.kysely);
    const key = 'verify:addr:two';
    let allowed = 0;
    for (let i = 0; i < 40; i++) {
      const counts = i % 2 === 0 ? a : b;
      if ((await counts.hit(key, WINDOW.start, WINDOW.end, 10, WINDOW.start)) <= 10) allowed++;
      if (i % 8 === 7) await Promise.all([a.flush(), b.flush()]); // the flush timer of each process
    }
    expect(allowed).toBeGreaterThanOrEqual(10);
    expect(allowed).toBeLessThanOrEqual(15);
    await Promise.all([a.close(), b.close()]);
    expect(await stored(key)).toBe(40);
    // a third process, new to the key after the window filled: at most half the limit before its first write tells it
    const c = new BatchedRateCounts(t.db.kysely);
    const judged: number[] = [];
    for (let i = 0; i < 8; i++) judged.push(await c.hit(key, WINDOW.start, WINDOW.end, 10, WINDOW.start));
    expect(judged.filter((h) => h <= 10).length).toBeLessThanOrEqual(5);
    expect(judged.slice(5).every((h) => h > 10)).toBe(true);
    await c.close();
    expect(await stored(key)).toBe(48);
  });
});
