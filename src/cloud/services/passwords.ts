/**
 * Staff passwords: argon2id with the library's defaults (19 MiB, 2 passes, 1 lane: OWASP's minimum for argon2id),
 * stored as the PHC string (salt and parameters inside). A sign-in with no password to check still spends one
 * verification on a fixed hash, so an unknown phone answers in the time a known one does.
 */
import { hash, verify } from '@node-rs/argon2';

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

let decoy: Promise<string> | undefined;

/** Whether the password is the stored hash's; a null hash (no password, unknown account) is false after the same work. */
export async function passwordMatches(stored: string | null, password: string): Promise<boolean> {
  if (stored === null) {
    decoy ??= hash('passdesk-decoy-password');
    await verify(await decoy, password).catch(() => false);
    return false;
  }
  return verify(stored, password).catch(() => false);
}
