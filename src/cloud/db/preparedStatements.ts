/**
 * Statements built and compiled once, run again with new values (issue 12). Kysely builds every query as a tree of
 * frozen nodes and compiles it to SQL at each call: 10–30 µs a statement here, on SQLite more than running it, and a
 * check-in runs about ten (10,000 of them when a kiosk drains its outbox). A hot path's statement is built once per
 * database (a Kysely instance and its transactions, which share its dialect's adapter) with placeholders standing for
 * its values; each call runs the compiled SQL with the call's values. The cloud uses no Kysely plugin: a plugin's
 * rewrite of a query would be fixed at its first compile (its result transforms still run on every call).
 *
 * `prepared((db, id: string, siteId: string) => db.selectFrom(…).where('id', '=', id)…)`: the builder is called once
 * with placeholders for its arguments, so it must pass them to Kysely as values and never look into them (no
 * `JSON.stringify(x)`, no `if (x)`); every argument must reach the SQL exactly as a value (checked when compiled), and
 * every call gives all of them (no optional or rest parameters: the builder's `length` is its arity).
 * `insertRow(db, table, row)`: an insert of one row, compiled once per table and set of columns given; `runKeyed` the
 * same for any statement whose shape depends on the call.
 */
import { sql, type Compilable, type CompiledQuery, type Insertable, type QueryResult, type RawBuilder } from 'kysely';
import type { CloudSchema } from './schema';
import type { Db } from '../repositories/db';
import { nameStatement } from './pgNamedStatements';

/** Stands for the `index`-th argument while a statement is built. */
class Placeholder {
  constructor(readonly index: number) {}
}

interface Plan {
  compiled: CompiledQuery;
  /** for each parameter of the SQL: the argument it takes, or a constant the builder gave */
  slots: readonly ({ arg: number } | { value: unknown })[];
}

/** Plans per database: a Kysely instance and its transactions share their dialect's adapter object. */
type Plans = WeakMap<object, Plan>;

function planOf(db: Db, plans: Plans, arity: number, build: (placeholders: readonly Placeholder[]) => Compilable): Plan {
  const adapter = db.getExecutor().adapter;
  let plan = plans.get(adapter);
  if (plan) return plan;
  const placeholders = Array.from({ length: arity }, (_, i) => new Placeholder(i));
  const compiled = build(placeholders).compile();
  const slots = compiled.parameters.map((p) => (p instanceof Placeholder ? { arg: p.index } : { value: p }));
  const used = new Set(slots.flatMap((s) => ('arg' in s ? [s.arg] : [])));
  if (used.size !== arity) throw new Error(`a prepared statement uses ${used.size} of its ${arity} arguments as values: ${compiled.sql}`);
  plan = { compiled, slots };
  plans.set(adapter, plan);
  // on PostgreSQL, sent as a named statement: parsed and planned once per connection
  nameStatement(compiled.sql);
  return plan;
}

function run<R>(db: Db, plan: Plan, args: readonly unknown[]): Promise<QueryResult<R>> {
  const parameters = plan.slots.map((s) => ('arg' in s ? args[s.arg] : s.value));
  return db.executeQuery<R>({ ...plan.compiled, parameters });
}

/** A statement built once (per dialect) by `build`, run with each call's arguments. */
export function prepared<A extends unknown[], R>(build: (db: Db, ...args: A) => Compilable<R>): (db: Db, ...args: A) => Promise<QueryResult<R>> {
  const plans: Plans = new WeakMap();
  // the builder's own parameters after `db` (none optional, none rest: `length` counts only those before a default)
  const arity = build.length - 1;
  // async: a builder refused when first compiled rejects, as a failed statement would
  return async (db, ...args) => {
    if (args.length !== arity) throw new Error(`a prepared statement of ${arity} arguments called with ${args.length}`);
    return run<R>(
      db,
      planOf(db, plans, arity, (ph) => build(db, ...(ph as unknown as A))),
      args,
    );
  };
}

/** Plans of statements known by a key (a table and its columns…): `runKeyed`. */
const keyedPlans = new Map<string, Plans>();

/**
 * Runs the statement known as `key` with `args`, built by `build` with placeholders the first time (per dialect): for
 * statements whose shape depends on the call (the columns of a row), one plan per shape, `key` naming the shape.
 */
export async function runKeyed<R>(
  db: Db,
  key: string,
  args: readonly unknown[],
  build: (placeholders: readonly unknown[]) => Compilable<R>,
): Promise<QueryResult<R>> {
  let plans = keyedPlans.get(key);
  if (!plans) keyedPlans.set(key, (plans = new WeakMap()));
  return run<R>(db, planOf(db, plans, args.length, build), args);
}

/** The columns of a row Kysely writes (it leaves out a column whose value is undefined), and their values. */
export function definedColumns(row: object): { columns: string[]; values: unknown[] } {
  const columns: string[] = [];
  const values: unknown[] = [];
  for (const [column, value] of Object.entries(row)) {
    if (value === undefined) continue;
    // an expression (sql`…`, a callback) is SQL, not a value: a plan would bind it as a parameter
    if (typeof value === 'function' || (typeof value === 'object' && value !== null && 'toOperationNode' in value)) {
      throw new Error(`column ${column}: an expression, not a value; write this statement with Kysely directly`);
    }
    columns.push(column);
    values.push(value);
  }
  return { columns, values };
}

