/**
 * Backup and restore of the cloud database (issue 14 §8, src/cloud/services/backup.ts), on SQLite and PostgreSQL: a
 * backup taken while writes go on restores into a fresh database with the data equal (the rows before it, whole
 * transactions only); the admin download is such a backup; a truncated file, a file that is no backup and a backup of a
 * newer schema are refused with their codes and the target unchanged; so is a restore into a database a running cloud
 * server holds; a missing pg_dump is named (the download's error too).
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { openCloudDatabase, type CloudDatabase } from '../../../../src/cloud/db/database';
import { startCloudServer } from '../../../../src/cloud/server';
import { backupDatabase, BackupError, restoreDatabase, type RestoreTarget } from '../../../../src/cloud/services/backup';
import { CLOUD_MIGRATIONS } from '../../../../src/cloud/db/migrations';
import { ADMIN_TOKEN, CloudTestEnv, DIALECTS, PG_URL, TEST_KEY_ENCRYPTION } from '../../../support/cloud/harness';

/** this build's newest migration: a backup's version */
const LATEST = CLOUD_MIGRATIONS[CLOUD_MIGRATIONS.length - 1]!.name;

const TABLES = ['sites', 'hosts', 'bookings', 'approvals', 'audit_log', 'kysely_migration'] as const;

async function rowsOf(db: CloudDatabase, table: string): Promise<string[]> {
  const res = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db.kysely);
  return res.rows.map((r) => JSON.stringify(r)).sort();
}

async function ensureDatabase(name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  try {
    const found = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) await admin.query(`create database "${name}"`);
  } catch (err) {
    // another test process made it meanwhile
    if (!['42P04', '23505'].includes((err as { code?: string }).code ?? '')) throw err;
  } finally {
    await admin.end();
  }
}

const refusal = (code: string) => expect.objectContaining({ name: 'BackupError', code }) as unknown as BackupError;

