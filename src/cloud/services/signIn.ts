/**
 * Signing in with a phone and a one-time code (issue 13 items 2 and 3). A code is 6 random digits, stored as a
 * SHA-256 of its id and digits, valid CODE_TTL_SECONDS, dead once used, replaced by a newer one, or after
 * MAX_CODE_ATTEMPTS wrong tries. A request for a code gets the same 202 whatever the phone: a host's code is sent only
 * when the phone is in the site's host directory (otherwise an audit entry), so the reply tells nobody who is in it.
 * The routes count requests per phone and per address (services/rateLimits.ts) before any of this runs.
 */
import { randomInt } from 'node:crypto';
import { maskPhone, redactText } from '../../shared/mask';
import type { SessionCreate, SessionCreated, SignInAudience, SignInCodeReceipt } from '../../shared/signIn';
import type { CloudContext } from '../context';
import { badRequest, HttpError } from '../errors';
import { newId, sameSecret, sha256Hex } from '../../platform/secrets';
import { writeAudit } from '../repositories/audit';
import { listHostsOfSiteByPhone } from '../repositories/hosts';
import type { Db } from '../repositories/db';
import { countWrongAttempt, endLiveSignInCodes, findLiveSignInCode, insertSignInCode, purgeSignInCodes, useSignInCode } from '../repositories/signInCodes';
import { currentPrivacyNotice, isCurrentVersion, recordPrivacyAcceptance } from './privacyNotice';
import { openSession } from './sessions';
import { enabledAccountFor } from './accounts';

export const CODE_TTL_SECONDS = 300;
export const MAX_CODE_ATTEMPTS = 5;
const KEEP_EXPIRED_MS = 24 * 3600_000;

/** Deletes the codes expired KEEP_EXPIRED_MS before `now`, in one statement (the sweep job, sweepJob.ts); how many. */
export async function purgeExpiredSignInCodes(db: Db, now: Date): Promise<number> {
  return purgeSignInCodes(db, new Date(now.getTime() - KEEP_EXPIRED_MS).toISOString());
}

export const CODE_SENT_MESSAGE = '如该手机号可以登录，验证码已发送，5 分钟内有效 / if this phone may sign in, a code was sent; it is valid for 5 minutes';

const codeHash = (id: string, code: string): string => sha256Hex(`${id}:${code}`);
const codeKey = (siteId: string, phone: string, audience: SignInAudience) => ({ site_id: siteId, phone_hash: sha256Hex(phone), audience });

/** Anyone may get a visitor's code; a host's only when enabled in the directory, staff's only for an enabled account. */
async function mayReceiveCode(ctx: CloudContext, input: { siteId: string; phone: string; audience: SignInAudience }): Promise<boolean> {
  if (input.audience === 'visitor') return true;
  if (input.audience === 'staff') return (await enabledAccountFor(ctx, input.siteId, input.phone)) !== undefined;
  return (await enabledHostsByPhone(ctx, input.siteId, input.phone)).length > 0;
}

const enabledHostsByPhone = async (ctx: CloudContext, siteId: string, phone: string) =>
  (await listHostsOfSiteByPhone(ctx.db, siteId, phone)).filter((h) => h.disabled !== 1);

/** Sends a code to the phone (a host's only when the phone is in the site's directory); the same receipt either way. */
export async function requestSignInCode(ctx: CloudContext, input: { siteId: string; phone: string; audience: SignInAudience }): Promise<SignInCodeReceipt> {
  const privacyNotice = await currentPrivacyNotice(ctx.db, input.siteId); // 404 site_unknown for no such site
  const now = ctx.now();
  const receipt: SignInCodeReceipt = { accepted: true, expiresInSeconds: CODE_TTL_SECONDS, message: CODE_SENT_MESSAGE, privacyNotice };
  if (!(await mayReceiveCode(ctx, input))) {
    const action = input.audience === 'host' ? 'auth.code_host_unknown' : 'auth.code_staff_unknown';
    await writeAudit(ctx.db, { at: now, actor: 'public', action, subject: input.siteId, detail: { phone: maskPhone(input.phone) } });
    return receipt;
  }
  const code = String(randomInt(1_000_000)).padStart(6, '0');
  const id = newId('sic');
  const key = codeKey(input.siteId, input.phone, input.audience);
  await ctx.db.transaction().execute(async (trx) => {
    await purgeExpiredSignInCodes(trx, now);
    await endLiveSignInCodes(trx, key, now.toISOString());
    await insertSignInCode(trx, {
      id,
      ...key,
      code_hash: codeHash(id, code),
      attempts: 0,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + CODE_TTL_SECONDS * 1000).toISOString(),
      used_at: null,
    });
  });
  // sent without waiting: a slow or failing SMS provider must not tell a host's phone from a stranger's (same 202, at
  // about the same time); a code that could not be sent is audited (phone masked) and the visitor asks again
  void ctx.signInCodeSender.send(input.siteId, input.phone, code).catch(async (err: unknown) => {
    const reason = redactText(err instanceof Error ? err.message : String(err)).slice(0, 200);
    await writeAudit(ctx.db, {
      at: ctx.now(),
      actor: 'public',
      action: 'auth.code_not_sent',
      subject: input.siteId,
      detail: { phone: maskPhone(input.phone), reason },
    }).catch(() => undefined);
  });
  return receipt;
}

