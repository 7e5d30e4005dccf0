/**
 * better-sqlite3 behind Kysely with its statements kept. Kysely's SQLite driver prepares every query again (about
 * 35 µs for a pull's typical SELECT here, more than running it); the cloud issues the same few hundred SQL texts all
 * day, so the prepared statement is kept per text, at most `limit` of them (the least recently used dropped first;
 * src/platform/statementCache.ts, shared with the kiosk). Safe because Kysely runs one query at a time on its single
 * SQLite connection and the cloud never streams; SQLite prepares a kept statement again by itself after a schema
 * change (migrations).
 */
import type { Database as SqliteDatabase } from 'better-sqlite3';
import type { SqliteDatabase as KyselySqliteDatabase } from 'kysely';
import { KEPT_STATEMENTS, keptStatements } from '../../platform/statementCache';

export { KEPT_STATEMENTS };

export function keepingStatements(db: SqliteDatabase, limit = KEPT_STATEMENTS): KyselySqliteDatabase & { readonly kept: number } {
  const kept = keptStatements((sql) => db.prepare(sql), limit);
  return {
    get kept() {
      return kept.size;
    },
    close: () => {
      kept.clear();
      db.close();
    },
    prepare: (sql: string) => kept.get(sql),
  };
}
