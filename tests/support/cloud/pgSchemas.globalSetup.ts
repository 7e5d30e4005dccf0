/**
 * PostgreSQL test schemas (t_<12 hex>, one per test database) are dropped once, after the whole suite, not by each
 * test: a drop costs about as long as the migration that made the schema (~0.2 s). Their number no longer slows the
 * tests: a cloud on its own schema introspects that schema only (src/cloud/db/schemaScopedIntrospector.ts; Kysely's
 * own introspector read every schema's catalog on each migration, ~3 s each once a run had made 250 schemas).
 * Leftovers of a crashed earlier run go at the start.
 */
import pg from 'pg';
import { testPgUrl } from '../testDatabaseUrl';

const PG_URL = testPgUrl();
const TEST_SCHEMA = '^t_[0-9a-f]{12}$';

async function dropTestSchemas(): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL });
  try {
    await client.connect();
  } catch {
    return; // unreachable: the PostgreSQL tests themselves fail and say so
  }
  try {
    const { rows } = await client.query<{ nspname: string }>('select nspname from pg_namespace where nspname ~ $1', [TEST_SCHEMA]);
    for (const { nspname } of rows) await client.query(`drop schema if exists "${nspname}" cascade`);
  } finally {
    await client.end();
  }
}

export default async function setup(): Promise<() => Promise<void>> {
  await dropTestSchemas();
  return dropTestSchemas;
}
