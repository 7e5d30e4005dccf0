/**
 * Issue 8, item 6: the cloud's SQL lives in src/cloud/repositories, none in its routes. A source scan of
 * src/cloud/routes for Kysely's query builders and raw sql`` templates.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROUTES = join(__dirname, '../../../../src/cloud/routes');
const QUERY = /\.\s*(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto)\s*\(|\bsql\s*(<[^>]*>)?\s*`|\bsql\.(raw|ref|id|lit|table|join)\s*\(/g;

/** Each query a source text holds, as `line: text`. */
function queriesIn(source: string): string[] {
  const found: string[] = [];
  source.split('\n').forEach((line, i) => {
    for (const m of line.matchAll(QUERY)) found.push(`${i + 1}: ${m[0]}`);
  });
  return found;
}

describe('cloud routes hold no SQL', () => {
  it('the scan finds each kind of query', () => {
    expect(queriesIn("await ctx.db.selectFrom('sites')")).toHaveLength(1);
    expect(queriesIn("trx\n  .insertInto('hosts')")).toHaveLength(1);
    expect(queriesIn("db.updateTable('a'); db.deleteFrom('b')")).toHaveLength(2);
    expect(queriesIn('await sql`select 1`.execute(db)')).toHaveLength(1);
    expect(queriesIn('sql<number>`select 1`')).toHaveLength(1);
    expect(queriesIn("import { listHosts } from '../repositories/hosts'; await listHosts(ctx.db);")).toEqual([]);
  });

  it('no file in src/cloud/routes calls selectFrom, insertInto, updateTable, deleteFrom or sql``', () => {
    const files = readdirSync(ROUTES).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(5);
    const offences = files.flatMap((f) => queriesIn(readFileSync(join(ROUTES, f), 'utf8')).map((q) => `src/cloud/routes/${f}:${q}`));
    expect(offences).toEqual([]);
  });
});
