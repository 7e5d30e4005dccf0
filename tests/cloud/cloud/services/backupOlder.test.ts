/**
 * PostgreSQL restore (src/cloud/services/pgBackup.ts) over a database of a newer schema than the backup is refused,
 * `backup_older`, the database unchanged: pg_restore --clean replaces only what the backup holds, so the newer tables
 * would stay beside the older ones and the server could not migrate the restored schema forward. A backup newer than
 * this build is refused as before (backup.test.ts, `backup_newer`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { CLOUD_MIGRATIONS } from '../../../../src/cloud/db/migrations';
import { backupDatabase, BackupError, restoreDatabase, type RestoreTarget } from '../../../../src/cloud/services/backup';
import { CloudTestEnv, PG_URL } from '../../../support/cloud/harness';

const LATEST = CLOUD_MIGRATIONS[CLOUD_MIGRATIONS.length - 1]!.name;

async function withClient<T>(url: string, use: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await use(c);
  } finally {
    await c.end();
  }
}

describe('PostgreSQL restore over a newer schema', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('is refused (backup_older), with what to do, and changes nothing', async () => {
    const env = await CloudTestEnv.create('postgres');
    cleanups.push(() => env.dispose());
    const dir = mkdtempSync(join(tmpdir(), 'passdesk-backup-older-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    await env.approvedBooking(await env.createHost());
    // the target: another database of the same server (as backup.test.ts)
    const url = new URL(PG_URL);
    url.pathname = `${url.pathname}_restore`;
    await withClient(PG_URL, async (c) => {
      const name = url.pathname.slice(1);
      if ((await c.query('select 1 from pg_database where datname = $1', [name])).rowCount === 0) {
        await c.query(`create database "${name}"`).catch((err: unknown) => {
          // another test process made it meanwhile
          if (!['42P04', '23505'].includes((err as { code?: string }).code ?? '')) throw err;
        });
      }
    });
    const schema = env.db.pgSchema!;
    const target: RestoreTarget = { databaseUrl: url.toString(), pgSchema: schema };
    cleanups.push(() => withClient(url.toString(), (c) => c.query(`drop schema if exists "${schema}" cascade`).then(() => undefined)));
    const file = join(dir, 'backup');
    await backupDatabase(env.db, file);

    // the target schema as a later build left it: every migration of this build and one more, a table of its own
    const state = () =>
      withClient(url.toString(), async (c) => {
        const migrations = await c.query<{ name: string }>(`select name from "${schema}".kysely_migration order by name`);
        const tables = await c.query<{ n: string }>('select count(*) as n from information_schema.tables where table_schema = $1', [schema]);
        return { migrations: migrations.rows.map((r) => r.name), tables: tables.rows[0]!.n };
      });
    await withClient(url.toString(), async (c) => {
      await c.query(`create schema "${schema}"`);
      await c.query(`create table "${schema}".kysely_migration (name varchar(255) primary key, timestamp varchar(255) not null)`);
      for (const name of [...CLOUD_MIGRATIONS.map((m) => m.name), '9999_future']) {
        await c.query(`insert into "${schema}".kysely_migration (name, timestamp) values ($1, '2030-01-01T00:00:00.000Z')`, [name]);
      }
      await c.query(`create table "${schema}".future_things (id text primary key)`);
    });
    const before = await state();
    const refused = restoreDatabase(target, file);
    await expect(refused).rejects.toBeInstanceOf(BackupError);
    await expect(refused).rejects.toMatchObject({ code: 'backup_older' });
    await expect(refused).rejects.toThrow(new RegExp(`has migration 9999_future; the backup goes up to ${LATEST}\\).*restore into an empty schema`));
    expect(await state()).toEqual(before);
  });
});
