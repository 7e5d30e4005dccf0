/** The staff account calls of the admin screen (src/cloud/routes/accounts.ts). */
import { Account, AccountList, SessionsRevoked, type AccountCreate } from '../../../shared/accounts';
import { DepartmentList } from '../../../shared/peopleAdmin';
import { call } from '../../api/client';

const one = (id: string) => `/admin/accounts/${encodeURIComponent(id)}`;

/** the accounts an administrator may see; a site's only when siteId is given */
export const listAccounts = (token: string, siteId?: string) =>
  call(AccountList, 'GET', siteId ? `/admin/accounts?siteId=${encodeURIComponent(siteId)}` : '/admin/accounts', { token });

export const createAccount = (token: string, body: AccountCreate) => call(Account, 'POST', '/admin/accounts', { token, body });

export const disableAccount = (token: string, id: string) => call(Account, 'POST', `${one(id)}/disable`, { token });

export const revokeAccountSessions = (token: string, id: string) => call(SessionsRevoked, 'POST', `${one(id)}/sessions/revoke`, { token });

export const setAccountPassword = (token: string, id: string, password: string) => call(Account, 'POST', `${one(id)}/password`, { token, body: { password } });

/** the site's departments a reviewer may be given (the site named, or the only one) */
export const listSiteDepartments = (token: string, siteId?: string) =>
  call(DepartmentList, 'GET', siteId ? `/admin/departments?siteId=${encodeURIComponent(siteId)}` : '/admin/departments', { token });

export const setAccountDepartments = (token: string, id: string, departmentIds: string[]) =>
  call(Account, 'POST', `${one(id)}/departments`, { token, body: { departmentIds } });
