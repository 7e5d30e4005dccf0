/**
 * Text stored before the plain-text rules (no control, format or bidi characters; names without markup) is made to
 * pass them, so that every stored row can still be served and pulled: the replies are validated by the same schemas
 * as the requests, and one old booking with a newline in its reason would otherwise stop a site's kiosks from
 * syncing. Rows that already pass are not touched. Dialect-neutral (row by row through Kysely).
 */
import { sql, type Kysely } from 'kysely';
import { toPlainJson, toPlainText } from '../../../shared/domain';

type Kind = 'text' | 'name' | 'json';

const TEXT_COLUMNS: readonly { table: string; key: string; columns: Readonly<Record<string, Kind>> }[] = [
  { table: 'sites', key: 'id', columns: { name: 'name' } },
  { table: 'hosts', key: 'id', columns: { name: 'name', department: 'text' } },
  { table: 'bookings', key: 'id', columns: { visitor: 'json', companions: 'json', reason: 'text', area: 'text', decision_reason: 'text' } },
  { table: 'approvals', key: 'id', columns: { reason: 'text' } },
  { table: 'kiosks', key: 'id', columns: { name: 'name' } },
  { table: 'blacklist', key: 'id', columns: { name: 'name', reason: 'text' } },
];

function cleaned(value: unknown, kind: Kind): unknown {
  if (typeof value !== 'string') return value;
  if (kind !== 'json') return toPlainText(value, kind);
  try {
    return JSON.stringify(toPlainJson(JSON.parse(value)));
  } catch {
    return value; // not JSON: leave it for a person to look at rather than guess
  }
}

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const { table, key, columns } of TEXT_COLUMNS) {
    const names = Object.keys(columns);
    const rows = await sql<Record<string, unknown>>`select ${sql.ref(key)}, ${sql.join(names.map((n) => sql.ref(n)))} from ${sql.table(table)}`.execute(db);
    for (const row of rows.rows) {
      const changes: Record<string, unknown> = {};
      for (const name of names) {
        const next = cleaned(row[name], columns[name]!);
        if (next !== row[name]) changes[name] = next;
      }
      if (Object.keys(changes).length === 0) continue;
      const sets = sql.join(Object.entries(changes).map(([name, value]) => sql`${sql.ref(name)} = ${value}`));
      await sql`update ${sql.table(table)} set ${sets} where ${sql.ref(key)} = ${row[key]}`.execute(db);
    }
  }
}

export async function down(): Promise<void> {
  // the characters removed are not kept: nothing to undo
}
