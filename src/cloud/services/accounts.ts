/**
 * Staff accounts (issue 14 item 1): created by an administrator (or the create-admin command), listed with phones
 * masked, disabled (their sessions end), their sessions revoked, their password reset. A site administrator manages
 * the accounts of their own site; only the admin token or a super administrator (no site) makes super administrators.
 */
import type { Account, AccountCreate, AccountDepartment } from '../../shared/accounts';
import { maskPhone } from '../../shared/mask';
import { actorOf, type Principal } from '../auth';
import type { CloudContext } from '../context';
import type { AccountsTable } from '../db/schema';
import { badRequest, conflict, forbidden, notFound } from '../errors';
import { newId } from '../../platform/secrets';
import {
  accountWithPhoneExists,
  departmentIdsOfSite,
  departmentsOfAccounts,
  findAccount,
  findAccountsForSignIn,
  insertAccount,
  listAccounts,
  replaceReviewerDepartments,
  revokeAccountSessions,
  updateAccount,
} from '../repositories/accounts';
import { writeAudit } from '../repositories/audit';
import type { Db } from '../repositories/db';
import { findSiteTimezone } from '../repositories/sites';
import { rolesOf } from './accountRoles';
import { hashPassword } from './passwords';

export const ACCOUNT_NOT_FOUND = '没有这个账号 / no such account';

export function toAccount(row: AccountsTable, departments: readonly AccountDepartment[], now: Date): Account {
  return {
    id: row.id,
    siteId: row.site_id,
    name: row.name,
    phoneMasked: maskPhone(row.phone),
    roles: rolesOf(row),
    departments: [...departments],
    hasPassword: row.password_hash !== null,
    disabled: row.disabled !== 0,
    lockedUntil: row.locked_until !== null && row.locked_until > now.toISOString() ? row.locked_until : null,
    createdAt: row.created_at,
  };
}

/** The enabled account that signs in at the site with this phone (the site's own before a super administrator). */
export async function enabledAccountFor(ctx: CloudContext, siteId: string, phone: string): Promise<AccountsTable | undefined> {
  const enabled = (await findAccountsForSignIn(ctx.db, siteId, phone)).filter((a) => a.disabled === 0);
  return enabled.find((a) => a.site_id === siteId) ?? enabled[0];
}

/** The site an administrator is limited to: null for the admin token and super administrators (every site). */
export function adminSiteOf(p: Principal | undefined): string | null {
  return p?.kind === 'admin' && p.account ? p.account.siteId : null;
}

function assertMayManageSite(p: Principal | undefined, siteId: string | null): void {
  const own = adminSiteOf(p);
  if (own !== null && own !== siteId) throw forbidden('a site administrator manages the accounts of their own site only');
}

/**
 * Creates an account (by an administrator, or by the create-admin command with no principal: `by` undefined is the
 * bootstrap, which may make any account). Needs only the database and the clock.
 */
export async function createAccount(
  ctx: Pick<CloudContext, 'db' | 'now'>,
  by: Principal | undefined,
  input: AccountCreate & { departmentIds: string[] },
): Promise<Account> {
  const siteId = input.siteId ?? null;
  assertMayManageSite(by, siteId);
  if (siteId !== null && (await findSiteTimezone(ctx.db, siteId)) === undefined) throw notFound('site_unknown', 'no such site');
  const now = ctx.now();
  const departmentIds = input.roles.includes('reviewer') && siteId !== null ? [...new Set(input.departmentIds)] : [];
  await assertDepartmentsOfSite(ctx.db, siteId, departmentIds);
  const passwordHash = input.password !== undefined ? await hashPassword(input.password) : null;
  const row: AccountsTable = {
    id: newId('acc'),
    site_id: siteId,
    name: input.name,
    phone: input.phone,
    password_hash: passwordHash,
    roles: JSON.stringify([...new Set(input.roles)]),
    disabled: 0,
    failed_attempts: 0,
    locked_until: null,
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
  };
  await ctx.db.transaction().execute(async (trx) => {
    if (await accountWithPhoneExists(trx, siteId, input.phone))
      throw conflict('account_phone_taken', '该手机号已有账号 / an account with this phone exists here');
    await assertDepartmentsOfSite(trx, siteId, departmentIds); // none removed meanwhile (the references hold it after)
    await insertAccount(trx, row, departmentIds);
    await writeAudit(trx, {
      at: now,
      actor: by === undefined ? 'create-admin' : actorOf(by),
      action: 'account.create',
      subject: row.id,
      detail: { siteId, roles: input.roles, phone: maskPhone(input.phone) },
    });
  });
  return toAccount(row, (await departmentsOfAccounts(ctx.db, [row.id])).get(row.id) ?? [], now);
}

