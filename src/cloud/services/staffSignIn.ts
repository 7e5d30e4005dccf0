/**
 * Staff sign-in (issue 14 item 1): by password, or by the one-time code sent to the phone (the sign-in service's
 * audience 'staff'). Wrong passwords are counted per account: the MAX_WRONG_PASSWORDS-th locks it for LOCK_MINUTES
 * (a right password then is refused too, 429 account_locked); a right one clears the count. An unknown phone, a
 * disabled account and a wrong password are the same 401, after the same argon2 work.
 */
import { maskPhone } from '../../shared/mask';
import type { StaffSessionCreate, StaffSessionCreated } from '../../shared/accounts';
import type { CloudContext } from '../context';
import type { AccountsTable } from '../db/schema';
import { HttpError } from '../errors';
import { countWrongPassword, departmentsOfAccounts, findAccount, updateAccount } from '../repositories/accounts';
import { writeAudit } from '../repositories/audit';
import { enabledAccountFor, toAccount } from './accounts';
import { passwordMatches } from './passwords';
import { openSession } from './sessions';
import { useCode } from './signIn';

export const MAX_WRONG_PASSWORDS = 5;
export const LOCK_MINUTES = 15;

const signInFailed = () => new HttpError(401, 'sign_in_failed', '手机号或密码错误 / wrong phone or password');
const locked = (until: string) =>
  new HttpError(429, 'account_locked', '密码错误次数过多，账号已暂时锁定 / too many wrong passwords: the account is locked for a while', {
    lockedUntil: until,
  });

async function checkPassword(ctx: CloudContext, account: AccountsTable | undefined, password: string): Promise<AccountsTable> {
  const nowIso = ctx.now().toISOString();
  if (account?.locked_until != null && account.locked_until > nowIso) throw locked(account.locked_until);
  const ok = await passwordMatches(account?.password_hash ?? null, password);
  if (!account) throw signInFailed();
  if (!ok) {
    // counted atomically; the count is not reset at the lock, so guesses sent at once all count and each one at or
    // past the limit (re)locks the account; once a lock has run out, counting starts again
    if (account.locked_until !== null) await updateAccount(ctx.db, account.id, { failed_attempts: 0, locked_until: null });
    const count = await countWrongPassword(ctx.db, account.id);
    if (count >= MAX_WRONG_PASSWORDS) {
      const until = new Date(ctx.now().getTime() + LOCK_MINUTES * 60_000).toISOString();
      await updateAccount(ctx.db, account.id, { locked_until: until });
      await writeAudit(ctx.db, { at: ctx.now(), actor: 'public', action: 'account.locked', subject: account.id, detail: { until } });
      throw locked(until);
    }
    throw signInFailed();
  }
  // the right password, checked against the account as it is now (a guess in flight beside it may have locked it)
  const fresh = await findAccount(ctx.db, account.id);
  if (!fresh) throw signInFailed();
  if (fresh.locked_until !== null && fresh.locked_until > nowIso) throw locked(fresh.locked_until);
  if (fresh.failed_attempts !== 0 || fresh.locked_until !== null) await updateAccount(ctx.db, account.id, { failed_attempts: 0, locked_until: null });
  return fresh;
}

/** A staff session, by password or by phone code. */
export async function signInStaff(ctx: CloudContext, input: StaffSessionCreate): Promise<StaffSessionCreated> {
  const phone = input.phone;
  let account: AccountsTable | undefined;
  if ('password' in input) {
    account = await checkPassword(ctx, await enabledAccountFor(ctx, input.siteId, phone), input.password);
  } else {
    await useCode(ctx, { siteId: input.siteId, phone, audience: 'staff', code: input.code });
    account = await enabledAccountFor(ctx, input.siteId, phone);
    if (!account) throw signInFailed();
  }
  const signedIn = account;
  const now = ctx.now();
  const method = 'password' in input ? 'password' : 'code';
  const { row, token } = await ctx.db.transaction().execute(async (trx) => {
    const opened = await openSession(trx, { siteId: input.siteId, kind: 'staff', phone, hostId: null, accountId: signedIn.id, now });
    await writeAudit(trx, {
      at: now,
      actor: `account:${signedIn.id}`,
      action: 'auth.staff_session_created',
      subject: opened.row.id,
      detail: { method, phone: maskPhone(phone) },
    });
    return opened;
  });
  const departments = (await departmentsOfAccounts(ctx.db, [signedIn.id])).get(signedIn.id) ?? [];
  return { token, expiresAt: row.expires_at, account: toAccount(signedIn, departments, now) };
}
