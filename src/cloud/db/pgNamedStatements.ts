/**
 * PostgreSQL named statements for the hot paths' SQL (issue 12). Kysely's pg driver sends every query unnamed, so
 * PostgreSQL parses and plans it again at each call (a kiosk's empty pull is two such statements; a check-in a few).
 * The statements `prepared` and `runKeyed` build once (preparedStatements.ts) are a fixed, small set of texts: each is
 * registered here and, on every pooled connection, sent as a named statement — parsed once per connection, then only
 * bound and run. Any other text goes unnamed as before (an unbounded set: `in (…)` lists, multi-row inserts).
 * A name is a hash of the text, so the same text has the same name in every process and module instance; a
 * connection keeps the search_path it was opened with (database.ts), so a name never meets another schema's tables.
 * A connection whose prepared statement meets a changed table (columns added by a newer process's migration, while
 * this one still runs) fails that statement once and sends every text unnamed after it. Behind a pooler in
 * transaction mode (PgBouncer before 1.21, or without max_prepared_statements), named statements do not work.
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';

/** SQL text → statement name. */
const names = new Map<string, string>();

/** Marks `sql` to be sent as a named statement on PostgreSQL connections (idempotent; cheap after the first call). */
export function nameStatement(sql: string): void {
  if (!names.has(sql)) names.set(sql, `pd_${createHash('sha256').update(sql).digest('hex').slice(0, 24)}`);
}

type Query = (...args: unknown[]) => unknown;

/**
 * Makes every connection of `pool` send registered texts as named statements. Only the call Kysely makes for a
 * query, `query(text, values)`, is changed; streams, callbacks and configs pass as they are.
 */
export function namingStatements(pool: pg.Pool): void {
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as Query;
    let naming = true;
    const named: Query = (...args) => {
      const [text, values] = args;
      const name = naming && args.length === 2 && typeof text === 'string' && Array.isArray(values) ? names.get(text) : undefined;
      if (name === undefined) return query(...args);
      return (query({ name, text, values }) as Promise<unknown>).catch((err: unknown) => {
        // a table changed under a statement this connection prepared (a newer process migrated it): this statement
        // fails, and the connection sends its texts unnamed from now on
        if (isStalePlan(err)) naming = false;
        throw err;
      });
    };
    client.query = named as unknown as typeof client.query;
  });
}

/** PostgreSQL's refusal to run a prepared statement whose table's columns changed since it was prepared. */
const isStalePlan = (err: unknown): boolean =>
  typeof err === 'object' &&
  err !== null &&
  (err as { code?: unknown }).code === '0A000' &&
  /cached plan must not change result type/.test((err as Error).message);
