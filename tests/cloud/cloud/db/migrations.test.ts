import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateToLatest, MigrationFailedError, openCloudDatabase } from '../../../../src/cloud/db/database';
import { CLOUD_MIGRATIONS } from '../../../../src/cloud/db/migrations/index';
import { startCloudServer } from '../../../../src/cloud/server';
import { DIALECTS, newPgTestSchema, openTestDatabase, PG_URL, TEST_KEY_ENCRYPTION, type TestDatabase } from '../../../support/cloud/harness';

const TABLES = [
  'accounts',
  'applied_commands',
  'approvals',
  'audit_log',
  'blacklist',
  'blacklist_hits',
  'booking_cc',
  'bookings',
  'companion_links',
  'counters',
  'departments',
  'enrolment_codes',
  'host_tokens',
  'hosts',
  'invitations',
  'kiosk_audit',
  'kiosk_status',
  'kiosks',
  'notification_outbox',
  'pass_key_retirements',
  'pass_keys',
  'passages',
  'policies',
  'privacy_acceptances',
  'rate_limits',
  'reviewer_departments',
  'revoked_passes',
  'sessions',
  'sign_in_codes',
  'site_day_counts',
  'site_list_items',
  'site_retention',
  'sites',
  'visitor_photos',
  'visitors',
];

describe.each(DIALECTS)('migrations (%s)', (dialect) => {
  let t: TestDatabase | undefined;
  afterEach(async () => {
    await t?.dispose();
    t = undefined;
  });

  it('migrates an empty database to the latest schema, once', async () => {
    t = await openTestDatabase(dialect);
    expect(await migrateToLatest(t.db)).toEqual(CLOUD_MIGRATIONS.map((m) => m.name));
    expect(await migrateToLatest(t.db)).toEqual([]);
    const tables = (await t.db.kysely.introspection.getTables())
      .filter((x) => dialect === 'sqlite' || x.schema === t!.db.pgSchema)
      .map((x) => x.name)
      .sort();
    expect(tables).toEqual(TABLES);
    const seq = await t.db.kysely.selectFrom('counters').selectAll().execute();
    expect(seq).toEqual([{ name: 'change_seq', value: 0 }]);
  });

  it('throws MigrationFailedError naming a broken migration, and rolls it back whole', async () => {
    t = await openTestDatabase(dialect);
    await migrateToLatest(t.db);
    const broken = [
      ...CLOUD_MIGRATIONS,
      {
        name: '9000_broken',
        migration: {
          async up(db: Parameters<NonNullable<(typeof CLOUD_MIGRATIONS)[number]['migration']['up']>>[0]) {
            await db.schema.createTable('half_done').addColumn('id', 'text').execute();
            await sql`this is not sql`.execute(db);
          },
        },
      },
    ];
    const err = await migrateToLatest(t.db, broken).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MigrationFailedError);
    expect((err as MigrationFailedError).migrationName).toBe('9000_broken');
    const names = (await t.db.kysely.introspection.getTables()).filter((x) => dialect === 'sqlite' || x.schema === t!.db.pgSchema).map((x) => x.name);
    expect(names).toContain('bookings'); // 0001 applied
    expect(names).not.toContain('half_done'); // 9000 rolled back
  });

  it('refuses to start a server on a database with a migration this build does not know', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'passdesk-mig-'));
    const where = dialect === 'sqlite' ? { sqlitePath: join(dir, 'cloud.sqlite') } : { databaseUrl: PG_URL, pgSchema: newPgTestSchema() };
    try {
      const db = await openCloudDatabase(where);
      await migrateToLatest(db);
      await db.kysely
        .insertInto('kysely_migration' as never)
        .values({ name: '9999_from_the_future', timestamp: new Date().toISOString() })
        .execute();
      await db.close();
      await expect(startCloudServer({ ...where, keyEncryption: TEST_KEY_ENCRYPTION, port: 0 })).rejects.toBeInstanceOf(MigrationFailedError);
      if (dialect === 'sqlite') {
        const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cloud/server.main.ts'], {
          env: { ...process.env, PORT: '0', PASSDESK_DB: where.sqlitePath, DATABASE_URL: '' },
          encoding: 'utf8',
          timeout: 30_000,
        });
        expect(run.status).not.toBe(0);
        expect(run.stderr).toMatch(/cannot start: database migration/);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
      // a PostgreSQL schema is dropped after the suite (pgSchemas.globalSetup.ts)
    }
  });

  it('0005: existing blacklist entries refuse, existing hosts have no office, existing bookings are no walk-ins', async () => {
    t = await openTestDatabase(dialect);
    await migrateToLatest(t.db, CLOUD_MIGRATIONS.slice(0, 4));
    const at = '2026-11-22T02:00:00.000Z';
    await sql`insert into sites (id, name, timezone, kiosk_settings, created_at) values ('s1', '园区', 'Asia/Shanghai', '{}', ${at})`.execute(t.db.kysely);
    await sql`insert into hosts (id, site_id, name, phone, department, can_receive_visitors, created_at, updated_at, change_seq)
      values ('h1', 's1', '李明', '13800138001', '行政部', 1, ${at}, ${at}, 1)`.execute(t.db.kysely);
    await sql`insert into blacklist (id, site_id, phone_hash, reason, active, updated_at, change_seq) values ('b1', 's1', 'x', '旧条目', 1, ${at}, 2)`.execute(
      t.db.kysely,
    );
    expect(await migrateToLatest(t.db, CLOUD_MIGRATIONS.slice(0, 5))).toEqual(['0005_walk_ins']);
    expect(await t.db.kysely.selectFrom('blacklist').select(['id', 'level']).execute()).toEqual([{ id: 'b1', level: 'refuse' }]);
    expect(await t.db.kysely.selectFrom('hosts').select(['id', 'office']).execute()).toEqual([{ id: 'h1', office: null }]);
    expect(await t.db.kysely.selectFrom('visitors').selectAll().execute()).toEqual([]);
  });
  it('0027: a reviewer’s department names become department ids (a name the site lacked becomes a department)', async () => {
    t = await openTestDatabase(dialect);
    const upTo26 = CLOUD_MIGRATIONS.findIndex((m) => m.name === '0027_reviewer_departments');
    await migrateToLatest(t.db, CLOUD_MIGRATIONS.slice(0, upTo26));
    const at = '2026-11-22T02:00:00.000Z';
    const k = t.db.kysely;
    await sql`insert into sites (id, name, timezone, kiosk_settings, created_at) values ('s1', '园区', 'Asia/Shanghai', '{}', ${at})`.execute(k);
    await sql`insert into departments (id, site_id, name) values ('dep_rd', 's1', '研发部')`.execute(k);
    await sql`insert into accounts (id, site_id, name, phone, roles, created_at, updated_at)
      values ('acc_r', 's1', '审核员', '13700000001', '["reviewer"]', ${at}, ${at})`.execute(k);
    await sql`insert into account_departments (account_id, department) values ('acc_r', '研发部'), ('acc_r', '保卫处')`.execute(k);
    expect(await migrateToLatest(t.db, CLOUD_MIGRATIONS.slice(0, upTo26 + 1))).toEqual(['0027_reviewer_departments']);
    const depts = await k.selectFrom('departments').select(['id', 'name']).where('site_id', '=', 's1').orderBy('name').execute();
    expect(depts.map((d) => d.name).sort()).toEqual(['保卫处', '研发部'].sort());
    const rows = await k.selectFrom('reviewer_departments').select(['account_id', 'department_id']).orderBy('department_id').execute();
    expect(rows.map((r) => r.department_id).sort()).toEqual(depts.map((d) => d.id).sort());
    expect(rows.every((r) => r.account_id === 'acc_r')).toBe(true);
  });
});

