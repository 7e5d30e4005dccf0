/**
 * The SQLite cloud keeps planner statistics (issue 12: without them SQLite picked the window index for the sync pull
 * and read the whole history): `PRAGMA optimize` after migrations, on demand, every few hours and at close.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openCloudDatabase, type CloudDatabase } from '../../../../src/cloud/db/database';

const dir = mkdtempSync(join(tmpdir(), 'passdesk-stats-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function statsOf(db: CloudDatabase, table: string): Promise<string[]> {
  const rows = await sql<{ idx: string | null; stat: string }>`select idx, stat from sqlite_stat1 where tbl = ${table}`.execute(db.kysely);
  return rows.rows.map((r) => `${r.idx ?? '-'} ${r.stat}`);
}

async function fillAuditLog(db: CloudDatabase, rows: number): Promise<void> {
  await sql`
    with recursive n(i) as (select 1 union all select i + 1 from n where i < ${rows})
    insert into audit_log (id, at, actor, action, subject, detail)
    select 'a' || i, '2026-11-26T08:00:00.000Z', 'admin', 'test', 's' || (i % 50), '{}' from n`.execute(db.kysely);
}

describe('SQLite planner statistics in the cloud database', () => {
  it('are written at close, so a restarted cloud plans with them', async () => {
    const path = join(dir, 'restart.sqlite');
    const db = await openCloudDatabase({ sqlitePath: path });
    await migrateToLatest(db);
    await fillAuditLog(db, 5000);
    expect(await statsOf(db, 'audit_log')).toEqual([]);
    await db.close();

    const reopened = await openCloudDatabase({ sqlitePath: path });
    try {
      expect((await statsOf(reopened, 'audit_log')).some((s) => s.startsWith('audit_log_at_idx 5000'))).toBe(true);
    } finally {
      await reopened.close();
    }
  });

  it('are refreshed on demand (the periodic run) without a restart', async () => {
    const db = await openCloudDatabase({ sqlitePath: join(dir, 'live.sqlite') });
    try {
      await migrateToLatest(db);
      await fillAuditLog(db, 3000);
      await db.optimize();
      expect((await statsOf(db, 'audit_log')).some((s) => s.startsWith('audit_log_at_idx 3000'))).toBe(true);
    } finally {
      await db.close();
    }
  });
});
