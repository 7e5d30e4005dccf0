/** Strict encodings and the compact (version 2) pass layout: one spelling per token, sizes that fit QR version 7-M. */
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { PASS_V2_MAX_LENGTH } from '../../../src/shared/compactPass';
import {
  compactWindow,
  decodePass,
  generatePassKeyPair,
  keyIdOf,
  PASS_V2_MAX_SECONDS,
  signPassV2,
  verifyBytes,
  verifyPass,
  signBytes,
  type PassKey,
  type PassV2Input,
} from '../../../src/shared/pass';
import { base32Length, decodeBase32Strict, decodeBase64UrlStrict, NonCanonicalEncodingError, toBase32, toBase64Url } from '../../../src/shared/strictEncoding';

const bytes = (n: number, seed = 7) => Uint8Array.from({ length: n }, (_, i) => (i * 131 + seed * 17) & 0xff);

describe('strict base64url and base32', () => {
  it('round-trips every length and agrees with Node for base64url', () => {
    for (let n = 0; n <= 70; n++) {
      const b = bytes(n, n);
      const text = toBase64Url(b);
      expect(text).toBe(Buffer.from(b).toString('base64url'));
      expect(decodeBase64UrlStrict(text)).toEqual(b);
      const b32 = toBase32(b);
      expect(b32).toHaveLength(base32Length(n));
      expect(decodeBase32Strict(b32)).toEqual(b);
    }
  });
  it('refuses unused bits that are set, impossible lengths, other characters and wrong exact lengths', () => {
    const sig = toBase64Url(bytes(64));
    expect(sig).toHaveLength(86);
    // the 86th character carries 2 data bits: its 15 siblings with the same data bits are other spellings
    const last = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.indexOf(sig.at(-1)!);
    for (let low = 1; low < 16; low++) {
      const other = sig.slice(0, -1) + 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.charAt((last & ~15) | low);
      expect(() => decodeBase64UrlStrict(other)).toThrow(NonCanonicalEncodingError);
    }
    expect(decodeBase64UrlStrict(`${sig}A`)).toHaveLength(65); // 87 ≡ 3 (mod 4): canonical, but 65 bytes…
    expect(() => decodeBase64UrlStrict(`${sig}A`, 64)).toThrow(/expected 64 bytes/);
    expect(() => decodeBase64UrlStrict('AAAAA')).toThrow(/impossible length/);
    for (const bad of ['AA==', 'A+B/', 'AA AA', 'ÀA']) expect(() => decodeBase64UrlStrict(bad)).toThrow(NonCanonicalEncodingError);
    const b32 = toBase32(bytes(3)); // 24 bits in 5 characters: 1 unused bit
    expect(() => decodeBase32Strict(b32.slice(0, -1) + 'B')).toThrow(/unused trailing bits/);
    for (const bad of [b32.toLowerCase(), `${b32}=`, 'A', 'AAA', 'AAAAAA', 'AB1A', 'AB8A'])
      expect(() => decodeBase32Strict(bad)).toThrow(NonCanonicalEncodingError);
  });
  it('verifyBytes accepts only the canonical 86-character signature', async () => {
    const pair = await generatePassKeyPair();
    const data = new TextEncoder().encode('{"id":"x"}');
    const sig = await signBytes(pair.privateKey, data);
    await expect(verifyBytes(pair.publicKey, data, sig)).resolves.toBe(true);
    const respelled = sig.slice(0, -1) + String.fromCharCode(sig.charCodeAt(sig.length - 1) + 1);
    await expect(verifyBytes(pair.publicKey, data, respelled)).resolves.toBe(false);
    await expect(verifyBytes(pair.publicKey, data, `${sig}A`)).resolves.toBe(false);
  });
});

const NOW = Date.UTC(2026, 10, 22, 2, 0, 0);
const nowS = NOW / 1000;

