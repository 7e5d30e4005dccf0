/**
 * Bearer authentication. Four kinds of callers hold a bearer: the admin (one configured token), a host (a token
 * issued by POST /hosts/:id/token, or a session opened by signing in with their phone), an enrolled kiosk (its
 * credential) and a signed-in visitor (a session opened with their phone and a one-time code). Tokens, credentials
 * and sessions are stored as sha256. A visitor who has not signed in holds none.
 */
import type { FastifyRequest } from 'fastify';
import type { CloudContext } from './context';
import { forbidden, HttpError, unauthorized } from './errors';
import { sameSecret, sha256Hex } from '../platform/secrets';
import { findHostOfToken } from './repositories/hostTokens';
import { findKioskByCredential } from './repositories/kiosks';
import { principalOfSession } from './services/sessions';

export type Principal =
  | AdminPrincipal
  | StaffAccountPrincipal
  | { kind: 'host'; hostId: string; siteId: string }
  | { kind: 'kiosk'; kioskId: string; siteId: string; publicKey: string }
  | VisitorPrincipal;

/** A visitor signed in at a site with their phone: sees only the bookings whose visitor phone is theirs there. */
export interface VisitorPrincipal {
  kind: 'visitor';
  siteId: string;
  phone: string;
  sessionId: string;
}

/**
 * An administrator: the admin token (no account: bootstrap and automation, every site), or a site administrator's
 * account session (account.siteId: their site; null for a super administrator of every site).
 */
export interface AdminPrincipal {
  kind: 'admin';
  account?: { id: string; siteId: string | null; sessionId: string };
}

/** A reviewer or records viewer signed in with their account (services/accountPrincipal.ts). */
export interface StaffAccountPrincipal {
  kind: 'staff';
  accountId: string;
  siteId: string;
  roles: ('reviewer' | 'records_viewer')[];
  /** a reviewer's departments (the hosts' department names whose bookings they decide) */
  departments: string[];
  sessionId: string;
}

export type StaffPrincipal = Extract<Principal, { kind: 'admin' | 'host' }>;
export type KioskPrincipal = Extract<Principal, { kind: 'kiosk' }>;

export function bearerOf(req: FastifyRequest): string | undefined {
  const header = req.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const m = /^Bearer\s+(\S{1,512})\s*$/i.exec(header);
  return m?.[1];
}

/** Each request's caller, resolved once (by the access hook, before the body is read). */
const resolved = new WeakMap<FastifyRequest, { principal: Principal | undefined }>();

/** Who is calling; undefined for an anonymous call. A bearer that matches nothing is a 401. */
export async function principalOf(ctx: CloudContext, req: FastifyRequest): Promise<Principal | undefined> {
  const hit = resolved.get(req);
  if (hit) return hit.principal;
  const principal = await lookUpPrincipal(ctx, req);
  resolved.set(req, { principal });
  return principal;
}

async function lookUpPrincipal(ctx: CloudContext, req: FastifyRequest): Promise<Principal | undefined> {
  const token = bearerOf(req);
  if (token === undefined) {
    if (req.headers.authorization !== undefined) throw unauthorized('malformed Authorization header');
    return undefined;
  }
  if (sameSecret(token, ctx.adminToken)) return { kind: 'admin' };
  const hash = sha256Hex(token);
  const kiosk = await findKioskByCredential(ctx.db, hash);
  if (kiosk) {
    if (kiosk.revoked !== 0) throw new HttpError(401, 'credential_revoked', 'this kiosk’s credential was revoked; it must be enrolled again');
    return { kind: 'kiosk', kioskId: kiosk.id, siteId: kiosk.site_id, publicKey: kiosk.public_key };
  }
  const host = await findHostOfToken(ctx.db, hash);
  if (host) {
    if (host.revoked !== 0 || host.disabled === 1) throw new HttpError(401, 'credential_revoked', 'this host token was revoked');
    return { kind: 'host', hostId: host.hostId, siteId: host.siteId };
  }
  const session = await principalOfSession(ctx, hash);
  if (session) return session;
  throw unauthorized('unknown bearer token');
}

export async function requireAdmin(ctx: CloudContext, req: FastifyRequest): Promise<AdminPrincipal> {
  const p = await principalOf(ctx, req);
  if (p === undefined) throw unauthorized();
  if (p.kind !== 'admin') throw forbidden('admin only');
  return p;
}

export async function requireStaff(ctx: CloudContext, req: FastifyRequest): Promise<StaffPrincipal> {
  const p = await principalOf(ctx, req);
  if (p === undefined) throw unauthorized();
  if (p.kind === 'kiosk' || p.kind === 'visitor' || p.kind === 'staff') throw forbidden('admin or host only');
  return p;
}

export async function requireKiosk(ctx: CloudContext, req: FastifyRequest): Promise<KioskPrincipal> {
  const p = await principalOf(ctx, req);
  if (p === undefined) throw unauthorized('a kiosk credential is required');
  if (p.kind !== 'kiosk') throw forbidden('kiosk credential required');
  return p;
}

export function actorOf(p: Principal | undefined): string {
  if (p === undefined) return 'public';
  if (p.kind === 'admin') return p.account ? `account:${p.account.id}` : 'admin';
  if (p.kind === 'staff') return `account:${p.accountId}`;
  if (p.kind === 'host') return `host:${p.hostId}`;
  if (p.kind === 'visitor') return `visitor:${p.sessionId}`;
  return `kiosk:${p.kioskId}`;
}
