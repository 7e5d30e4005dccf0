/**
 * Version 2 pass tokens ("compact"): only what a gate needs to decide offline, in binary, so that the QR code is
 * version 7 or lower at error correction M on 58 mm paper and cheap scanners. Names, host and party size are not
 * carried: whoever shows or prints a pass looks them up by the pass's subject.
 *
 *   PD2.<base32(body ‖ signature)>          RFC 4648 base32, upper case, no padding
 *
 * body (big-endian):
 *
 *   offset  bytes  field
 *   0       1      subject kind: 0 = visit UUID, 1 = booking id "bk_" + 32 hex, 2 = any other booking id
 *   1       9      kid: the signing key's id (12 base64url characters = exactly 9 bytes)
 *   10      8      site tag: SHA-256("passdesk/site:" ‖ site id), first 8 bytes
 *   18      4      nbf: valid from, seconds since the epoch, uint32
 *   22      3      exp − nbf: seconds, uint24 (a pass lasts at most PASS_V2_MAX_SECONDS, ~194 days)
 *   25      16     subject, kinds 0 and 1: the UUID's / the hex id's 16 bytes
 *           1+L    subject, kind 2: L (1…18), then L ASCII bytes of [A-Za-z0-9_-]
 *   then    64     Ed25519 signature over ASCII "PD2." ‖ body
 *
 * Budget. QR version 7-M holds 178 alphanumeric characters; base32 digits are alphanumeric ("." too), so the
 * whole token is one alphanumeric segment. Kinds 0/1: 25 + 16 + 64 = 105 bytes → 168 base32 characters → 172
 * with the prefix. Kind 2 at its longest: 25 + 19 + 64 = 108 bytes → 173 → 177 characters. (Version 1 tokens
 * are ~330 characters, QR version 11.)
 *
 * The issuer is not carried: the key id names the key, and the key names its issuer (a kiosk's key also its one
 * site). The site tag is checked against the key's site (kiosk keys) or the verifier's site(s) (cloud keys); a
 * tag never becomes a site by itself. Decoding is strict: exactly one spelling of every token (canonical base32,
 * exact lengths, canonical subject), anything else is `pass_malformed`.
 */
import { PassError } from './passError';
import { decodeBase32Strict, decodeBase64UrlStrict, NonCanonicalEncodingError, toBase32, toBase64Url } from './strictEncoding';

type Bytes = Uint8Array<ArrayBuffer>;

export const PASS_V2_PREFIX = 'PD2';
/** The longest validity a compact pass can say (uint24 seconds). */
export const PASS_V2_MAX_SECONDS = 0xff_ffff;

/** A validity window a compact pass can say: exp clamped into [nbf, nbf + PASS_V2_MAX_SECONDS] (never longer than asked). */
export function compactWindow(nbf: number, exp: number): { nbf: number; exp: number } {
  return { nbf, exp: Math.max(nbf, Math.min(exp, nbf + PASS_V2_MAX_SECONDS)) };
}

const KID_BYTES = 9;
const SITE_TAG_BYTES = 8;
const SIGNATURE_BYTES = 64;
const HEADER_BYTES = 1 + KID_BYTES + SITE_TAG_BYTES + 4 + 3;
const MAX_SHORT_BOOKING_ID = 18;
/** Longest token text: kind 2 at its longest. */
export const PASS_V2_MAX_LENGTH = PASS_V2_PREFIX.length + 1 + Math.ceil(((HEADER_BYTES + 1 + MAX_SHORT_BOOKING_ID + SIGNATURE_BYTES) * 8) / 5);

const SubjectKind = { Visit: 0, HexBooking: 1, ShortBooking: 2 } as const;
type SubjectKind = (typeof SubjectKind)[keyof typeof SubjectKind];

/** Whom a pass is for: a visit recorded at a kiosk (kiosk passes) or a booking (cloud passes). */
export type PassSubject = { kind: 'visit'; visitId: string } | { kind: 'booking'; bookingId: string };

export interface CompactPassClaims {
  kid: string;
  siteTag: Bytes;
  nbf: number;
  exp: number;
  subject: PassSubject;
}

