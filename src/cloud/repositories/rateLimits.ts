/** SQL on rate_limits: fixed-window counters, keyed by bucket and a hash. */
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

/** Deletes the windows that ended by an instant. */
export async function purgeRateLimits(db: Db, endedBy: string): Promise<void> {
  await db.deleteFrom('rate_limits').where('expires_at', '<=', endedBy).execute();
}
