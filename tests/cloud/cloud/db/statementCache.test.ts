import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect, sql, type Generated } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { keepingStatements } from '../../../../src/cloud/db/statementCache';

describe('keepingStatements', () => {
  const opened: SqliteDatabase.Database[] = [];
  const open = () => {
    const db = new SqliteDatabase(':memory:');
    opened.push(db);
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)');
    return db;
  };
  afterEach(() => {
    for (const db of opened.splice(0)) if (db.open) db.close();
  });

  it('gives the same prepared statement for the same text and prepares another text anew', () => {
    const kept = keepingStatements(open());
    const a = kept.prepare('SELECT id FROM t');
    expect(kept.prepare('SELECT id FROM t')).toBe(a);
    expect(kept.prepare('SELECT name FROM t')).not.toBe(a);
    expect(kept.kept).toBe(2);
  });

  it('keeps at most its limit, dropping the least recently used', () => {
    const kept = keepingStatements(open(), 2);
    const first = kept.prepare('SELECT 1');
    kept.prepare('SELECT 2');
    expect(kept.prepare('SELECT 1')).toBe(first); // used again: now the most recent
    kept.prepare('SELECT 3'); // drops SELECT 2
    expect(kept.kept).toBe(2);
    expect(kept.prepare('SELECT 1')).toBe(first);
  });

  it('a kept SELECT * sees a column a migration added after it was prepared', () => {
    const kept = keepingStatements(open());
    kept.prepare("INSERT INTO t (name) VALUES ('王芳')").run([]);
    expect(kept.prepare('SELECT * FROM t').all([])).toEqual([{ id: 1, name: '王芳' }]);
    kept.prepare("ALTER TABLE t ADD COLUMN unit TEXT DEFAULT '甲公司'").run([]);
    expect(kept.prepare('SELECT * FROM t').all([])).toEqual([{ id: 1, name: '王芳', unit: '甲公司' }]);
  });

  it('runs Kysely queries, transactions and a failed statement without losing the connection', async () => {
    const db = open();
    const kysely = new Kysely<{ t: { id: Generated<number>; name: string | null } }>({ dialect: new SqliteDialect({ database: keepingStatements(db) }) });
    for (let i = 0; i < 3; i++)
      await kysely
        .insertInto('t')
        .values({ name: `n${i}` })
        .execute();
    await expect(kysely.insertInto('t').values({ id: 1, name: 'duplicate' }).execute()).rejects.toThrow(/UNIQUE/);
    await kysely.transaction().execute(async (trx) => {
      await trx.updateTable('t').set({ name: 'changed' }).where('id', '=', 2).execute();
    });
    const rows = await kysely.selectFrom('t').select(['id', 'name']).orderBy('id').execute();
    expect(rows.map((r) => r.name)).toEqual(['n0', 'changed', 'n2']);
    expect((await sql<{ n: number }>`SELECT count(*) AS n FROM t`.execute(kysely)).rows[0]?.n).toBe(3);
    await kysely.destroy();
    expect(db.open).toBe(false);
  });
});
