/**
 * Sessions of visitors and hosts signed in with their phone (issue 13 items 2 and 3): a random bearer stored as its
 * SHA-256, valid for SESSION_HOURS, revocable; all in the database, so any cloud process answers for any session.
 * A visitor's session is the principal { kind: 'visitor', siteId, phone, sessionId }; a host's is the host principal
 * every host route knows, as long as the host is still in the site's directory with that phone.
 */
import type { Principal } from '../auth';
import type { CloudContext } from '../context';
import type { SessionsTable } from '../db/schema';
import { HttpError } from '../errors';
import { newId, randomSecret, sha256Hex } from '../../platform/secrets';
import { findHostOfSite } from '../repositories/hosts';
import { principalOfAccount } from './accountPrincipal';
import type { Db } from '../repositories/db';
import { findSessionByTokenHash, insertSession, purgeSessions, revokeSessionByTokenHash } from '../repositories/sessions';

/** How long a session lasts (visitors and hosts alike): a working day. */
export const SESSION_HOURS = 12;

/** Sessions whose bearer is presented this long after they expired are forgotten (purged). */
const KEEP_EXPIRED_MS = 24 * 3600_000;

/**
 * Deletes the sessions (visitors', hosts', staff's) expired KEEP_EXPIRED_MS before `now`, in one statement: the sweep
 * job runs it (sweepJob.ts), so they go even when nobody signs in again. Returns how many.
 */
export async function purgeExpiredSessions(db: Db, now: Date): Promise<number> {
  return purgeSessions(db, new Date(now.getTime() - KEEP_EXPIRED_MS).toISOString());
}

/** The principal of a session bearer (by its hash); undefined when no session has it. Expired or revoked: 401. */
export async function principalOfSession(ctx: CloudContext, tokenHash: string): Promise<Principal | undefined> {
  const s = await findSessionByTokenHash(ctx.db, tokenHash);
  if (!s) return undefined;
  if (s.revoked_at !== null) throw new HttpError(401, 'session_revoked', 'this session was signed out; sign in again');
  if (s.expires_at <= ctx.now().toISOString()) throw new HttpError(401, 'session_expired', 'this session has expired; sign in again');
  if (s.kind === 'visitor') return { kind: 'visitor', siteId: s.site_id, phone: s.phone, sessionId: s.id };
  if (s.kind === 'staff') return principalOfAccount(ctx, s.account_id ?? null, s.id);
  const host = s.host_id !== null ? await findHostOfSite(ctx.db, s.host_id, s.site_id) : undefined;
  if (!host || host.phone !== s.phone || host.disabled === 1)
    throw new HttpError(401, 'session_revoked', 'this host is no longer in the site’s directory with this phone');
  return { kind: 'host', hostId: host.id, siteId: host.site_id };
}

export interface NewSession {
  row: SessionsTable;
  token: string;
}

/** Opens a session (in the caller's transaction); expired sessions are purged on the way. */
export async function openSession(
  db: Db,
  s: { siteId: string; kind: 'visitor' | 'host' | 'staff'; phone: string; hostId: string | null; accountId?: string; now: Date },
): Promise<NewSession> {
  const token = randomSecret();
  const row: SessionsTable = {
    id: newId('ses'),
    token_hash: sha256Hex(token),
    site_id: s.siteId,
    kind: s.kind,
    phone: s.phone,
    host_id: s.hostId,
    ...(s.accountId !== undefined ? { account_id: s.accountId } : {}),
    created_at: s.now.toISOString(),
    expires_at: new Date(s.now.getTime() + SESSION_HOURS * 3600_000).toISOString(),
    revoked_at: null,
  };
  await purgeExpiredSessions(db, s.now);
  await insertSession(db, row);
  return { row, token };
}

/** The session a bearer is (undefined for a host token). */
export async function sessionOfToken(ctx: CloudContext, token: string): Promise<SessionsTable | undefined> {
  return findSessionByTokenHash(ctx.db, sha256Hex(token));
}

/** Signs the session of this bearer out; false when the bearer is no session (a host token). */
export async function revokeSessionOfToken(ctx: CloudContext, token: string): Promise<boolean> {
  return revokeSessionByTokenHash(ctx.db, sha256Hex(token), ctx.now().toISOString());
}
