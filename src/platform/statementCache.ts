/**
 * Prepared statements kept per SQL text, at most `limit` of them (the least recently used dropped first): SQLite
 * prepares a statement in tens of microseconds, often more than running it, and a process issues the same few hundred
 * texts all day (issue 12). Used by the cloud's SQLite driver (src/cloud/db/statementCache.ts) and the kiosk's
 * database (src/main/core/db/openDb.ts). A kept statement is shared by every caller of its text: safe while none is
 * left mid-iteration or in a changed mode (pluck, raw, expand) — better-sqlite3's run, get and all finish at once.
 */
export const KEPT_STATEMENTS = 512;

export interface KeptStatements<S> {
  /** the statement of this text, prepared once */
  get(sql: string): S;
  readonly size: number;
  clear(): void;
}

export function keptStatements<S>(prepare: (sql: string) => S, limit = KEPT_STATEMENTS): KeptStatements<S> {
  const kept = new Map<string, S>();
  return {
    get(sql) {
      let statement = kept.get(sql);
      if (statement !== undefined) {
        kept.delete(sql); // re-inserted below: the map's order is the order of last use
      } else {
        statement = prepare(sql);
        if (kept.size >= limit) kept.delete(kept.keys().next().value as string);
      }
      kept.set(sql, statement);
      return statement;
    },
    get size() {
      return kept.size;
    },
    clear: () => kept.clear(),
  };
}