async function kioskKey(site = 'site_a') {
  const pair = await generatePassKeyPair();
  const kid = await keyIdOf(pair.publicKey);
  const key: PassKey = { kid, issuer: 'kiosk:k_1', publicKey: pair.publicKey, revoked: false, site };
  return { pair, kid, key };
}
async function cloudKey() {
  const pair = await generatePassKeyPair();
  const kid = await keyIdOf(pair.publicKey);
  const key: PassKey = { kid, issuer: 'cloud', publicKey: pair.publicKey, revoked: false };
  return { pair, kid, key };
}
const VISIT = '3f2b8c1a-9d4e-4f6a-8b2c-1e0d9c8b7a65';

describe('compact (version 2) passes', () => {
  it('kiosk pass: visit subject, 172 characters, QR version 7 at M; verifies with the site of its key', async () => {
    const { pair, kid, key } = await kioskKey();
    const token = await signPassV2({ subject: { kind: 'visit', visitId: VISIT }, site: 'site_a', nbf: nowS, exp: nowS + 8 * 3600, kid }, pair.privateKey);
    expect(token).toMatch(/^PD2\.[A-Z2-7]{168}$/);
    expect(QRCode.create(token, { errorCorrectionLevel: 'M' }).version).toBe(7);
    await expect(verifyPass(token, [key], { nowMs: NOW })).resolves.toEqual({
      v: 2,
      pid: VISIT,
      site: 'site_a',
      nbf: nowS,
      exp: nowS + 8 * 3600,
      iss: 'kiosk:k_1',
      kid,
    });
    await expect(verifyPass(token, [key], { nowMs: NOW, site: 'site_b' })).rejects.toMatchObject({ code: 'pass_wrong_site' });
    await expect(verifyPass(token, [{ ...key, site: 'site_b' }], { nowMs: NOW })).rejects.toMatchObject({ code: 'pass_wrong_site' });
    const { site: _none, ...unscoped } = key;
    await expect(verifyPass(token, [unscoped], { nowMs: NOW })).rejects.toMatchObject({ code: 'pass_wrong_site' });
    await expect(verifyPass(token, [{ ...key, revoked: true }], { nowMs: NOW })).rejects.toMatchObject({ code: 'pass_key_revoked' });
    await expect(verifyPass(token, [], { nowMs: NOW })).rejects.toMatchObject({ code: 'pass_unknown_key' });
  });

  it('a kiosk key cannot sign for another site; a kiosk pass with another site tag is refused even by the cloud', async () => {
    const { pair, kid, key } = await kioskKey('site_b');
    const token = await signPassV2({ subject: { kind: 'visit', visitId: VISIT }, site: 'site_a', nbf: nowS, exp: nowS + 60, kid }, pair.privateKey);
    await expect(verifyPass(token, [key], { nowMs: NOW, sites: ['site_a', 'site_b'] })).rejects.toMatchObject({ code: 'pass_wrong_site' });
  });

  it('cloud pass: booking subject; the site comes from the verifier (its own, or one of its sites)', async () => {
    const { pair, kid, key } = await cloudKey();
    const bookingId = 'bk_0123456789abcdef0123456789abcdef';
    const token = await signPassV2({ subject: { kind: 'booking', bookingId }, site: 'site_a', nbf: nowS - 60, exp: nowS + 3600, kid }, pair.privateKey);
    expect(token).toHaveLength(172);
    const expected = { v: 2, pid: bookingId, bid: bookingId, site: 'site_a', nbf: nowS - 60, exp: nowS + 3600, iss: 'cloud', kid };
    await expect(verifyPass(token, [key], { nowMs: NOW, site: 'site_a' })).resolves.toEqual(expected);
    await expect(verifyPass(token, [key], { nowMs: NOW, sites: ['site_z', 'site_a'] })).resolves.toEqual(expected);
    await expect(verifyPass(token, [key], { nowMs: NOW, site: 'site_b' })).rejects.toMatchObject({ code: 'pass_wrong_site' });
    await expect(verifyPass(token, [key], { nowMs: NOW })).rejects.toMatchObject({ code: 'pass_wrong_site' });
  });

  it('short booking ids fit (≤ 18 characters) and stay within QR version 7; longer ones and non-canonical inputs are refused at signing', async () => {
    const { pair, kid, key } = await cloudKey();
    const base: Omit<PassV2Input, 'subject'> = { site: 'site_a', nbf: nowS, exp: nowS + 60, kid };
    const longest = await signPassV2({ ...base, subject: { kind: 'booking', bookingId: 'bk_demo_a001_x_y_z' } }, pair.privateKey);
    expect(longest.length).toBe(PASS_V2_MAX_LENGTH);
    expect(PASS_V2_MAX_LENGTH).toBeLessThanOrEqual(178);
    expect(QRCode.create(longest, { errorCorrectionLevel: 'M' }).version).toBeLessThanOrEqual(7);
    await expect(verifyPass(longest, [key], { nowMs: NOW, site: 'site_a' })).resolves.toMatchObject({ bid: 'bk_demo_a001_x_y_z' });
    await expect(signPassV2({ ...base, subject: { kind: 'booking', bookingId: 'x'.repeat(19) } }, pair.privateKey)).rejects.toThrow(RangeError);
    await expect(signPassV2({ ...base, subject: { kind: 'visit', visitId: VISIT.toUpperCase() } }, pair.privateKey)).rejects.toThrow(RangeError);
    await expect(signPassV2({ ...base, kid: 'short', subject: { kind: 'visit', visitId: VISIT } }, pair.privateKey)).rejects.toThrow(RangeError);
    await expect(signPassV2({ ...base, exp: nowS + PASS_V2_MAX_SECONDS + 1, subject: { kind: 'visit', visitId: VISIT } }, pair.privateKey)).rejects.toThrow(
      RangeError,
    );
    expect(compactWindow(nowS, nowS + PASS_V2_MAX_SECONDS + 99)).toEqual({ nbf: nowS, exp: nowS + PASS_V2_MAX_SECONDS });
    expect(compactWindow(nowS, nowS - 5)).toEqual({ nbf: nowS, exp: nowS });
  });

  it('checks the window (with skew) unless told to ignore it', async () => {
    const { pair, kid, key } = await kioskKey();
    const token = await signPassV2({ subject: { kind: 'visit', visitId: VISIT }, site: 'site_a', nbf: nowS, exp: nowS + 3600, kid }, pair.privateKey);
    await expect(verifyPass(token, [key], { nowMs: NOW + 2 * 3600_000 })).rejects.toMatchObject({ code: 'pass_expired' });
    await expect(verifyPass(token, [key], { nowMs: NOW - 3600_000 })).rejects.toMatchObject({ code: 'pass_not_yet_valid' });
    await expect(verifyPass(token, [key], { nowMs: NOW + 2 * 3600_000, ignoreValidityWindow: true })).resolves.toMatchObject({ pid: VISIT });
  });

  it('has exactly one spelling: no other string of one changed character verifies, and none decodes to the same claims', async () => {
    const { pair, kid, key } = await kioskKey();
    const token = await signPassV2({ subject: { kind: 'visit', visitId: VISIT }, site: 'site_a', nbf: nowS, exp: nowS + 3600, kid }, pair.privateKey);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567abcz01=';
    const body = token.slice(4);
    for (let i = 0; i < body.length; i += 7) {
      for (const c of alphabet) {
        if (c === body[i]) continue;
        const other = `PD2.${body.slice(0, i)}${c}${body.slice(i + 1)}`;
        await expect(verifyPass(other, [key], { nowMs: NOW })).rejects.toMatchObject({
          code: expect.stringMatching(/^pass_(malformed|bad_signature|unknown_key|wrong_site)$/),
        });
      }
    }
    for (const other of [token.toLowerCase(), `${token}A`, `${token}AA`, `pd2.${body}`, `PD2:${body}`, `PD2.${body}=`]) {
      await expect(verifyPass(other, [key], { nowMs: NOW }), other.slice(-4)).rejects.toMatchObject({ code: 'pass_malformed' });
    }
    // surrounding whitespace (a scanner's CR/LF) is not part of the token
    await expect(verifyPass(` ${token}\r\n`, [key], { nowMs: NOW })).resolves.toMatchObject({ pid: VISIT });
    const decoded = decodePass(token);
    expect(decoded.v).toBe(2);
  });
});
