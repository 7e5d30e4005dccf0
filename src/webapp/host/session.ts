/**
 * A host's session in the web app: the bearer the API takes, however it was obtained. Today the one way to sign in
 * is the token an administrator issues (POST /api/v1/hosts/{id}/token); the phone-and-code sign-in (issue 13 item 3)
 * is another HostSignInMethod whose form yields the same HostSession, so the inbox does not change when it arrives.
 * Kept in sessionStorage: gone when the tab closes, never sent anywhere but the API's Authorization header.
 */
import { ApiFailure, listHostBookings } from '../api/client';

export interface HostSession {
  /** the bearer for /api/v1 (a host token today; whatever the phone-code sign-in issues later) */
  token: string;
  /** how it was obtained, e.g. 'token' */
  method: string;
}

/** What a sign-in method's form hands over to be checked: its credential. */
export interface HostSignInMethod<Input> {
  id: string;
  /** the session the input gives, or a refusal (ApiFailure 401 when the cloud does not accept it) */
  signIn: (input: Input) => Promise<HostSession>;
}

/** Sign-in with a host token: the cloud is asked for the host's bookings, which it answers only for a valid one. */
export const tokenSignIn: HostSignInMethod<{ token: string }> = {
  id: 'token',
  async signIn({ token }) {
    const trimmed = token.trim();
    if (trimmed === '') throw new ApiFailure(401, { error: 'unauthorized', message: 'no token' });
    await listHostBookings(trimmed);
    return { token: trimmed, method: 'token' };
  },
};

const STORAGE_KEY = 'passdesk.webapp.hostSession';

export function loadHostSession(): HostSession | undefined {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    if (raw === null) return undefined;
    const parsed = JSON.parse(raw) as Partial<HostSession>;
    return typeof parsed.token === 'string' && typeof parsed.method === 'string' ? { token: parsed.token, method: parsed.method } : undefined;
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
