/**
 * Opening the cloud database: SQLite (better-sqlite3, a file path or ':memory:') by default, PostgreSQL when a
 * postgres:// URL is given. `pgSchema` puts every pooled connection on its own search_path (tests use one
 * schema each).
 */
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteAdapter, SqliteDialect, type DialectAdapter, type MigrationProvider, type Migration } from 'kysely';
import pg from 'pg';
import type { CloudSchema } from './schema';
import { keepingStatements } from './statementCache';
import { namingStatements } from './pgNamedStatements';
import { SchemaScopedPostgresDialect } from './schemaScopedIntrospector';
import { CLOUD_MIGRATIONS, type NamedMigration } from './migrations/index';
import { messageOf } from '../../shared/errorText';
import { privateSqliteFiles } from '../../platform/privateFiles';

export type CloudDialect = 'sqlite' | 'postgres';

export interface CloudDatabase {
  readonly kysely: Kysely<CloudSchema>;
  readonly dialect: CloudDialect;
  /** the PostgreSQL schema in use, when one was asked for */
  readonly pgSchema?: string;
  /** the SQLite file, when the database is one (not ':memory:') */
  readonly sqlitePath?: string;
  /**
   * How to reach the database besides the query pool, for the change notifier (changeNotifications.ts): SQLite's one
   * connection (a temporary trigger on it), or PostgreSQL's URL and schema (one listening connection of its own).
   */
  readonly connection?: { kind: 'sqlite'; handle: SqliteDatabase.Database } | { kind: 'postgres'; url: string; pgSchema?: string };
  /**
   * Gives the query planner fresh statistics where they are missing or stale (SQLite: `PRAGMA optimize`, bounded by
   * `analysis_limit`; PostgreSQL's autovacuum analyses on its own). Run after migrations, every few hours and at close:
   * without statistics SQLite picks the window index for the sync pull and reads the whole history (issue 12).
   */
  optimize(): Promise<void>;
  close(): Promise<void>;
}

/** How often a long-running SQLite cloud refreshes its planner statistics. */
export const SQLITE_OPTIMIZE_INTERVAL_MS = 3 * 3600_000;