export interface DecodedCompactPass {
  claims: CompactPassClaims;
  /** the bytes the signature covers */
  signed: Bytes;
  signature: Bytes;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const HEX_BOOKING = /^bk_[0-9a-f]{32}$/;
const SHORT_ID = /^[A-Za-z0-9_-]{1,18}$/;
const KID = /^[A-Za-z0-9_-]{12}$/;

/** Site tags already worked out: a digest is a trip through WebCrypto, and a process serves a handful of sites. */
const siteTags = new Map<string, Bytes>();
const KEPT_SITE_TAGS = 256;

/** The site tag of a site id (8 bytes of SHA-256 with a domain prefix). */
export async function siteTagOf(siteId: string): Promise<Bytes> {
  let tag = siteTags.get(siteId);
  if (tag === undefined) {
    const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(`passdesk/site:${siteId}`));
    tag = new Uint8Array(digest, 0, SITE_TAG_BYTES).slice();
    if (siteTags.size >= KEPT_SITE_TAGS) siteTags.delete(siteTags.keys().next().value as string);
    siteTags.set(siteId, tag);
  }
  return tag.slice(); // a copy: the kept tag stays as computed
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

/** Whether a subject can be carried (a visit id must be a lower-case UUID; a booking id "bk_<hex>" or ≤ 18 characters). */
export function isCompactSubject(subject: PassSubject): boolean {
  return subject.kind === 'visit' ? UUID.test(subject.visitId) : HEX_BOOKING.test(subject.bookingId) || SHORT_ID.test(subject.bookingId);
}

function hexBytes(hex: string): Bytes {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

function hexOf(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function encodeSubject(subject: PassSubject): { kind: SubjectKind; bytes: Bytes } {
  if (subject.kind === 'visit') {
    if (!UUID.test(subject.visitId)) throw new RangeError('a compact pass names a visit by its lower-case UUID');
    return { kind: SubjectKind.Visit, bytes: hexBytes(subject.visitId.replace(/-/g, '')) };
  }
  const id = subject.bookingId;
  if (HEX_BOOKING.test(id)) return { kind: SubjectKind.HexBooking, bytes: hexBytes(id.slice(3)) };
  if (!SHORT_ID.test(id)) throw new RangeError(`booking id ${id} does not fit a compact pass`);
  return { kind: SubjectKind.ShortBooking, bytes: Uint8Array.from([id.length, ...new TextEncoder().encode(id)]) };
}

/** The bytes a compact pass's signature covers: "PD2." then the body. */
export function compactSigningBytes(claims: CompactPassClaims): Bytes {
  const { kid, siteTag, nbf, exp } = claims;
  if (!KID.test(kid)) throw new RangeError('a compact pass needs a 12-character key id');
  if (siteTag.length !== SITE_TAG_BYTES) throw new RangeError('site tag: 8 bytes');
  if (!Number.isInteger(nbf) || nbf < 0 || nbf > 0xffff_ffff) throw new RangeError('nbf out of range');
  if (!Number.isInteger(exp) || exp < nbf || exp - nbf > PASS_V2_MAX_SECONDS) throw new RangeError('exp must be 0…PASS_V2_MAX_SECONDS after nbf');
  const subject = encodeSubject(claims.subject);
  const prefix = new TextEncoder().encode(`${PASS_V2_PREFIX}.`);
  const out = new Uint8Array(prefix.length + HEADER_BYTES + subject.bytes.length);
  const view = new DataView(out.buffer);
  let at = 0;
  out.set(prefix, at);
  at += prefix.length;
  out[at++] = subject.kind;
  out.set(decodeBase64UrlStrict(kid, KID_BYTES), at);
  at += KID_BYTES;
  out.set(siteTag, at);
  at += SITE_TAG_BYTES;
  view.setUint32(at, nbf);
  at += 4;
  const delta = exp - nbf;
  out[at++] = delta >>> 16;
  view.setUint16(at, delta & 0xffff);
  at += 2;
  out.set(subject.bytes, at);
  return out;
}

/** The token text of signed bytes and their 64-byte signature. */
export function compactToken(signed: Uint8Array, signature: Uint8Array): string {
  const prefixLength = PASS_V2_PREFIX.length + 1;
  const payload = new Uint8Array(signed.length - prefixLength + signature.length);
  payload.set(signed.subarray(prefixLength), 0);
  payload.set(signature, signed.length - prefixLength);
  return `${PASS_V2_PREFIX}.${toBase32(payload)}`;
}

const malformed = (why: string) => new PassError('pass_malformed', `malformed pass: ${why}`);

/** Parses a compact token (text after trimming nothing: the caller trims). Throws PassError pass_malformed. */
export function decodeCompactPass(token: string): DecodedCompactPass {
  if (!token.startsWith(`${PASS_V2_PREFIX}.`)) throw malformed('not a version 2 pass');
  if (token.length > PASS_V2_MAX_LENGTH) throw malformed('too long');
  let raw: Bytes;
  try {
    raw = decodeBase32Strict(token.slice(PASS_V2_PREFIX.length + 1));
  } catch (err) {
    if (err instanceof NonCanonicalEncodingError) throw malformed(err.message);
    throw err;
  }
  if (raw.length < HEADER_BYTES + 1 + SIGNATURE_BYTES) throw malformed('too short');
  const body = raw.subarray(0, raw.length - SIGNATURE_BYTES);
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  let at = 0;
  const kind = body[at++];
  const kid = toBase64Url(body.subarray(at, at + KID_BYTES));
  at += KID_BYTES;
  const siteTag = body.slice(at, at + SITE_TAG_BYTES);
  at += SITE_TAG_BYTES;
  const nbf = view.getUint32(at);
  at += 4;
  const exp = nbf + (((body[at] ?? 0) << 16) | view.getUint16(at + 1));
  at += 3;
  const rest = body.subarray(at);
  let subject: PassSubject;
  if (kind === SubjectKind.Visit || kind === SubjectKind.HexBooking) {
    if (rest.length !== 16) throw malformed('wrong length for its subject');
    const hex = hexOf(rest);
    subject =
      kind === SubjectKind.Visit
        ? { kind: 'visit', visitId: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}` }
        : { kind: 'booking', bookingId: `bk_${hex}` };
  } else if (kind === SubjectKind.ShortBooking) {
    const length = rest[0] ?? 0;
    if (rest.length !== 1 + length) throw malformed('wrong length for its subject');
    const id = String.fromCharCode(...rest.subarray(1));
    if (!SHORT_ID.test(id)) throw malformed('booking id is not an id');
    subject = { kind: 'booking', bookingId: id };
  } else throw malformed('unknown subject kind');
  const signed = new Uint8Array(PASS_V2_PREFIX.length + 1 + body.length);
  signed.set(new TextEncoder().encode(`${PASS_V2_PREFIX}.`), 0);
  signed.set(body, PASS_V2_PREFIX.length + 1);
  return { claims: { kid, siteTag, nbf, exp, subject }, signed, signature: raw.slice(raw.length - SIGNATURE_BYTES) };
}
