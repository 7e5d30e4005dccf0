/**
 * A reviewer's departments by department id (issue 14 item 1, seed 004): reviewer_departments (account, department
 * id, referencing departments) replaces account_departments (account, department name), so a renamed department keeps
 * its reviewers and a reviewer cannot name a department the site does not have. The names stored so far are carried
 * over: each becomes its site's department of that name (added when the site had none, as the hosts name departments
 * by text). Dialect-neutral.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';

interface Tables {
  accounts: { id: string; site_id: string | null };
  departments: { id: string; site_id: string; name: string };
  account_departments: { account_id: string; department: string };
  reviewer_departments: { account_id: string; department_id: string };
}

export async function up(untyped: Kysely<unknown>): Promise<void> {
  const db = untyped as Kysely<Tables>;
  await db.schema
    .createTable('reviewer_departments')
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('department_id', 'text', (c) => c.notNull().references('departments.id'))
    .addPrimaryKeyConstraint('reviewer_departments_pk', ['account_id', 'department_id'])
    .execute();
  // the department's reviewers (a rename or a removal looks them up by department)
  await db.schema.createIndex('reviewer_departments_department_idx').on('reviewer_departments').column('department_id').execute();

  const named = await db
    .selectFrom('account_departments')
    .innerJoin('accounts', 'accounts.id', 'account_departments.account_id')
    .select(['account_departments.account_id', 'account_departments.department', 'accounts.site_id'])
    .orderBy('account_departments.account_id')
    .orderBy('account_departments.department')
    .execute();
  for (const row of named) {
    if (row.site_id === null) continue; // only an administrator may be of every site, and has no departments
    let dept = await db.selectFrom('departments').select('id').where('site_id', '=', row.site_id).where('name', '=', row.department).executeTakeFirst();
    if (!dept) {
      dept = { id: `dep_${randomBytes(12).toString('hex')}` };
      await db.insertInto('departments').values({ id: dept.id, site_id: row.site_id, name: row.department }).execute();
    }
    await db.insertInto('reviewer_departments').values({ account_id: row.account_id, department_id: dept.id }).execute();
  }
  await db.schema.dropTable('account_departments').execute();
}

export async function down(untyped: Kysely<unknown>): Promise<void> {
  const db = untyped as Kysely<Tables>;
  await db.schema
    .createTable('account_departments')
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('department', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('account_departments_pk', ['account_id', 'department'])
    .execute();
  const rows = await db
    .selectFrom('reviewer_departments')
    .innerJoin('departments', 'departments.id', 'reviewer_departments.department_id')
    .select(['reviewer_departments.account_id', 'departments.name'])
    .execute();
  for (const r of rows) await db.insertInto('account_departments').values({ account_id: r.account_id, department: r.name }).execute();
  await db.schema.dropTable('reviewer_departments').execute();
}