describe.each(DIALECTS)('backup and restore (%s)', (dialect) => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function world(): Promise<{ env: CloudTestEnv; dir: string; target: RestoreTarget }> {
    const env = await CloudTestEnv.create(dialect);
    cleanups.push(() => env.dispose());
    const dir = mkdtempSync(join(tmpdir(), 'passdesk-backup-test-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const host = await env.createHost();
    for (let i = 0; i < 3; i++) await env.approvedBooking(host);
    if (dialect === 'sqlite') return { env, dir, target: { sqlitePath: join(dir, 'restored', 'cloud.sqlite') } };
    // another database of the same server (<test database>_restore, made when missing: creating and dropping one per
    // test costs seconds), where the backup's schema (random, like every test schema) does not exist yet
    const url = new URL(PG_URL);
    url.pathname = `${url.pathname}_restore`;
    await ensureDatabase(url.pathname.slice(1));
    const schema = env.db.pgSchema!;
    cleanups.push(async () => {
      const c = new pg.Client({ connectionString: url.toString() });
      await c.connect();
      await c.query(`drop schema if exists "${schema}" cascade`);
      await c.end();
    });
    return { env, dir, target: { databaseUrl: url.toString(), pgSchema: env.db.pgSchema! } };
  }

  const open = async (target: RestoreTarget): Promise<CloudDatabase> => {
    const db = await openCloudDatabase(target);
    cleanups.push(() => db.close());
    return db;
  };

  it('a backup taken while writes go on restores into a fresh database, equal; the admin download is one too', async () => {
    const { env, dir, target } = await world();
    // writes in pairs, one transaction each, all through the backup
    const state = { writing: true };
    const writer = (async () => {
      for (let i = 0; (state.writing || i < 20) && i < 5000; i++) {
        await new Promise((r) => setImmediate(r)); // as requests arrive: between I/O, where the backup's steps run too
        await env.kysely.transaction().execute(async (trx) => {
          for (const half of ['a', 'b']) {
            await trx
              .insertInto('audit_log')
              .values({ id: `w-${i}-${half}`, at: env.clock.toISOString(), actor: 'test', action: 'write', subject: `${i}`, detail: '{}' })
              .execute();
          }
        });
      }
    })();
    const file = join(dir, 'backup');
    const made = await backupDatabase(env.db, file);
    state.writing = false;
    await writer;
    expect(made.version).toBe(LATEST);
    expect(await restoreDatabase(target, file)).toEqual({ version: LATEST });
    const restored = await open(target);
    for (const table of TABLES.filter((t) => t !== 'audit_log')) expect(await rowsOf(restored, table), table).toEqual(await rowsOf(env.db, table));
    const source = new Set(await rowsOf(env.db, 'audit_log'));
    const copy = await rowsOf(restored, 'audit_log');
    expect(copy.filter((r) => !source.has(r))).toEqual([]);
    const ids = new Set(copy.map((r) => (JSON.parse(r) as { id: string }).id));
    for (const id of ids) if (id.startsWith('w-')) expect(ids.has(id.replace(/a$/, 'b').replace(/b$/, 'a')), id).toBe(true); // whole transactions only
    expect(copy.filter((r) => !r.includes('"write"'))).toEqual([...source].filter((r) => !r.includes('"write"')));
    await restored.close();

    const download = await env.app.inject({ method: 'GET', url: '/api/v1/admin/backup', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(download.statusCode, download.body).toBe(200);
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename="passdesk-cloud-.*\.(sqlite|pgdump)"$/);
    expect(download.rawPayload.subarray(0, 5).toString()).toBe(dialect === 'sqlite' ? 'SQLit' : 'PGDMP');
    writeFileSync(join(dir, 'download'), download.rawPayload);
    if (dialect === 'postgres') {
      // a whole custom-format archive of the schema (a restore of it is the same as above's, seconds on a busy server)
      const list = spawnSync('pg_restore', ['--list', join(dir, 'download')], { encoding: 'utf8' });
      expect(list.status, list.stderr).toBe(0);
      expect(list.stdout).toContain(`TABLE DATA ${target.pgSchema!} bookings`);
      return;
    }
    await restoreDatabase(target, join(dir, 'download')); // over the database restored before
    const again = await open(target);
    expect(await rowsOf(again, 'bookings')).toEqual(await rowsOf(env.db, 'bookings'));
  });

  it('refuses a truncated file, a file that is no backup, a newer schema’s backup and a running server’s database, changing nothing', async () => {
    const { env, dir, target } = await world();
    const good = join(dir, 'good');
    await backupDatabase(env.db, good);
    const bytes = readFileSync(good);
    writeFileSync(join(dir, 'truncated'), bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    writeFileSync(join(dir, 'garbage'), randomBytes(4096));
    const newer = join(dir, 'newer');
    if (dialect === 'sqlite') {
      writeFileSync(newer, bytes);
      const db = new SqliteDatabase(newer);
      db.prepare(`insert into kysely_migration (name, timestamp) values ('9999_future', '2030-01-01T00:00:00.000Z')`).run();
      db.close();
    } else {
      await sql`insert into kysely_migration (name, timestamp) values ('9999_future', '2030-01-01T00:00:00.000Z')`.execute(env.kysely);
      await backupDatabase(env.db, newer);
      await sql`delete from kysely_migration where name = '9999_future'`.execute(env.kysely);
    }
    const targetState = async (): Promise<string> => {
      if (target.sqlitePath !== undefined) {
        try {
          return readFileSync(target.sqlitePath).toString('hex');
        } catch {
          return 'absent';
        }
      }
      const c = new pg.Client({ connectionString: target.databaseUrl });
      await c.connect();
      const res = await c.query<{ n: string }>('select count(*) as n from information_schema.tables where table_schema = $1', [target.pgSchema]);
      await c.end();
      return res.rows[0]!.n;
    };
    const before = await targetState();
    await expect(restoreDatabase(target, join(dir, 'truncated'))).rejects.toEqual(refusal('backup_corrupt'));
    await expect(restoreDatabase(target, join(dir, 'garbage'))).rejects.toEqual(refusal('backup_corrupt'));
    await expect(restoreDatabase(target, join(dir, 'absent'))).rejects.toEqual(refusal('backup_missing'));
    const refusedNewer = restoreDatabase(target, newer);
    await expect(refusedNewer).rejects.toEqual(refusal('backup_newer'));
    await expect(refusedNewer).rejects.toThrow(new RegExp(`9999_future.*this build knows up to ${LATEST}`));
    expect(await targetState()).toBe(before);

    // a running server's database (PostgreSQL: the source's own, already at this build's schema)
    const held: RestoreTarget = dialect === 'sqlite' ? target : { databaseUrl: PG_URL, pgSchema: env.db.pgSchema! };
    const server = await startCloudServer({ ...held, keyEncryption: TEST_KEY_ENCRYPTION, sweepIntervalMs: 0 });
    cleanups.push(() => server.close());
    const during = await rowsOf(server.db, 'bookings');
    await expect(restoreDatabase(held, good)).rejects.toEqual(refusal('database_in_use'));
    expect(await rowsOf(server.db, 'bookings')).toEqual(during);
    if (dialect === 'sqlite') return;

    // a missing pg_dump is named, in the download's error too
    const saved = process.env.PASSDESK_PG_BIN;
    process.env.PASSDESK_PG_BIN = '/nonexistent/pg/bin';
    cleanups.push(() => {
      if (saved === undefined) delete process.env.PASSDESK_PG_BIN;
      else process.env.PASSDESK_PG_BIN = saved;
    });
    await expect(backupDatabase(env.db, join(tmpdir(), `never-${randomBytes(4).toString('hex')}`))).rejects.toThrow(
      /pg_dump not found in PASSDESK_PG_BIN.*postgresql-client/,
    );
    const res = await env.request('GET', '/admin/backup', { token: ADMIN_TOKEN });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ error: 'pg_tool_missing' });
  });
});
