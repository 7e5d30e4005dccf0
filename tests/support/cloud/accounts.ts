/** Staff accounts in tests: made with the admin token, signed in by password (src/cloud/routes/accounts.ts). */
import type { Account, AccountCreate, StaffSessionCreated } from '../../../src/shared/accounts';
import type { DepartmentList } from '../../../src/shared/peopleAdmin';
import { ADMIN_TOKEN, type CloudTestEnv } from './harness';

export const STAFF_PASSWORD = 'correct horse battery';

/** A test's account: as AccountCreate, or a reviewer's departments by name (each the site's, added when missing). */
export type TestAccount = Partial<AccountCreate> & Pick<AccountCreate, 'phone' | 'roles'> & { departments?: string[] };

/** The ids of the site's departments of these names, each added (POST /admin/departments) when the site lacks it. */
export async function departmentIds(env: CloudTestEnv, names: readonly string[], siteId = env.siteId): Promise<string[]> {
  const listed = await env.request('GET', `/admin/departments?siteId=${siteId}`, { token: ADMIN_TOKEN });
  const known = listed.json<DepartmentList>().departments;
  const ids: string[] = [];
  for (const name of names) {
    const found = known.find((d) => d.name === name);
    if (found) {
      ids.push(found.id);
      continue;
    }
    const made = await env.request('POST', '/admin/departments', { token: ADMIN_TOKEN, body: { siteId, name } });
    if (made.statusCode !== 201) throw new Error(`department: ${made.statusCode} ${made.body}`);
    ids.push(made.json<{ id: string }>().id);
  }
  return ids;
}

export async function createAccount(env: CloudTestEnv, account: TestAccount): Promise<Account> {
  const { departments, ...over } = account;
  const siteId = over.siteId ?? env.siteId;
  const ids = departments ? { departmentIds: await departmentIds(env, departments, siteId) } : {};
  const res = await env.request('POST', '/admin/accounts', {
    token: ADMIN_TOKEN,
    body: { siteId: env.siteId, name: '审核员', password: STAFF_PASSWORD, ...over, ...ids },
  });
  if (res.statusCode !== 201) throw new Error(`account: ${res.statusCode} ${res.body}`);
  return res.json<Account>();
}

/** A staff session's bearer, by password. */
export async function staffSignIn(env: CloudTestEnv, phone: string, password = STAFF_PASSWORD, siteId = env.siteId): Promise<string> {
  const res = await env.request('POST', '/auth/staff/sessions', { body: { siteId, phone, password } });
  if (res.statusCode !== 201) throw new Error(`staff sign-in: ${res.statusCode} ${res.body}`);
  return res.json<StaffSessionCreated>().token;
}

/** An account with these roles, signed in: its bearer. */
export async function staffSession(env: CloudTestEnv, over: TestAccount): Promise<string> {
  await createAccount(env, over);
  return staffSignIn(env, over.phone, over.password ?? STAFF_PASSWORD, over.siteId ?? env.siteId);
}
