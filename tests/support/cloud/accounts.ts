/** Staff accounts in tests: made with the admin token, signed in by password (src/cloud/routes/accounts.ts). */
import type { Account, AccountCreate, StaffSessionCreated } from '../../../src/shared/accounts';
import { ADMIN_TOKEN, type CloudTestEnv } from './harness';

export const STAFF_PASSWORD = 'correct horse battery';

export async function createAccount(env: CloudTestEnv, over: Partial<AccountCreate> & Pick<AccountCreate, 'phone' | 'roles'>): Promise<Account> {
  const res = await env.request('POST', '/admin/accounts', {
    token: ADMIN_TOKEN,
    body: { siteId: env.siteId, name: '审核员', password: STAFF_PASSWORD, ...over },
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
export async function staffSession(env: CloudTestEnv, over: Partial<AccountCreate> & Pick<AccountCreate, 'phone' | 'roles'>): Promise<string> {
  await createAccount(env, over);
  return staffSignIn(env, over.phone, over.password ?? STAFF_PASSWORD, over.siteId ?? env.siteId);
}
