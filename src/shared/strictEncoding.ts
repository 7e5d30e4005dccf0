/**
 * Canonical text encodings of bytes: every byte string has exactly one accepted spelling, so a signed token or a
 * key cannot be re-spelled (malleated) into a second string that decodes to the same bytes.
 *
 * - base64url (RFC 4648 §5), no padding: a length ≡ 1 (mod 4) is refused, and so are unused trailing bits that
 *   are not zero (the 86th character of a 64-byte signature carries 2 data bits and 4 unused ones).
 * - base32 (RFC 4648 §6), upper case, no padding: lengths ≡ 1, 3 or 6 (mod 8) are refused, and so are unused
 *   trailing bits that are not zero. All its characters are in the QR alphanumeric set.
 *
 * Decoders throw NonCanonicalEncodingError; callers turn it into their own error (pass_malformed…).
 */

type Bytes = Uint8Array<ArrayBuffer>;

export class NonCanonicalEncodingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NonCanonicalEncodingError';
  }
}

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function lookup(alphabet: string): Int8Array {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < alphabet.length; i++) table[alphabet.charCodeAt(i)] = i;
  return table;
}
const BASE64URL_VALUE = lookup(BASE64URL);
const BASE32_VALUE = lookup(BASE32);

/** Packs `bits`-bit digits into bytes; canonical (unused trailing bits zero) or throws. */
function decodeDigits(text: string, table: Int8Array, bits: number, name: string): Bytes {
  const out = new Uint8Array(Math.floor((text.length * bits) / 8));
  let acc = 0;
  let held = 0;
  let at = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const value = code < 128 ? (table[code] ?? -1) : -1;
    if (value < 0) throw new NonCanonicalEncodingError(`not ${name}: unexpected character at ${i}`);
    acc = ((acc << bits) | value) & 0xffff;
    held += bits;
    if (held >= 8) {
      held -= 8;
      out[at++] = (acc >> held) & 0xff;
    }
  }
  if (held > 0 && (acc & ((1 << held) - 1)) !== 0) throw new NonCanonicalEncodingError(`not canonical ${name}: unused trailing bits are set`);
  return out;
}

function encodeDigits(bytes: Uint8Array, alphabet: string, bits: number): string {
  let out = '';
  let acc = 0;
  let held = 0;
  const mask = (1 << bits) - 1;
  for (const b of bytes) {
    acc = ((acc << 8) | b) & 0xffff;
    held += 8;
    while (held >= bits) {
      held -= bits;
      out += alphabet.charAt((acc >> held) & mask);
    }
  }
  if (held > 0) out += alphabet.charAt((acc << (bits - held)) & mask);
  return out;
}

export function toBase64Url(bytes: Uint8Array): string {
  return encodeDigits(bytes, BASE64URL, 6);
}

/** Canonical unpadded base64url → bytes; `expectedBytes` demands an exact decoded length. */
export function decodeBase64UrlStrict(text: string, expectedBytes?: number): Bytes {
  if (text.length % 4 === 1) throw new NonCanonicalEncodingError('not base64url: impossible length');
  const bytes = decodeDigits(text, BASE64URL_VALUE, 6, 'base64url');
  if (expectedBytes !== undefined && bytes.length !== expectedBytes)
    throw new NonCanonicalEncodingError(`expected ${expectedBytes} bytes of base64url, got ${bytes.length}`);
  return bytes;
}

/** The one base64url length of `n` bytes. */
export const base64UrlLength = (n: number): number => Math.ceil((n * 8) / 6);

export function toBase32(bytes: Uint8Array): string {
  return encodeDigits(bytes, BASE32, 5);
}

/** Canonical unpadded upper-case base32 → bytes. */
export function decodeBase32Strict(text: string): Bytes {
  if ([1, 3, 6].includes(text.length % 8)) throw new NonCanonicalEncodingError('not base32: impossible length');
  return decodeDigits(text, BASE32_VALUE, 5, 'base32');
}

/** The one base32 length of `n` bytes. */
export const base32Length = (n: number): number => Math.ceil((n * 8) / 5);
