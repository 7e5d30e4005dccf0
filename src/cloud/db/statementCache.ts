/**
 * better-sqlite3 behind Kysely with its statements kept. Kysely's SQLite driver prepares every query again (about
 * 35 µs for a pull's typical SELECT here, more than running it); the cloud issues the same few hundred SQL texts all
 * day, so the prepared statement is kept per text, at most `limit` of them (the least recently used dropped first).
 * Safe because Kysely runs one query at a time on its single SQLite connection and the cloud never streams; SQLite
 * prepares a kept statement again by itself after a schema change (migrations).
 */
import type { Database as SqliteDatabase, Statement } from 'better-sqlite3';
import type { SqliteDatabase as KyselySqliteDatabase } from 'kysely';

export const KEPT_STATEMENTS = 512;

export function keepingStatements(db: SqliteDatabase, limit = KEPT_STATEMENTS): KyselySqliteDatabase & { readonly kept: number } {
  const kept = new Map<string, Statement>();
  return {
    get kept() {
      return kept.size;
    },
    close: () => {
      kept.clear();
      db.close();
    },
    prepare(sql: string) {
      let statement = kept.get(sql);
      if (statement) {
        kept.delete(sql); // re-inserted below: the map's order is the order of last use
      } else {
        statement = db.prepare(sql);
        if (kept.size >= limit) kept.delete(kept.keys().next().value as string);
      }
      kept.set(sql, statement);
      return statement;
    },
  };
}
