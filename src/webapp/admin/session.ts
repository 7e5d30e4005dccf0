/**
 * A site administrator's session in the web app: the bearer the API takes, however it was obtained. Two ways in: a
 * staff account's phone and password (POST /auth/staff/sessions: an account session, with expiry, revocable), and the
 * bootstrap admin token (PASSDESK_ADMIN_TOKEN, for the first account and automation), checked by asking for the kiosk
 * list, which only an administrator may read. Both yield the same AdminSession, so the admin screens do not change.
 * Kept in sessionStorage: gone when the tab closes, never sent anywhere but the API's Authorization header.
 */
import { AccountRole, StaffSessionCreated } from '../../shared/accounts';
import { ApiFailure, adminProbe, call } from '../api/client';

export interface AdminSession {
  /** the bearer for /api/v1 */
  token: string;
  /** how it was obtained, e.g. 'token' */
  method: string;
  /** an account's roles (which screens it is shown); undefined: the admin token, an administrator */
  roles?: AccountRole[] | undefined;
}

/** Whether the session is an administrator's (the admin token, or an account with the site_admin role). */
export const isAdministrator = (session: AdminSession): boolean => session.roles === undefined || session.roles.includes('site_admin');

export interface AdminSignInMethod<Input> {
  id: string;
  /** the session the input gives, or a refusal (ApiFailure 401/403 when the cloud does not accept it) */
  signIn: (input: Input) => Promise<AdminSession>;
}

export const adminTokenSignIn: AdminSignInMethod<{ token: string }> = {
  id: 'token',
  async signIn({ token }) {
    const trimmed = token.trim();
    if (trimmed === '') throw new ApiFailure(401, { error: 'unauthorized', message: 'no token' });
    await adminProbe(trimmed);
    return { token: trimmed, method: 'token' };
  },
};

/** An account's phone and password at a site: the session the cloud opens (a wrong one: 401; five: 429 locked). */
export const adminPasswordSignIn: AdminSignInMethod<{ siteId: string; phone: string; password: string }> = {
  id: 'password',
  async signIn({ siteId, phone, password }) {
    const body = { siteId: siteId.trim(), phone: phone.replace(/[\s-]/g, ''), password };
    const created = await call(StaffSessionCreated, 'POST', '/auth/staff/sessions', { body });
    return { token: created.token, method: 'password', roles: created.account.roles };
  },
};

const STORAGE_KEY = 'passdesk.webapp.adminSession';

export function loadAdminSession(): AdminSession | undefined {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    if (raw === null) return undefined;
    const parsed = JSON.parse(raw) as Partial<AdminSession>;
    if (typeof parsed.token !== 'string' || typeof parsed.method !== 'string') return undefined;
    const roles = AccountRole.array().safeParse(parsed.roles);
    return { token: parsed.token, method: parsed.method, ...(roles.success ? { roles: roles.data } : {}) };
  } catch {
    return undefined;
  }
}

export function saveAdminSession(session: AdminSession | undefined): void {
  try {
    if (session === undefined) sessionStorage.removeItem(STORAGE_KEY);
    else sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  } catch {
    // storage refused: the session lasts while the page is open
  }
}
