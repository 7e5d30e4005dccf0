/**
 * A host's session in the web app: the bearer the API takes, however it was obtained — a host token an administrator
 * issued (POST /api/v1/hosts/{id}/token), or the session the phone-and-code sign-in opens (issue 13 item 3). Each
 * way in is a HostSignInMethod yielding the same HostSession, so the host's screens do not care which was used.
 * Kept in sessionStorage: gone when the tab closes, never sent anywhere but the API's Authorization header.
 */
import { ApiFailure } from '../api/client';
import { endSession, openHostSession, whoAmI } from '../api/hostClient';

export interface HostSession {
  /** the bearer for /api/v1 */
  token: string;
  /** how it was obtained: 'token' or 'phone' */
  method: string;
  /** the host it is (a 代约's hostId) and their site */
  hostId: string;
  siteId: string;
}

/** What a sign-in method's form hands over to be checked: its credential. */
export interface HostSignInMethod<Input> {
  id: string;
  /** the session the input gives, or a refusal (ApiFailure 401 when the cloud does not accept it) */
  signIn: (input: Input) => Promise<HostSession>;
}

/** The host a bearer is; a bearer that is not a host's is refused like a wrong one. */
async function hostOf(token: string): Promise<{ hostId: string; siteId: string }> {
  const me = await whoAmI(token);
  if (me.principal.kind !== 'host') throw new ApiFailure(403, { error: 'forbidden', message: 'not a host' });
  return { hostId: me.principal.hostId, siteId: me.principal.siteId };
}

/** Sign-in with a host token: the cloud is asked who the token is, which it answers only for a valid one. */
export const tokenSignIn: HostSignInMethod<{ token: string }> = {
  id: 'token',
  async signIn({ token }) {
    const trimmed = token.trim();
    if (trimmed === '') throw new ApiFailure(401, { error: 'unauthorized', message: 'no token' });
    return { token: trimmed, method: 'token', ...(await hostOf(trimmed)) };
  },
};

/** Sign-in with the host's phone and the one-time code sent to it (POST /auth/codes first, audience host). */
export const phoneCodeSignIn: HostSignInMethod<{ siteId: string; phone: string; code: string }> = {
  id: 'phone',
  async signIn({ siteId, phone, code }) {
    const created = await openHostSession(siteId.trim(), phone.replace(/[\s-]/g, ''), code.trim());
    if (created.principal.kind !== 'host') throw new ApiFailure(403, { error: 'forbidden', message: 'not a host' });
    return { token: created.token, method: 'phone', hostId: created.principal.hostId, siteId: created.principal.siteId };
  },
};

/** Ends a phone sign-in's session in the cloud (a host token lives on until an administrator revokes it). */
export async function endHostSession(session: HostSession): Promise<void> {
  if (session.method !== 'phone') return;
  try {
    await endSession(session.token);
  } catch {
    // already ended or expired, or the cloud is unreachable: the tab forgets the bearer either way
  }
}

const STORAGE_KEY = 'passdesk.webapp.hostSession';

export function loadHostSession(): HostSession | undefined {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    if (raw === null) return undefined;
    const p = JSON.parse(raw) as Partial<HostSession>;
    return typeof p.token === 'string' && typeof p.method === 'string' && typeof p.hostId === 'string' && typeof p.siteId === 'string'
      ? { token: p.token, method: p.method, hostId: p.hostId, siteId: p.siteId }
      : undefined;
  } catch {
    return undefined;
  }
}

export function saveHostSession(session: HostSession | undefined): void {
  try {
    if (session === undefined) sessionStorage.removeItem(STORAGE_KEY);
    else sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  } catch {
    // storage refused: the session lasts while the page is open
  }
}

const SITE_KEY = 'passdesk.webapp.siteId';

/** The site a sign-in form starts with: ?site= in the address, else the one last signed in at, else empty. */
export function initialSiteId(): string {
  const fromUrl = new URLSearchParams(location.search).get('site');
  if (fromUrl !== null && fromUrl.trim() !== '') return fromUrl.trim();
  try {
    return localStorage.getItem(SITE_KEY) ?? '';
  } catch {
    return '';
  }
}

export function rememberSiteId(siteId: string): void {
  try {
    localStorage.setItem(SITE_KEY, siteId);
  } catch {
    // not remembered: typed again next time
  }
}