const codeInvalid = (attemptsLeft?: number) =>
  new HttpError(
    422,
    'code_invalid',
    '验证码错误或已失效，请重新获取 / the code is wrong, used or expired: ask for a new one',
    attemptsLeft !== undefined ? { attemptsLeft } : undefined,
  );

/**
 * Uses the phone's live code when `code` is it; a wrong code counts an attempt (the fifth kills the code). No live
 * code (never sent, expired, used, killed) and a wrong code are the same 422 code_invalid.
 */
export async function useCode(ctx: CloudContext, input: { siteId: string; phone: string; audience: SignInAudience; code: string }): Promise<void> {
  const nowIso = ctx.now().toISOString();
  const live = await findLiveSignInCode(ctx.db, codeKey(input.siteId, input.phone, input.audience), nowIso, MAX_CODE_ATTEMPTS);
  if (!live) throw codeInvalid();
  if (!sameSecret(codeHash(live.id, input.code), live.code_hash)) {
    const counted = await countWrongAttempt(ctx.db, live.id, MAX_CODE_ATTEMPTS);
    throw codeInvalid(counted ? Math.max(0, MAX_CODE_ATTEMPTS - live.attempts - 1) : 0);
  }
  if (!(await useSignInCode(ctx.db, live.id, nowIso))) throw codeInvalid();
}

/**
 * A session for the phone whose code this is. A visitor accepts the site's privacy notice with it (the version they
 * were shown, one of the current ones: checked before the code is used); a host must still be in the directory.
 */
export async function createSession(ctx: CloudContext, input: SessionCreate): Promise<SessionCreated> {
  const notice = input.audience === 'visitor' ? await currentPrivacyNotice(ctx.db, input.siteId) : undefined;
  if (notice) {
    if (input.privacyNoticeVersion === undefined) {
      throw badRequest('privacy_notice_required', '请先阅读并同意隐私声明 / accept the site’s privacy notice (privacyNoticeVersion) to sign in');
    }
    if (!isCurrentVersion(notice, input.privacyNoticeVersion)) {
      throw new HttpError(409, 'privacy_notice_outdated', '隐私声明已更新，请重新阅读 / the privacy notice has changed: read and accept the current one', {
        versions: notice.versions,
      });
    }
  }
  await useCode(ctx, input);
  const now = ctx.now();
  const host = input.audience === 'host' ? (await enabledHostsByPhone(ctx, input.siteId, input.phone))[0] : undefined;
  if (input.audience === 'host' && !host) throw codeInvalid();
  return ctx.db.transaction().execute(async (trx) => {
    const { row, token } = await openSession(trx, { siteId: input.siteId, kind: input.audience, phone: input.phone, hostId: host?.id ?? null, now });
    const actor = host ? `host:${host.id}` : `visitor:${row.id}`;
    await writeAudit(trx, { at: now, actor, action: 'auth.session_created', subject: row.id, detail: { kind: row.kind, phone: maskPhone(input.phone) } });
    if (notice && input.privacyNoticeVersion !== undefined) {
      await recordPrivacyAcceptance(trx, { siteId: input.siteId, phone: input.phone, version: input.privacyNoticeVersion, sessionId: row.id, at: now });
    }
    const principal = host
      ? { kind: 'host' as const, siteId: row.site_id, hostId: host.id }
      : { kind: 'visitor' as const, siteId: row.site_id, sessionId: row.id, phoneMasked: maskPhone(row.phone) };
    return { token, expiresAt: row.expires_at, principal };
  });
}
