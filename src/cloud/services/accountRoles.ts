/** An account's roles, as stored (a JSON array in accounts.roles); anything unknown in it is dropped. */
import { AccountRole } from '../../shared/accounts';
import type { AccountsTable } from '../db/schema';

export function rolesOf(row: Pick<AccountsTable, 'roles'>): AccountRole[] {
  const parsed = AccountRole.array().safeParse(JSON.parse(row.roles));
  return parsed.success ? parsed.data : [];
}
