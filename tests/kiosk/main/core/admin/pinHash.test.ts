import { describe, expect, it } from 'vitest';
import { hashPin, verifyPin } from '../../../../../src/main/core/admin/pinHash';
import { PinHash } from '../../../../../src/shared/domain';

describe('PIN hashing (scrypt)', () => {
  it('stores scrypt N=2^15 r=8 p=1 with a fresh 16-byte salt, and verifies only the same PIN', async () => {
    const a = await hashPin('204817');
    const b = await hashPin('204817');
    expect(PinHash.safeParse(a).success).toBe(true);
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(Buffer.from(a.split('$')[4]!, 'base64url')).toHaveLength(16);
    expect(a).not.toBe(b);
    expect(a).not.toContain('204817');
    expect(await verifyPin('204817', a)).toBe(true);
    expect(await verifyPin('204817', b)).toBe(true);
    expect(await verifyPin('204818', a)).toBe(false);
    expect(await verifyPin('2048170', a)).toBe(false);
  });

  it('refuse malformed hashes and ones weakened or made too costly by editing the file', async () => {
    const good = await hashPin('204817');
    const [, , r, p, salt, key] = good.split('$');
    expect(await verifyPin('204817', 'plain')).toBe(false);
    expect(await verifyPin('204817', `scrypt$1024$${r}$${p}$${salt}$${key}`)).toBe(false);
    expect(await verifyPin('204817', `scrypt$4194304$${r}$${p}$${salt}$${key}`)).toBe(false);
    expect(await verifyPin('204817', `scrypt$32768$1$${p}$${salt}$${key}`)).toBe(false);
  });
});
