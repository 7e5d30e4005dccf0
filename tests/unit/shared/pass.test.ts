import { describe, expect, it } from 'vitest';
import {
  generatePassKeyPair,
  keyIdOf,
  signBytes,
  signPassV1 as signPass,
  verifyBytes,
  verifyPass,
  PassError,
  type PassKey,
  type PassPayloadV1,
} from '../../../src/shared/pass';

async function issuer() {
  const pair = await generatePassKeyPair();
  const kid = await keyIdOf(pair.publicKey);
  const key: PassKey = { kid, issuer: 'cloud', publicKey: pair.publicKey, revoked: false };
  return { pair, key };
}
const now = Date.UTC(2026, 10, 22, 9, 0, 0);
const payload = (kid: string, over: Partial<PassPayloadV1> = {}): PassPayloadV1 => ({
  pid: 'p1',
  site: 's1',
  name: '张*',
  host: '李四',
  n: 1,
  nbf: now / 1000 - 60,
  exp: now / 1000 + 3600,
  iss: 'cloud',
  kid,
  ...over,
});

describe('pass tokens, version 1 (still verified until they expire)', () => {
  it('verifies a token it signed', async () => {
    const { pair, key } = await issuer();
    const token = await signPass(payload(key.kid), pair.privateKey);
    expect(token.startsWith('PD1.')).toBe(true);
    await expect(verifyPass(token, [key], { nowMs: now })).resolves.toMatchObject({ pid: 'p1' });
  });
  it('rejects a token signed by another key under the same kid', async () => {
    const { key } = await issuer();
    const other = await generatePassKeyPair();
    const forged = await signPass(payload(key.kid), other.privateKey);
    await expect(verifyPass(forged, [key], { nowMs: now })).rejects.toMatchObject({ code: 'pass_bad_signature' });
  });
  it('rejects a tampered payload', async () => {
    const { pair, key } = await issuer();
    const token = await signPass(payload(key.kid), pair.privateKey);
    const [p, , s] = token.split('.');
    const body = Buffer.from(JSON.stringify(payload(key.kid, { n: 9 }))).toString('base64url');
    await expect(verifyPass(`${p}.${body}.${s}`, [key], { nowMs: now })).rejects.toMatchObject({ code: 'pass_bad_signature' });
  });
  it('rejects expired, not-yet-valid, unknown-key and malformed tokens with their own codes', async () => {
    const { pair, key } = await issuer();
    const token = await signPass(payload(key.kid), pair.privateKey);
    await expect(verifyPass(token, [key], { nowMs: now + 2 * 3600_000 })).rejects.toMatchObject({ code: 'pass_expired' });
    await expect(verifyPass(token, [key], { nowMs: now - 3600_000 })).rejects.toMatchObject({ code: 'pass_not_yet_valid' });
    await expect(verifyPass(token, [], { nowMs: now })).rejects.toMatchObject({ code: 'pass_unknown_key' });
    for (const bad of ['', 'PD1', 'PD1.x.y', 'XX1.a.b', 'PD1.!!!.aa', `PD1.${'a'.repeat(3000)}.b`]) {
      await expect(verifyPass(bad, [key], { nowMs: now })).rejects.toBeInstanceOf(PassError);
    }
  });
  it('a kiosk key vouches only for its own site and issuer; the verifier may require its own site', async () => {
    const pair = await generatePassKeyPair();
    const kid = await keyIdOf(pair.publicKey);
    const kioskB: PassKey = { kid, issuer: 'kiosk:k_b', publicKey: pair.publicKey, revoked: false, site: 'site_b' };
    const forA = await signPass(payload(kid, { site: 'site_a', iss: 'kiosk:k_b' }), pair.privateKey);
    await expect(verifyPass(forA, [kioskB], { nowMs: now })).rejects.toMatchObject({ code: 'pass_wrong_site' });
    const forB = await signPass(payload(kid, { site: 'site_b', iss: 'kiosk:k_b' }), pair.privateKey);
    await expect(verifyPass(forB, [kioskB], { nowMs: now })).resolves.toMatchObject({ site: 'site_b' });
    await expect(verifyPass(forB, [kioskB], { nowMs: now, site: 'site_a' })).rejects.toMatchObject({ code: 'pass_wrong_site' });
    // a kiosk key that names no site vouches for nothing
    const { site: _dropped, ...unscoped } = kioskB;
    await expect(verifyPass(forB, [unscoped], { nowMs: now })).rejects.toMatchObject({ code: 'pass_wrong_site' });
    // the cloud's key vouches for any site, but a kiosk of site_a still refuses a cloud pass of site_b
    const { pair: cloudPair, key: cloudKey } = await issuer();
    const cloudForB = await signPass(payload(cloudKey.kid, { site: 'site_b' }), cloudPair.privateKey);
    await expect(verifyPass(cloudForB, [cloudKey], { nowMs: now })).resolves.toMatchObject({ site: 'site_b' });
    await expect(verifyPass(cloudForB, [cloudKey], { nowMs: now, site: 'site_a' })).rejects.toMatchObject({ code: 'pass_wrong_site' });
  });
});

describe('kept imported keys', () => {
  it('signs and verifies with more keys than it keeps, each with its own', async () => {
    const data = new TextEncoder().encode('kept keys');
    const pairs = await Promise.all(Array.from({ length: 70 }, () => generatePassKeyPair()));
    const signatures = await Promise.all(pairs.map((p) => signBytes(p.privateKey, data)));
    for (const [i, pair] of pairs.entries()) {
      expect(await verifyBytes(pair.publicKey, data, signatures[i]!)).toBe(true);
      expect(await verifyBytes(pair.publicKey, data, signatures[(i + 1) % pairs.length]!)).toBe(false);
    }
    // the first keys were dropped from the cache and are imported again: still right
    expect(await verifyBytes(pairs[0]!.publicKey, data, await signBytes(pairs[0]!.privateKey, data))).toBe(true);
  });

  it('a key that fails to import fails every time (nothing kept for it)', async () => {
    const data = new TextEncoder().encode('bad key');
    await expect(signBytes('AAAA', data)).rejects.toThrow();
    await expect(signBytes('AAAA', data)).rejects.toThrow();
  });
});
