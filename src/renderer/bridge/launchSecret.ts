/**
 * The browser shell opens the renderer at `http://127.0.0.1:PORT/#secret=<per-launch secret>`. The secret is
 * taken out of the address bar at once (so it is not left on screen or in history) and kept in
 * sessionStorage, which only this tab of this origin can read, so a reload can still reconnect.
 */
export const SECRET_STORAGE_KEY = 'passdesk.launchSecret';

export interface LaunchLocation {
  readonly hash: string;
  readonly pathname: string;
  readonly search: string;
}

export interface LaunchEnvironment {
  location: LaunchLocation;
  replaceUrl(url: string): void;
  storage: { getItem(key: string): string | null; setItem(key: string, value: string): void } | null;
}

/** The `secret` parameter of a `#secret=…&…` hash, or null. */
export function secretFromHash(hash: string): string | null {
  const params = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
  const secret = params.get('secret');
  return secret && secret.length > 0 ? secret : null;
}

/** Removes `secret` from the hash, keeping any other hash parameters. */
export function hashWithoutSecret(hash: string): string {
  const params = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
  params.delete('secret');
  const rest = params.toString();
  return rest ? `#${rest}` : '';
}

export function takeLaunchSecret(env: LaunchEnvironment): string | null {
  const fromHash = secretFromHash(env.location.hash);
  if (fromHash) {
    env.replaceUrl(`${env.location.pathname}${env.location.search}${hashWithoutSecret(env.location.hash)}`);
    try {
      env.storage?.setItem(SECRET_STORAGE_KEY, fromHash);
    } catch {
      // storage may be unavailable (private mode): the secret still works for this page's life
    }
    return fromHash;
  }
  try {
    return env.storage?.getItem(SECRET_STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}
