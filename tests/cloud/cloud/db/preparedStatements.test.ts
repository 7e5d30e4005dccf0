/**
 * Statements built once and run again with new values (src/cloud/db/preparedStatements.ts), on SQLite and
 * PostgreSQL: each call gets its own values' rows, an insert per set of columns, a conflict left out, and a builder that
 * does not pass an argument to the SQL as a value is refused when first compiled, a call with the wrong number of
 * arguments always.
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { insertRow, prepared } from '../../../../src/cloud/db/preparedStatements';
import type { Db } from '../../../../src/cloud/repositories/db';
import { DIALECTS, freshEnvPerTest, type CloudTestEnv } from '../../../support/cloud/harness';

describe.each(DIALECTS)('prepared statements (%s)', (dialect) => {
  let env: CloudTestEnv;
  freshEnvPerTest(dialect, (e) => (env = e));

  const namesOf = prepared((db: Db, siteId: string, phone: string) =>
    db.selectFrom('hosts').select(['name']).where('site_id', '=', siteId).where('phone', '=', phone).orderBy('name'),
  );

  it('runs the statement built once with each call’s values, in a transaction too', async () => {
    await env.createHost({ name: '王一', phone: '13800000001' });
    await env.createHost({ name: '王二', phone: '13800000002' });
    expect((await namesOf(env.kysely, env.siteId, '13800000001')).rows).toEqual([{ name: '王一' }]);
    expect((await namesOf(env.kysely, env.siteId, '13800000002')).rows).toEqual([{ name: '王二' }]);
    expect((await namesOf(env.kysely, 'another site', '13800000002')).rows).toEqual([]);
    // a hostile value stays a value
    expect((await namesOf(env.kysely, env.siteId, "' or '1'='1")).rows).toEqual([]);
    const inTrx = await env.kysely.transaction().execute((trx) => namesOf(trx, env.siteId, '13800000002'));
    expect(inTrx.rows).toEqual([{ name: '王二' }]);
  });

  it('inserts a row per set of columns given (undefined ones left out), and leaves out a conflicting one when asked', async () => {
    const row = (id: string, subject: string) => ({ id, at: '2026-11-22T02:00:00.000Z', actor: 'test', action: 'prepared', subject, detail: '{}' });
    await insertRow(env.kysely, 'audit_log', row('aud_1', 'a'));
    await insertRow(env.kysely, 'audit_log', row('aud_2', 'b'));
    expect(await env.kysely.selectFrom('audit_log').select(['id', 'subject']).where('action', '=', 'prepared').orderBy('id').execute()).toEqual([
      { id: 'aud_1', subject: 'a' },
      { id: 'aud_2', subject: 'b' },
    ]);
    await expect(insertRow(env.kysely, 'audit_log', row('aud_1', 'again'))).rejects.toThrow();
    const inserted = await insertRow(env.kysely, 'audit_log', row('aud_3', 'c'), 'id');
    expect(Number(inserted.numAffectedRows ?? 0)).toBe(1);
    await env.kysely.deleteFrom('audit_log').where('id', '=', 'aud_3').execute();
    const ignored = await insertRow(env.kysely, 'audit_log', row('aud_1', 'again'), 'id');
    expect(Number(ignored.numAffectedRows ?? 0)).toBe(0);
    const count = await sql<{ n: string | number }>`select count(*) as n from audit_log where action = 'prepared'`.execute(env.kysely);
    expect(Number(count.rows[0]!.n)).toBe(2);
    // a host without an office (undefined: the column left out, so null), then one with
    const host = (id: string, phone: string, office: string | undefined) => ({
      id,
      site_id: env.siteId,
      name: id,
      phone,
      department: 'R&D',
      office,
      can_receive_visitors: 1,
      created_at: '2026-11-22T02:00:00.000Z',
      updated_at: '2026-11-22T02:00:00.000Z',
      change_seq: 0,
    });
    await insertRow(env.kysely, 'hosts', host('h_prepared_1', '13800000008', undefined));
    await insertRow(env.kysely, 'hosts', host('h_prepared_2', '13800000009', '301'));
    const offices = await env.kysely.selectFrom('hosts').select(['id', 'office']).where('id', 'like', 'h_prepared_%').orderBy('id').execute();
    expect(offices).toEqual([
      { id: 'h_prepared_1', office: null },
      { id: 'h_prepared_2', office: '301' },
    ]);
  });

  it('refuses an expression where a row holds values', async () => {
    // the types already refuse it; a cast would not
    const row = { id: 'aud_x', at: sql<string>`current_timestamp` as unknown as string, actor: 'test', action: 'prepared', subject: 'x', detail: '{}' };
    await expect(insertRow(env.kysely, 'audit_log', row)).rejects.toThrow(/column at: an expression/);
  });

  it('refuses a builder that does not hand an argument to the SQL as a value', async () => {
    const looksInside = prepared((db: Db, name: string) => db.selectFrom('hosts').select('id').where('name', '=', `王${name.length}`));
    await expect(looksInside(env.kysely, '王一')).rejects.toThrow(/uses 0 of its 1 arguments/);
  });

  it('refuses a call with fewer or more arguments than its builder takes, whichever call came first', async () => {
    const byName = prepared((db: Db, name: string) => db.selectFrom('hosts').select('name').where('name', '=', name));
    const untyped = byName as unknown as (db: Db, ...args: unknown[]) => Promise<unknown>;
    await expect(untyped(env.kysely)).rejects.toThrow(/of 1 arguments called with 0/);
    await expect(untyped(env.kysely, 'a', 'b')).rejects.toThrow(/of 1 arguments called with 2/);
    await env.createHost({ name: '王一', phone: '13800000001' });
    expect((await byName(env.kysely, '王一')).rows).toEqual([{ name: '王一' }]);
  });
});

describe('prepared statements are PostgreSQL named statements', () => {
  let env: CloudTestEnv;
  freshEnvPerTest('postgres', (e) => (env = e));

  const phonesQuery = (db: Db, siteId: string, name: string) => db.selectFrom('hosts').select(['phone']).where('site_id', '=', siteId).where('name', '=', name);
  const phonesOf = prepared(phonesQuery);

  it('parses a prepared statement once per connection and sends any other text unnamed', async () => {
    await env.createHost({ name: '王一', phone: '13800000001' });
    const seen = await env.kysely.transaction().execute(async (trx) => {
      // one connection: the statement named at its first call, reused (the same values come back) at the next
      expect((await phonesOf(trx, env.siteId, '王一')).rows).toEqual([{ phone: '13800000001' }]);
      expect((await phonesOf(trx, env.siteId, '王二')).rows).toEqual([]);
      await trx.selectFrom('hosts').select('id').where('name', '=', '王一').execute();
      return (await sql<{ name: string; statement: string }>`select name, statement from pg_prepared_statements`.execute(trx)).rows;
    });
    const text = phonesQuery(env.kysely, '', '').compile().sql;
    const mine = seen.filter((s) => s.statement === text);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.name).toMatch(/^pd_[0-9a-f]{24}$/);
    // the plain select went unnamed: not kept
    expect(seen.filter((s) => s.statement.includes('select "id" from "hosts"'))).toEqual([]);
  });

  it('a connection whose prepared statement meets a changed table fails that statement once, then sends it unnamed', async () => {
    const host = await env.createHost({ name: '王一', phone: '13800000001' });
    const hostRow = prepared((db: Db, id: string) => db.selectFrom('hosts').selectAll().where('id', '=', id));
    const columns = await env.kysely.transaction().execute(async (trx) => {
      expect((await hostRow(trx, host.id)).rows).toHaveLength(1);
      // as a newer process's migration would, under this connection's prepared statement
      await sql`alter table hosts add column added_later text`.execute(trx);
      await sql`savepoint before_stale`.execute(trx);
      await expect(hostRow(trx, host.id)).rejects.toThrow(/cached plan must not change result type/);
      await sql`rollback to savepoint before_stale`.execute(trx);
      return Object.keys((await hostRow(trx, host.id)).rows[0] as Record<string, unknown>);
    });
    expect(columns).toContain('added_later');
  });
});