/**
 * 400 department_unknown, naming the field, unless every id is a department of the site (a removed one, another
 * site's, or one that never was, alike).
 */
async function assertDepartmentsOfSite(db: Db, siteId: string | null, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const known = siteId === null ? new Set<string>() : await departmentIdsOfSite(db, siteId, ids);
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw badRequest('department_unknown', `该站点没有这些部门 / no such department at this site: ${unknown.join(', ')}`, {
      issues: [{ path: 'body/departmentIds', message: '该站点没有此部门 / no such department at this site' }],
      departmentIds: unknown,
    });
  }
}

/** Replaces a reviewer's departments (ids of the account's site's departments). */
export async function setAccountDepartments(ctx: CloudContext, by: Principal | undefined, id: string, departmentIds: readonly string[]): Promise<Account> {
  const row = await managedAccount(ctx, by, id);
  if (!rolesOf(row).includes('reviewer')) throw conflict('account_not_reviewer', '该账号不是审核人员 / this account is not a reviewer');
  const ids = [...new Set(departmentIds)];
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await assertDepartmentsOfSite(trx, row.site_id, ids);
    await replaceReviewerDepartments(trx, id, ids);
    await updateAccount(trx, id, { updated_at: now.toISOString() });
    await writeAudit(trx, { at: now, actor: actorOf(by), action: 'account.departments', subject: id, detail: { departmentIds: ids } });
  });
  return viewOf(ctx, id);
}

export async function accountsOf(ctx: CloudContext, by: Principal | undefined, siteId: string | undefined): Promise<Account[]> {
  const scope = adminSiteOf(by) ?? siteId;
  const rows = await listAccounts(ctx.db, scope);
  const departments = await departmentsOfAccounts(
    ctx.db,
    rows.map((r) => r.id),
  );
  const now = ctx.now();
  return rows.map((r) => toAccount(r, departments.get(r.id) ?? [], now));
}

async function managedAccount(ctx: CloudContext, by: Principal | undefined, id: string): Promise<AccountsTable> {
  const row = await findAccount(ctx.db, id);
  if (!row) throw notFound('account_not_found', ACCOUNT_NOT_FOUND);
  const own = adminSiteOf(by);
  if (own !== null && row.site_id !== own) throw notFound('account_not_found', ACCOUNT_NOT_FOUND);
  return row;
}

async function viewOf(ctx: CloudContext, id: string): Promise<Account> {
  const row = await findAccount(ctx.db, id);
  if (!row) throw notFound('account_not_found', ACCOUNT_NOT_FOUND);
  return toAccount(row, (await departmentsOfAccounts(ctx.db, [id])).get(id) ?? [], ctx.now());
}

/** Disables an account and ends its sessions (one cannot disable oneself). */
export async function disableAccount(ctx: CloudContext, by: Principal | undefined, id: string): Promise<Account> {
  const row = await managedAccount(ctx, by, id);
  if (by?.kind === 'admin' && by.account?.id === row.id) throw conflict('account_self', '不能停用自己的账号 / you cannot disable your own account');
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await updateAccount(trx, id, { disabled: 1, updated_at: now.toISOString() });
    const ended = await revokeAccountSessions(trx, id, now.toISOString());
    await writeAudit(trx, { at: now, actor: actorOf(by), action: 'account.disable', subject: id, detail: { sessionsEnded: ended } });
  });
  return viewOf(ctx, id);
}

/** Ends every live session of an account; how many. */
export async function revokeSessionsOf(ctx: CloudContext, by: Principal | undefined, id: string): Promise<number> {
  await managedAccount(ctx, by, id);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const revoked = await revokeAccountSessions(trx, id, now.toISOString());
    await writeAudit(trx, { at: now, actor: actorOf(by), action: 'account.sessions_revoked', subject: id, detail: { revoked } });
    return revoked;
  });
}

/** Sets a new password: the wrong-password count and lock are cleared, the account's sessions end. */
export async function resetPassword(ctx: CloudContext, by: Principal | undefined, id: string, password: string): Promise<Account> {
  await managedAccount(ctx, by, id);
  const now = ctx.now();
  const passwordHash = await hashPassword(password);
  await ctx.db.transaction().execute(async (trx) => {
    await updateAccount(trx, id, { password_hash: passwordHash, failed_attempts: 0, locked_until: null, updated_at: now.toISOString() });
    await revokeAccountSessions(trx, id, now.toISOString());
    await writeAudit(trx, { at: now, actor: actorOf(by), action: 'account.password_reset', subject: id });
  });
  return viewOf(ctx, id);
}