export interface OpenCloudDatabaseOptions {
  /** postgres://… ; when absent SQLite is used */
  databaseUrl?: string;
  /**
   * SQLite file or ':memory:'; default ./data/cloud.sqlite. Created with its folder when missing: the folder 0700,
   * the file (and its -wal/-shm) 0600, tightened when found more open.
   */
  sqlitePath?: string;
  /** PostgreSQL only: schema for search_path on every connection; created when missing */
  pgSchema?: string;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function isPostgresUrl(url: string | undefined): boolean {
  return url !== undefined && /^postgres(ql)?:\/\//i.test(url);
}

export async function openCloudDatabase(opts: OpenCloudDatabaseOptions = {}): Promise<CloudDatabase> {
  if (opts.databaseUrl !== undefined && isPostgresUrl(opts.databaseUrl)) return openPostgres(opts.databaseUrl, opts.pgSchema);
  if (opts.databaseUrl !== undefined && opts.databaseUrl !== '') {
    throw new Error(`DATABASE_URL must be a postgres:// URL (got a ${opts.databaseUrl.split(':')[0]}: URL)`);
  }
  return openSqlite(opts.sqlitePath ?? './data/cloud.sqlite');
}

/** SQLite runs DDL inside transactions; telling Kysely so makes a failed migration batch roll back whole. */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}
class CloudSqliteDialect extends SqliteDialect {
  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

function openSqlite(path: string): CloudDatabase {
  const onDisk = path !== ':memory:';
  if (onDisk) privateSqliteFiles(path, dirname(path));
  const sqlite = new SqliteDatabase(path);
  sqlite.pragma('journal_mode = WAL');
  // a command the cloud acknowledged is gone from the kiosk's outbox: it must survive a power loss (FULL: the WAL
  // is synced at every commit; better-sqlite3's default today, said here so that it stays so)
  sqlite.pragma('synchronous = FULL');
  if (onDisk) privateSqliteFiles(path, dirname(path));
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // ANALYZE reads at most this many rows per index (approximate statistics, milliseconds even on a large history)
  sqlite.pragma('analysis_limit = 1000');
  const kysely = new Kysely<CloudSchema>({ dialect: new CloudSqliteDialect({ database: keepingStatements(sqlite) }) });
  let closed = false;
  // 0x10002: also the tables this connection has not queried yet (the SQLite documentation's advice at open)
  const runOptimize = (mask = ''): void => {
    if (!closed) sqlite.pragma(`optimize${mask}`);
  };
  runOptimize('=0x10002');
  const timer = setInterval(() => runOptimize(), SQLITE_OPTIMIZE_INTERVAL_MS);
  timer.unref();
  return {
    kysely,
    dialect: 'sqlite',
    ...(onDisk ? { sqlitePath: path } : {}),
    connection: { kind: 'sqlite', handle: sqlite },
    optimize() {
      runOptimize('=0x10002');
      return Promise.resolve();
    },
    async close() {
      if (closed) return;
      clearInterval(timer);
      runOptimize();
      closed = true;
      await kysely.destroy(); // closes the better-sqlite3 handle, releasing the file
    },
  };
}

async function openPostgres(url: string, pgSchema: string | undefined): Promise<CloudDatabase> {
  if (pgSchema !== undefined) {
    if (!SCHEMA_NAME.test(pgSchema)) throw new Error(`pgSchema must match ${SCHEMA_NAME} (got ${JSON.stringify(pgSchema)})`);
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
    } catch (err) {
      throw new Error(`cannot reach PostgreSQL at ${redactUrl(url)}: ${(err as Error).message}`, { cause: err });
    }
    try {
      await client.query(`create schema if not exists "${pgSchema}"`);
    } finally {
      await client.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    ...(pgSchema !== undefined ? { options: `-c search_path=${pgSchema}` } : {}),
  });
  // the hot paths' statements parsed once per connection (pgNamedStatements.ts)
  namingStatements(pool);
  // fail now, with a clear message, rather than at the first query
  try {
    const c = await pool.connect();
    c.release();
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw new Error(`cannot reach PostgreSQL at ${redactUrl(url)}: ${(err as Error).message}`, { cause: err });
  }
  // a cloud on its own schema looks only there (the migrator's checks read the catalog of that schema only)
  const dialect = pgSchema !== undefined ? new SchemaScopedPostgresDialect({ pool }, pgSchema) : new PostgresDialect({ pool });
  const kysely = new Kysely<CloudSchema>({ dialect });
  let closed = false;
  return {
    kysely,
    dialect: 'postgres',
    ...(pgSchema !== undefined ? { pgSchema } : {}),
    connection: { kind: 'postgres', url, ...(pgSchema !== undefined ? { pgSchema } : {}) },
    // autovacuum's autoanalyze keeps PostgreSQL's statistics
    optimize: () => Promise.resolve(),
    async close() {
      if (closed) return;
      closed = true;
      await kysely.destroy(); // ends the pool
    },
  };
}

function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

class StaticMigrationProvider implements MigrationProvider {
  constructor(private readonly list: readonly NamedMigration[]) {}
  getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    for (const { name, migration } of this.list) out[name] = migration;
    return Promise.resolve(out);
  }
}

export class MigrationFailedError extends Error {
  constructor(
    readonly migrationName: string | undefined,
    cause: unknown,
  ) {
    super(`database migration ${migrationName ?? '(setup)'} failed: ${messageOf(cause)}`, { cause });
    this.name = 'MigrationFailedError';
  }
}

/** Brings the schema up to date. Throws MigrationFailedError when any migration fails (that one is rolled back). */
export async function migrateToLatest(db: CloudDatabase, migrations: readonly NamedMigration[] = CLOUD_MIGRATIONS): Promise<string[]> {
  const migrator = new Migrator({
    db: db.kysely,
    provider: new StaticMigrationProvider(migrations),
    ...(db.pgSchema !== undefined ? { migrationTableSchema: db.pgSchema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new MigrationFailedError(failed?.migrationName, error);
  }
  const applied = (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  if (applied.length > 0) await db.optimize();
  return applied;
}
