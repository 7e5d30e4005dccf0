/**
 * Node's synchronous Ed25519 (src/platform/ed25519.ts, the kiosk desk's pass and command signatures, issue 12) gives the
 * answers WebCrypto's does (src/shared/pass.ts): the same signatures, the same verdicts, false (never a throw) for a
 * malformed key or signature.
 */
import { describe, expect, it } from 'vitest';
import { signEd25519, verifyEd25519, verifyEd25519Kept } from '../../../src/platform/ed25519';
import { generatePassKeyPair, signBytes, verifyBytes } from '../../../src/shared/pass';
import { decodeBase64UrlStrict } from '../../../src/shared/strictEncoding';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('Ed25519 on Node, synchronous', () => {
  it('signs as WebCrypto does and verifies what it signs; each verifies the other’s signature', async () => {
    const pair = await generatePassKeyPair();
    const data = bytes('PD2 claims: a visit, a site, a window');
    const sig = signEd25519(pair.privateKey, data);
    expect(sig).toBe(await signBytes(pair.privateKey, data)); // Ed25519 is deterministic
    expect(verifyEd25519(pair.publicKey, data, decodeBase64UrlStrict(sig, 64))).toBe(true);
    expect(await verifyBytes(pair.publicKey, data, sig)).toBe(true);
  });

  it('refuses another key, changed data, a changed or short signature, a malformed key: false, no throw', async () => {
    const [pair, other] = [await generatePassKeyPair(), await generatePassKeyPair()];
    const data = bytes('checkout v1');
    const sig = decodeBase64UrlStrict(signEd25519(pair.privateKey, data), 64);
    expect(verifyEd25519(other.publicKey, data, sig)).toBe(false);
    expect(verifyEd25519(pair.publicKey, bytes('checkout v2'), sig)).toBe(false);
    const flipped = sig.slice();
    flipped[10] = (flipped[10] ?? 0) ^ 1;
    expect(verifyEd25519(pair.publicKey, data, flipped)).toBe(false);
    expect(verifyEd25519(pair.publicKey, data, sig.subarray(0, 63))).toBe(false);
    expect(verifyEd25519('not-a-key', data, sig)).toBe(false);
    expect(verifyEd25519(`${pair.publicKey.slice(0, -1)}B`, data, sig)).toBe(false); // non-canonical spelling
    expect(() => signEd25519('AAAA', data)).toThrow();
  });

  it('remembers good signatures only: a kept one verifies again, any change of key, data or signature is checked afresh', async () => {
    const [pair, other] = [await generatePassKeyPair(), await generatePassKeyPair()];
    const data = bytes('PD2 a pass shown twice');
    const sig = decodeBase64UrlStrict(signEd25519(pair.privateKey, data), 64);
    expect(verifyEd25519Kept(pair.publicKey, data, sig)).toBe(true);
    expect(verifyEd25519Kept(pair.publicKey, data, sig)).toBe(true);
    expect(verifyEd25519Kept(other.publicKey, data, sig)).toBe(false);
    expect(verifyEd25519Kept(pair.publicKey, bytes('PD2 a pass shown twicf'), sig)).toBe(false);
    const flipped = sig.slice();
    flipped[63] = (flipped[63] ?? 0) ^ 1;
    expect(verifyEd25519Kept(pair.publicKey, data, flipped)).toBe(false);
    // the same bytes seen through a view at an offset are the same signature
    const framed = new Uint8Array(70);
    framed.set(sig, 3);
    expect(verifyEd25519Kept(pair.publicKey, data, framed.subarray(3, 67))).toBe(true);
    expect(verifyEd25519Kept(pair.publicKey, data, framed.subarray(2, 66))).toBe(false);
  });
});
