/**
 * `npm run cloud -- create-admin` run as a child process once (SQLite): it prints a one-time password once, which
 * signs the administrator in; the database holds only its argon2id hash.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCloudApp } from '../../../src/cloud/app';
import { migrateToLatest, openCloudDatabase } from '../../../src/cloud/db/database';
import { ADMIN_TOKEN } from '../../support/cloud/harness';

const dir = mkdtempSync(join(tmpdir(), 'passdesk-create-admin-'));
const sqlitePath = join(dir, 'cloud.sqlite');

describe('create-admin (a child process)', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('creates a site administrator and prints a one-time password that signs them in', async () => {
    const db = await openCloudDatabase({ sqlitePath });
    await migrateToLatest(db);
    const app = await buildCloudApp({ db, adminToken: ADMIN_TOKEN });
    try {
      const site = await app.inject({
        method: 'POST',
        url: '/api/v1/admin/sites',
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
        payload: JSON.stringify({ id: 'site_cli', name: '命令行园区', timezone: 'Asia/Shanghai' }),
      });
      expect(site.statusCode).toBe(201);
      const run = spawnSync(
        process.execPath,
        ['--import', 'tsx', 'src/cloud/server.main.ts', 'create-admin', '--site', 'site_cli', '--name', '首位管理员', '--phone', '13700000201'],
        { env: { ...process.env, PASSDESK_DB: sqlitePath, DATABASE_URL: '' }, encoding: 'utf8', timeout: 60_000 },
      );
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(run.stdout).toContain('137****0201');
      expect(run.stdout).not.toContain('13700000201');
      const password = /one-time password[^:]*: (\S+)/.exec(run.stdout)?.[1];
      expect(password).toMatch(/^[0-9A-Z]{16}$/);
      const stored = await db.kysely.selectFrom('accounts').selectAll().executeTakeFirstOrThrow();
      expect(stored.password_hash).toMatch(/^\$argon2id\$/);
      const signIn = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/staff/sessions',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ siteId: 'site_cli', phone: '13700000201', password }),
      });
      expect(signIn.statusCode).toBe(201);
    } finally {
      await app.close();
      await db.close();
    }
  }, 60_000);
});
