/**
 * PostgreSQL test schemas (t_<12 hex>, one per test database) are dropped once, after the whole cloud suite,
 * not by each test: Kysely's migrator introspects every schema of the database (has_schema_privilege,
 * pg_get_serial_sequence over pg_namespace), so a schema dropped by one test file while another file migrates
 * fails that migration with "schema … does not exist". Leftovers of a crashed earlier run go at the start.
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
