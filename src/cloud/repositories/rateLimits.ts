/** SQL on rate_limits: fixed-window counters, keyed by bucket and a hash. */
import type { RateLimitsTable } from '../db/schema';
import type { Db } from './db';

/** Counts one hit in a window with one atomic upsert; returns the window's hits so far. */
export async function bumpRateLimit(db: Db, key: string, windowStart: string, expiresAt: string): Promise<number> {
  const row = await db
    .insertInto('rate_limits')
    .values({ key, window_start: windowStart, hits: 1, expires_at: expiresAt })
    .onConflict((oc) => oc.columns(['key', 'window_start']).doUpdateSet((eb) => ({ hits: eb(eb.ref('rate_limits.hits'), '+', 1) })))
    .returning('hits')
    .executeTakeFirstOrThrow();
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-conversion -- PostgreSQL returns a bigint column as a string
  return Number(row.hits);
}

/** At most this many keys in one statement (4 parameters each). */
const ADD_CHUNK = 500;

/**
 * Adds counted hits to several keys' windows, a statement per ADD_CHUNK keys (each key once per call); returns every
 * key's total after it, by `key + '\u0000' + window_start`.
 */
export async function addRateLimitHits(db: Db, rows: readonly RateLimitsTable[]): Promise<Map<string, number>> {
  const totals = new Map<string, number>();
  for (let i = 0; i < rows.length; i += ADD_CHUNK) {
    const out = await db
      .insertInto('rate_limits')
      .values(rows.slice(i, i + ADD_CHUNK))
      .onConflict((oc) => oc.columns(['key', 'window_start']).doUpdateSet((eb) => ({ hits: eb(eb.ref('rate_limits.hits'), '+', eb.ref('excluded.hits')) })))
      .returning(['key', 'window_start', 'hits'])
      .execute();
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-conversion -- PostgreSQL returns a bigint column as a string
    for (const r of out) totals.set(`${r.key}\u0000${r.window_start}`, Number(r.hits));
  }
  return totals;
}

/** Deletes the windows that ended by an instant. */
export async function purgeRateLimits(db: Db, endedBy: string): Promise<void> {
  await db.deleteFrom('rate_limits').where('expires_at', '<=', endedBy).execute();
}