/** Rows a statement of insertRows or updateRows takes: well under SQLite's and PostgreSQL's limits on a statement's parameters (a row here has at most 20 columns). */
const ROWS_PER_STATEMENT = 100;

/**
 * Rows of one table in as few statements as may be (a batch's deferred rows: commandReads.ts), in order;
 * `ignoreConflictOn` as insertRow's (a row repeating an earlier one of `rows` is left out too).
 */
export async function insertRows<T extends keyof CloudSchema>(
  db: Db,
  table: T,
  rows: readonly Insertable<CloudSchema[T]>[],
  ignoreConflictOn?: keyof CloudSchema[T] & string,
): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const insert = db.insertInto(table).values(rows.slice(i, i + ROWS_PER_STATEMENT));
    await (ignoreConflictOn === undefined ? insert : insert.onConflict((oc) => oc.column(ignoreConflictOn).doNothing())).execute();
  }
}

/**
 * Inserts one row; compiled once per table and set of columns (in the row's order). `ignoreConflictOn`: a row that
 * would repeat that unique column is left out (numAffectedRows 0; 1 for a row inserted).
 */
export async function insertRow<T extends keyof CloudSchema>(
  db: Db,
  table: T,
  row: Insertable<CloudSchema[T]>,
  ignoreConflictOn?: keyof CloudSchema[T] & string,
): Promise<QueryResult<unknown>> {
  const { columns, values } = definedColumns(row);
  return runKeyed(db, `insert ${table}(${columns.join(',')}) ${ignoreConflictOn ?? ''}`, values, (ph) => {
    const insert = db.insertInto(table).values(Object.fromEntries(columns.map((c, i) => [c, ph[i]])) as Insertable<CloudSchema[T]>);
    return ignoreConflictOn === undefined ? insert : insert.onConflict((oc) => oc.column(ignoreConflictOn).doNothing());
  });
}

/** A row `updateRows` writes: `set` where the `where` columns hold their values. */
export interface RowUpdate {
  where: Readonly<Record<string, unknown>>;
  set: Readonly<Record<string, unknown>>;
}

/**
 * Rows of one table updated together (a batch's held writes: commandReads.ts): one statement per hundred rows that
 * name the same columns, `with v(…) as (values (…), …) update t set c = v.c … from v where t.k = v.k …`, the same SQL
 * on SQLite (3.33 and later) and PostgreSQL. No two rows may give the same `where` values. Values are parameters; a
 * column holding a number in any row is cast to integer (PostgreSQL types the others as text: every column written
 * this way is text or integer); undefined, a boolean or a fraction is refused. Returns how many rows changed.
 */
export async function updateRows(db: Db, table: keyof CloudSchema, rows: readonly RowUpdate[]): Promise<number> {
  const groups = new Map<string, RowUpdate[]>();
  for (const r of rows) {
    const shape = `${Object.keys(r.where).sort().join(',')}|${Object.keys(r.set).sort().join(',')}`;
    const group = groups.get(shape);
    if (group) group.push(r);
    else groups.set(shape, [r]);
  }
  let changed = 0;
  for (const group of groups.values()) {
    for (let i = 0; i < group.length; i += ROWS_PER_STATEMENT) changed += await updateAlike(db, table, group.slice(i, i + ROWS_PER_STATEMENT));
  }
  return changed;
}

/** One statement updating `rows`, which name the same columns (updateRows). */
async function updateAlike(db: Db, table: string, rows: readonly RowUpdate[]): Promise<number> {
  const first = rows[0]!;
  const columns = [
    ...Object.keys(first.where).map((c) => ({ c, alias: `w_${c}`, of: 'where' as const })),
    ...Object.keys(first.set).map((c) => ({ c, alias: `s_${c}`, of: 'set' as const })),
  ];
  for (const r of rows) {
    for (const { c, of } of columns) {
      const v = r[of][c];
      // what the casts below would write otherwise than asked: refused
      if (v === undefined || typeof v === 'boolean' || (typeof v === 'number' && !Number.isSafeInteger(v))) {
        throw new Error(`updateRows ${table}.${c}: ${String(v)} is not a text, an integer or null`);
      }
    }
  }
  const integer = columns.map(({ c, of }) => rows.some((r) => typeof r[of][c] === 'number'));
  const value = (v: unknown, i: number): RawBuilder<unknown> => (integer[i] ? sql`cast(${v} as integer)` : sql`${v}`);
  const tuples = rows.map((r) => sql`(${sql.join(columns.map(({ c, of }, j) => value(r[of][c], j)))})`);
  const assignments = columns.filter((k) => k.of === 'set').map((k) => sql`${sql.id(k.c)} = v.${sql.id(k.alias)}`);
  const matches = columns.filter((k) => k.of === 'where').map((k) => sql`${sql.table(table)}.${sql.id(k.c)} = v.${sql.id(k.alias)}`);
  const result =
    await sql`with v (${sql.join(columns.map((k) => sql.id(k.alias)))}) as (values ${sql.join(tuples)}) update ${sql.table(table)} set ${sql.join(assignments)} from v where ${sql.join(matches, sql` and `)}`.execute(
      db,
    );
  return Number(result.numAffectedRows ?? 0);
}
