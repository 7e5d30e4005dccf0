/** SQL on accounts and reviewer_departments: staff accounts, their departments (by id), their wrong passwords and lock. */
import type { AccountDepartment } from '../../shared/accounts';
import type { AccountsTable } from '../db/schema';
import type { Db } from './db';

export async function insertAccount(db: Db, row: AccountsTable, departmentIds: readonly string[]): Promise<void> {
  await db.insertInto('accounts').values(row).execute();
  await insertReviewerDepartments(db, row.id, departmentIds);
}

async function insertReviewerDepartments(db: Db, accountId: string, departmentIds: readonly string[]): Promise<void> {
  if (departmentIds.length === 0) return;
  await db
    .insertInto('reviewer_departments')
    .values(departmentIds.map((department_id) => ({ account_id: accountId, department_id })))
    .execute();
}

/** Replaces a reviewer's departments. */
export async function replaceReviewerDepartments(db: Db, accountId: string, departmentIds: readonly string[]): Promise<void> {
  await db.deleteFrom('reviewer_departments').where('account_id', '=', accountId).execute();
  await insertReviewerDepartments(db, accountId, departmentIds);
}

/** Which of these ids are departments of the site. */
export async function departmentIdsOfSite(db: Db, siteId: string, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('departments').select('id').where('site_id', '=', siteId).where('id', 'in', ids).execute();
  return new Set(rows.map((r) => r.id));
}

export async function findAccount(db: Db, id: string): Promise<AccountsTable | undefined> {
  return db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The accounts that sign in at a site with this phone: the site's own, then super administrators (site_id null). */
export async function findAccountsForSignIn(db: Db, siteId: string, phone: string): Promise<AccountsTable[]> {
  return db
    .selectFrom('accounts')
    .selectAll()
    .where('phone', '=', phone)
    .where((eb) => eb.or([eb('site_id', '=', siteId), eb('site_id', 'is', null)]))
    .orderBy('created_at')
    .execute();
}

/** A site's accounts (every account when no site is named), by name. */
export async function listAccounts(db: Db, siteId: string | undefined): Promise<AccountsTable[]> {
  let q = db.selectFrom('accounts').selectAll();
  if (siteId !== undefined) q = q.where('site_id', '=', siteId);
  return q.orderBy('name').orderBy('id').limit(1000).execute();
}

export async function accountWithPhoneExists(db: Db, siteId: string | null, phone: string): Promise<boolean> {
  const q = db.selectFrom('accounts').select('id').where('phone', '=', phone);
  const row = await (siteId === null ? q.where('site_id', 'is', null) : q.where('site_id', '=', siteId)).executeTakeFirst();
  return row !== undefined;
}

/** The departments of accounts (id and current name, by name), by account id. */
export async function departmentsOfAccounts(db: Db, ids: readonly string[]): Promise<Map<string, AccountDepartment[]>> {
  const out = new Map<string, AccountDepartment[]>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('reviewer_departments')
    .innerJoin('departments', 'departments.id', 'reviewer_departments.department_id')
    .select(['reviewer_departments.account_id', 'departments.id', 'departments.name'])
    .where('reviewer_departments.account_id', 'in', ids)
    .orderBy('departments.name')
    .orderBy('departments.id')
    .execute();
  for (const r of rows) out.set(r.account_id, [...(out.get(r.account_id) ?? []), { id: r.id, name: r.name }]);
  return out;
}

export async function updateAccount(
  db: Db,
  id: string,
  set: Partial<Pick<AccountsTable, 'password_hash' | 'disabled' | 'failed_attempts' | 'locked_until' | 'updated_at'>>,
): Promise<boolean> {
  const res = await db.updateTable('accounts').set(set).where('id', '=', id).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Counts one wrong password; returns the count after it. */
export async function countWrongPassword(db: Db, id: string): Promise<number> {
  await db
    .updateTable('accounts')
    .set((eb) => ({ failed_attempts: eb(eb.ref('failed_attempts'), '+', 1) }))
    .where('id', '=', id)
    .execute();
  const row = await db.selectFrom('accounts').select('failed_attempts').where('id', '=', id).executeTakeFirstOrThrow();
  return row.failed_attempts;
}

/** Revokes every live (unexpired, unrevoked) session of an account; returns how many. */
export async function revokeAccountSessions(db: Db, accountId: string, at: string): Promise<number> {
  const res = await db
    .updateTable('sessions')
    .set({ revoked_at: at })
    .where('account_id', '=', accountId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', at)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** The hosts of a site in any of these departments. */
export async function listHostIdsOfDepartments(db: Db, siteId: string, departments: readonly string[]): Promise<string[]> {
  if (departments.length === 0) return [];
  const rows = await db.selectFrom('hosts').select('id').where('site_id', '=', siteId).where('department', 'in', departments).execute();
  return rows.map((r) => r.id);
}
