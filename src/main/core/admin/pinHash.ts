/**
 * PINs as the kiosk stores them: Node's scrypt (N = 2^15, r = 8, p = 1), a fresh 16-byte salt each time, a 32-byte
 * key; compared in constant time. `scrypt$N$r$p$<salt>$<key>` (base64url), the settings' PinHash.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { PinHash } from '../../../shared/domain';

const N = 2 ** 15;
const R = 8;
const P = 1;
const KEY_BYTES = 32;
const SALT_BYTES = 16;

function derive(pin: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  // 128·N·r bytes are needed: twice that as the ceiling (Node's default, 32 MiB, is exactly what N = 2^15 needs)
  const maxmem = 256 * (options.N ?? N) * (options.r ?? R);
  return new Promise((resolve, reject) => {
    scrypt(pin.normalize('NFKC'), salt, KEY_BYTES, { ...options, maxmem }, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

export async function hashPin(pin: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(pin, salt, { N, r: R, p: P });
  return PinHash.parse(`scrypt$${N}$${R}$${P}$${salt.toString('base64url')}$${key.toString('base64url')}`);
}

/** Whether `pin` is the one `stored` was made from; false for a malformed or unsupported hash. */
export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  if (!PinHash.safeParse(stored).success) return false;
  const [, n, r, p, salt, key] = stored.split('$') as [string, string, string, string, string, string];
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  // only the costs this code writes, or stronger within reason: a tampered file cannot make it hang or go weak
  if (cost.N < N || cost.N > 2 ** 20 || (cost.N & (cost.N - 1)) !== 0 || cost.r < R || cost.r > 32 || cost.p < 1 || cost.p > 16) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await derive(pin, Buffer.from(salt, 'base64url'), cost);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
