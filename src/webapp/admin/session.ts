/**
 * A site administrator's session in the web app: the bearer the API takes, however it was obtained. Today one way
 * in: the bootstrap admin token (PASSDESK_ADMIN_TOKEN), checked by asking for the kiosk list, which only an
 * administrator may read. Accounts with passwords or phone codes (issue 14 item 1) are further AdminSignInMethods
 * yielding the same AdminSession, so the admin screens do not change when they arrive.
 * Kept in sessionStorage: gone when the tab closes, never sent anywhere but the API's Authorization header.
 */
import { ApiFailure, adminProbe } from '../api/client';

export interface AdminSession {
  /** the bearer for /api/v1 */
  token: string;
  /** how it was obtained, e.g. 'token' */
  method: string;
}

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

const STORAGE_KEY = 'passdesk.webapp.adminSession';

export function loadAdminSession(): AdminSession | undefined {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    if (raw === null) return undefined;
    const parsed = JSON.parse(raw) as Partial<AdminSession>;
    return typeof parsed.token === 'string' && typeof parsed.method === 'string' ? { token: parsed.token, method: parsed.method } : undefined;
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