describe('migrations on a PostgreSQL database shared by many schemas', () => {
  it('looks only at its own schema: another schema on the database, migrated or dropped, is not read', async () => {
    const other = await openTestDatabase('postgres');
    let t: TestDatabase | undefined;
    try {
      await migrateToLatest(other.db);
      t = await openTestDatabase('postgres');
      // the other schema's tables are invisible here (Kysely's own introspector lists every schema's)
      expect(await t.db.kysely.introspection.getTables()).toEqual([]);
      expect((await t.db.kysely.introspection.getSchemas()).map((x) => x.name)).toEqual([t.db.pgSchema]);
      // a schema dropped by someone else meanwhile does not trouble this one's migration
      await sql`drop schema ${sql.id(other.db.pgSchema!)} cascade`.execute(t.db.kysely);
      expect(await migrateToLatest(t.db)).toEqual(CLOUD_MIGRATIONS.map((m) => m.name));
      const own = await t.db.kysely.introspection.getTables({ withInternalKyselyTables: true });
      expect(new Set(own.map((x) => x.schema))).toEqual(new Set([t.db.pgSchema]));
      expect(own.map((x) => x.name)).toEqual(expect.arrayContaining(['bookings', 'kysely_migration', 'kysely_migration_lock']));
      expect(own.find((x) => x.name === 'bookings')?.columns.map((c) => c.name)).toContain('site_id');
    } finally {
      await other.dispose();
      await t?.dispose();
    }
  });
});
