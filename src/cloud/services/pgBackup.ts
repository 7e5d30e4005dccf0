/**
 * PostgreSQL's side of backup and restore (backup.ts): pg_dump in its custom format (compressed, one schema: the
 * cloud's), and pg_restore. The tools are found in PASSDESK_PG_BIN, else on PATH, else in Debian's
 * /usr/lib/postgresql/<version>/bin (newest first); a missing tool is a clear error. The password of the URL goes to
 * the tools in PGPASSWORD, never on their command line (which `ps` shows).
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Readable } from 'node:stream';
import pg from 'pg';
import { messageOf } from '../../shared/errorText';
import { BackupError, checkBackupVersion, checkTargetNotNewer, MIGRATION_TABLE, type RestoreResult } from './backupVersion';

/** The lock a running cloud server holds shared (server.ts) and a restore takes exclusive, keyed by the schema too. */
export const PRESENCE_LOCK_KEY = 907_013;

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function findPgTool(name: 'pg_dump' | 'pg_restore', env: NodeJS.ProcessEnv = process.env): string {
  const dirs: string[] = [];
  if (env.PASSDESK_PG_BIN) dirs.push(env.PASSDESK_PG_BIN);
  else {
    dirs.push(...(env.PATH ?? '').split(delimiter).filter(Boolean));
    try {
      const versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a));
      dirs.push(...versions.map((v) => join('/usr/lib/postgresql', v, 'bin')));
    } catch {
      // no Debian layout
    }
  }
  const found = dirs.map((d) => join(d, name)).find(executable);
  if (found !== undefined) return found;
  throw new BackupError(
    'pg_tool_missing',
    `${name} not found ${env.PASSDESK_PG_BIN ? `in PASSDESK_PG_BIN (${env.PASSDESK_PG_BIN})` : 'on PATH'}: install the PostgreSQL client tools of the server's major version or newer (e.g. apt install postgresql-client) or set PASSDESK_PG_BIN to their folder`,
  );
}

/** The URL without its password, and the environment that carries the password. */
function connectionOf(url: string): { url: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { url: u.toString(), env: { ...process.env, ...(password !== '' ? { PGPASSWORD: password } : {}) } };
}

interface Run {
  stdout: string;
  code: number;
  stderr: string;
}

/** Runs a tool to its end; stdout collected when asked (small outputs only), stderr kept for the error message. */
function run(tool: string, args: readonly string[], env: NodeJS.ProcessEnv, collect = false): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { env, stdio: ['ignore', collect ? 'pipe' : 'ignore', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr = (stderr + d).slice(-4000)));
    child.on('error', reject);
    child.on('close', (code) => resolve({ stdout, stderr: stderr.trim(), code: code ?? 1 }));
  });
}

const dumpArgs = (schema: string): string[] => ['--format=custom', '--no-owner', '--no-privileges', `--schema=${schema}`];

export async function dumpPostgres(databaseUrl: string, schema: string, file: string): Promise<void> {
  const tool = findPgTool('pg_dump');
  const conn = connectionOf(databaseUrl);
  const result = await run(tool, [...dumpArgs(schema), `--file=${file}`, `--dbname=${conn.url}`], conn.env);
  if (result.code !== 0) throw new Error(`pg_dump failed (exit ${result.code}): ${result.stderr}`);
}

/** pg_dump's output as a stream (the admin route's download); a failure destroys the stream, so the download fails. */
export function dumpPostgresStream(databaseUrl: string, schema: string): Readable {
  const tool = findPgTool('pg_dump');
  const conn = connectionOf(databaseUrl);
  const child = spawn(tool, [...dumpArgs(schema), `--dbname=${conn.url}`], { env: conn.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr = (stderr + d).slice(-4000)));
  child.on('close', (code) => {
    if (code !== 0) child.stdout.destroy(new Error(`pg_dump failed (exit ${code ?? 'signal'}): ${stderr.trim()}`));
  });
  return child.stdout;
}

/** The schema the dump holds the migrations table in (from its table of contents), or undefined. */
function dumpedSchemaOf(list: string): string | undefined {
  const line = list.split('\n').find((l) => new RegExp(`\\bTABLE (\\S+) ${MIGRATION_TABLE}\\b`).test(l) && !l.includes('TABLE DATA'));
  return line?.match(new RegExp(`\\bTABLE (\\S+) ${MIGRATION_TABLE}\\b`))?.[1];
}

