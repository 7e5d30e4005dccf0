/**
 * The principal of a staff account's session: a site administrator is the admin principal (limited to their site, or
 * every site for a super administrator); a reviewer or records viewer is the staff principal with those roles and a
 * reviewer's departments. A disabled or deleted account's session is refused (401 session_revoked).
 */
import type { Principal } from '../auth';
import type { CloudContext } from '../context';
import { HttpError } from '../errors';
import { departmentsOfAccounts, findAccount } from '../repositories/accounts';
import { rolesOf } from './accountRoles';

export async function principalOfAccount(ctx: CloudContext, accountId: string | null, sessionId: string): Promise<Principal> {
  const account = accountId !== null ? await findAccount(ctx.db, accountId) : undefined;
  if (!account || account.disabled !== 0) throw new HttpError(401, 'session_revoked', 'this account was disabled; its sessions ended');
  const roles = rolesOf(account);
  if (roles.includes('site_admin')) return { kind: 'admin', account: { id: account.id, siteId: account.site_id, sessionId } };
  // the departments' names as they are now (hosts name their department by text; a rename renames them too)
  const departments = roles.includes('reviewer') ? ((await departmentsOfAccounts(ctx.db, [account.id])).get(account.id) ?? []).map((d) => d.name) : [];
  return {
    kind: 'staff',
    accountId: account.id,
    // only a site administrator may be of every site (AccountCreate), so a reviewer or viewer always has one
    siteId: account.site_id ?? '',
    roles: roles.filter((r) => r !== 'site_admin'),
    departments,
    sessionId,
  };
}
