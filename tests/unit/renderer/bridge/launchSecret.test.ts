import { describe, expect, it } from 'vitest';
import { hashWithoutSecret, SECRET_STORAGE_KEY, secretFromHash, takeLaunchSecret, type LaunchEnvironment } from '../../../../src/renderer/bridge/launchSecret';

function environment(hash: string, stored: Record<string, string> = {}) {
  const replaced: string[] = [];
  const storage = new Map(Object.entries(stored));
  const env: LaunchEnvironment = {
    location: { hash, pathname: '/', search: '' },
    replaceUrl: (url) => replaced.push(url),
    storage: { getItem: (k) => storage.get(k) ?? null, setItem: (k, v) => void storage.set(k, v) },
  };
  return { env, replaced, storage };
}

describe('launch secret', () => {
  it('reads the secret from the hash, removes it from the address bar and keeps it for reloads', () => {
    const { env, replaced, storage } = environment('#secret=abcDEF0123456789xyz');
    expect(takeLaunchSecret(env)).toBe('abcDEF0123456789xyz');
    expect(replaced).toEqual(['/']);
    expect(storage.get(SECRET_STORAGE_KEY)).toBe('abcDEF0123456789xyz');
  });

  it('after a reload (no hash) uses the kept secret', () => {
    const { env, replaced } = environment('', { [SECRET_STORAGE_KEY]: 'kept-secret-0123456789' });
    expect(takeLaunchSecret(env)).toBe('kept-secret-0123456789');
    expect(replaced).toEqual([]);
  });

  it('has no secret when neither is there', () => {
    expect(takeLaunchSecret(environment('#other=1').env)).toBeNull();
  });

  it('keeps other hash parameters', () => {
    expect(secretFromHash('#debug=1&secret=s3cr3t')).toBe('s3cr3t');
    expect(hashWithoutSecret('#debug=1&secret=s3cr3t')).toBe('#debug=1');
    expect(hashWithoutSecret('#secret=s3cr3t')).toBe('');
  });
});