/** The migration names in the dump's data of the migrations table (pg_restore's COPY text). */
function migrationNamesOf(script: string): string[] {
  const lines = script.split('\n');
  const start = lines.findIndex((l) => l.startsWith('COPY ') && l.includes(`${MIGRATION_TABLE} (`));
  if (start < 0) return [];
  const names: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line === '\\.') break;
    names.push(line.split('\t')[0]!);
  }
  return names;
}

/** Checks the dump (readable table of contents, every block readable, a known version); its version and migrations. */
async function checkDump(tool: string, file: string, schema: string): Promise<{ version: string; names: string[] }> {
  const corrupt = (why: string) => new BackupError('backup_corrupt', `the backup is not a readable pg_dump custom-format file (${why}): nothing was restored`);
  const list = await run(tool, ['--list', file], process.env, true);
  if (list.code !== 0) throw corrupt(list.stderr || `pg_restore --list exit ${list.code}`);
  const dumped = dumpedSchemaOf(list.stdout);
  if (dumped === undefined) checkBackupVersion([]);
  if (dumped !== schema) {
    throw new BackupError('backup_schema_mismatch', `the backup holds schema ${dumped}, the target is schema ${schema}: nothing was restored`);
  }
  // a truncated file keeps its table of contents (at its start): reading every block finds the damage
  const whole = await run(tool, ['--file=/dev/null', file], process.env);
  if (whole.code !== 0) throw corrupt(whole.stderr || `pg_restore exit ${whole.code}`);
  const data = await run(tool, ['--file=-', '--data-only', `--schema=${schema}`, `--table=${MIGRATION_TABLE}`, file], process.env, true);
  if (data.code !== 0) throw corrupt(data.stderr);
  const names = migrationNamesOf(data.stdout);
  return { version: checkBackupVersion(names), names };
}

/** The migrations the target schema holds (none when it has no migrations table: a new or empty schema). */
async function targetMigrations(client: pg.Client, schema: string): Promise<string[]> {
  const table = `${client.escapeIdentifier(schema)}.${MIGRATION_TABLE}`;
  const found = await client.query<{ t: string | null }>('select to_regclass($1) as t', [table]);
  if (found.rows[0]?.t == null) return [];
  return (await client.query<{ name: string }>(`select name from ${table}`)).rows.map((r) => r.name);
}

export async function restorePostgres(databaseUrl: string, schema: string, file: string): Promise<RestoreResult> {
  const tool = findPgTool('pg_restore');
  const { version, names } = await checkDump(tool, file, schema);
  const client = new pg.Client({ connectionString: databaseUrl });
  try {
    await client.connect();
  } catch (err) {
    throw new Error(`cannot reach the PostgreSQL database to restore into: ${messageOf(err)}`, { cause: err });
  }
  try {
    const lock = await client.query<{ locked: boolean }>('select pg_try_advisory_lock($1::int, hashtext($2)) as locked', [PRESENCE_LOCK_KEY, schema]);
    if (lock.rows[0]?.locked !== true) {
      throw new BackupError('database_in_use', `a cloud server is running on this database (schema ${schema}): stop every server process, then restore`);
    }
    checkTargetNotNewer(names, await targetMigrations(client, schema), `schema ${schema}`);
    const conn = connectionOf(databaseUrl);
    const args = ['--clean', '--if-exists', '--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', `--dbname=${conn.url}`, file];
    const result = await run(tool, args, conn.env);
    if (result.code !== 0) throw new Error(`pg_restore failed (exit ${result.code}; the transaction was rolled back): ${result.stderr}`);
    return { version };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * A running cloud server's presence on its PostgreSQL schema: the presence lock held shared on a connection of its
 * own for as long as it runs, so that a restore (which takes it exclusive) is refused while any server is up, and a
 * server starting during a restore waits for it to end.
 */
export async function holdPresenceLock(databaseUrl: string, schema: string): Promise<{ release(): Promise<void> }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  client.on('error', () => undefined); // a lost connection drops the lock; the pool reports the database's faults
  try {
    await client.query('select pg_advisory_lock_shared($1::int, hashtext($2))', [PRESENCE_LOCK_KEY, schema]);
  } catch (err) {
    await client.end().catch(() => undefined);
    throw err;
  }
  return { release: () => client.end().catch(() => undefined) };
}
