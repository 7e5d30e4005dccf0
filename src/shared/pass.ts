/**
 * Pass tokens: Ed25519-signed, verifiable offline by any kiosk or gate. Two versions verify:
 *
 *   PD2.<base32(binary claims ‖ signature)>   version 2, issued now: compact (QR version 7 at M), see compactPass.ts
 *   PD1.<base64url(JSON payload)>.<base64url(signature over "PD1.<payload part>")>   version 1, until its passes expire
 *
 * Uses WebCrypto (globalThis.crypto.subtle), present in Node ≥ 20 and in Chromium, so the same code signs
 * in the cloud and the kiosk core and verifies anywhere. Keys travel as base64url: raw 32-byte public keys,
 * PKCS#8 private keys. Every encoding is decoded strictly (strictEncoding.ts): a token, a signature or a key has
 * exactly one valid spelling. A version 1 payload carries no phone or ID number, only a masked name; a version 2
 * token carries no name at all (the verifier looks names up by the pass's subject).
 */
import { z } from 'zod';
import {
  compactSigningBytes,
  compactToken,
  decodeCompactPass,
  PASS_V2_PREFIX,
  sameBytes,
  siteTagOf,
  type CompactPassClaims,
  type PassSubject,
} from './compactPass';
import { PartySize } from './domain';
import { PassError } from './passError';
import { decodeBase64UrlStrict, NonCanonicalEncodingError, toBase64Url } from './strictEncoding';

export { PassError, type PassErrorCode } from './passError';
export { compactWindow, PASS_V2_PREFIX, PASS_V2_MAX_SECONDS, type PassSubject } from './compactPass';
export { toBase64Url };

export const PASS_PREFIX = 'PD1';

/** A raw 32-byte Ed25519 public key in canonical base64url: 43 characters, the last one's 2 unused bits zero. */
export const CANONICAL_PUBLIC_KEY = /^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/;

/** The JSON inside a version 1 token, exactly as signed. */
export const PassPayloadV1 = z.object({
  /** pass id: the visit id for kiosk-issued passes, a random id for cloud-issued ones */
  pid: z.string().min(1).max(64),
  /** booking id, when the pass belongs to a booking */
  bid: z.string().min(1).max(64).optional(),
  site: z.string().min(1).max(64),
  /** masked visitor name, e.g. 张*三 */
  name: z.string().max(40),
  /** host's name */
  host: z.string().max(40),
  /** party size on this pass */
  n: PartySize,
  /** valid from / until, seconds since the epoch */
  nbf: z.number().int(),
  exp: z.number().int(),
  /** issuer: "cloud" or "kiosk:<kioskId>" */
  iss: z.string().min(1).max(80),
  /** key id of the signing key */
  kid: z.string().min(1).max(64),
});
export type PassPayloadV1 = z.infer<typeof PassPayloadV1>;

/**
 * A verified pass, either version. Version 1 carries name, host and party size; version 2 does not, and whoever
 * answers fills them from its own records when it has them (the kiosk from its visits and bookings, the cloud
 * from its bookings).
 */
export const PassPayload = z.object({
  /** token version: 1 (PD1, JSON) or 2 (PD2, compact) */
  v: z.union([z.literal(1), z.literal(2)]),
  /** pass id: version 1 the visit id (kiosk) or a random id (cloud); version 2 the visit id (kiosk) or the booking id (cloud) */
  pid: z.string().min(1).max(64),
  /** booking id, when the pass belongs to a booking (version 2 kiosk passes: when the verifier knows the visit) */
  bid: z.string().min(1).max(64).optional(),
  site: z.string().min(1).max(64),
  /** masked visitor name, e.g. 张*三 */
  name: z.string().max(40).optional(),
  /** host's name */
  host: z.string().max(40).optional(),
  /** party size on this pass */
  n: PartySize.optional(),
  /** valid from / until, seconds since the epoch */
  nbf: z.number().int(),
  exp: z.number().int(),
  /** issuer: "cloud" or "kiosk:<kioskId>" (version 2: its key's issuer) */
  iss: z.string().min(1).max(80),
  /** key id of the signing key */
  kid: z.string().min(1).max(64),
});
export type PassPayload = z.infer<typeof PassPayload>;

/** A pass as its issuer shows it: the payload with the names filled in. */
export const PassDetails = PassPayload.extend({
  name: z.string().max(40),
  host: z.string().max(40),
  n: PartySize,
});
export type PassDetails = z.infer<typeof PassDetails>;

export const PassKey = z.object({
  kid: z.string().min(1).max(64),
  issuer: z.string().min(1).max(80),
  publicKey: z.string().regex(CANONICAL_PUBLIC_KEY, 'publicKey: 32 bytes, canonical base64url'),
  revoked: z.boolean().default(false),
  /** the one site a kiosk's key (or a site's own cloud key, made by rotating its key) vouches for; absent only for the cloud's key for any site */
  site: z.string().min(1).max(64).optional(),
});
export type PassKey = z.infer<typeof PassKey>;

/** The issuer of passes the cloud signs; a kiosk signs as `kiosk:<kioskId>`. */
export const CLOUD_ISSUER = 'cloud';

const subtle = () => globalThis.crypto.subtle;
type Key = Parameters<ReturnType<typeof subtle>['sign']>[1];
type Bytes = Uint8Array<ArrayBuffer>;
const ED = { name: 'Ed25519' } as const;
const SIGNATURE_BYTES = 64;
const PUBLIC_KEY_BYTES = 32;

/** Canonical unpadded base64url → bytes (optionally of an exact length); PassError pass_malformed otherwise. */
export function fromBase64Url(text: string, expectedBytes?: number): Bytes {
  try {
    return decodeBase64UrlStrict(text, expectedBytes);
  } catch (err) {
    if (err instanceof NonCanonicalEncodingError) throw new PassError('pass_malformed', err.message);
    throw err;
  }
}

export interface PassKeyPair {
  publicKey: string;
  privateKey: string;
}

export async function generatePassKeyPair(): Promise<PassKeyPair> {
  const pair = (await subtle().generateKey(ED, true, ['sign', 'verify'])) as { publicKey: Key; privateKey: Key };
  const pub = new Uint8Array(await subtle().exportKey('raw', pair.publicKey));
  const priv = new Uint8Array(await subtle().exportKey('pkcs8', pair.privateKey));
  return { publicKey: toBase64Url(pub), privateKey: toBase64Url(priv) };
}

/** A short key id derived from the public key (first 12 chars of base64url SHA-256). */
export async function keyIdOf(publicKey: string): Promise<string> {
  const digest = new Uint8Array(await subtle().digest('SHA-256', fromBase64Url(publicKey, PUBLIC_KEY_BYTES)));
  return toBase64Url(digest).slice(0, 12);
}

/**
 * Imported keys, kept: importing costs more than the signature itself, and a process signs and verifies with a handful
 * of keys (its site's, a kiosk's). Non-extractable CryptoKeys, at most KEPT_KEYS of each use, the oldest dropped
 * first; a key that fails to import is not kept (the next call throws again).
 */
const KEPT_KEYS = 64;
const privateKeys = new Map<string, Promise<Key>>();
const publicKeys = new Map<string, Promise<Key>>();

function keptKey(kept: Map<string, Promise<Key>>, text: string, load: () => Promise<Key>): Promise<Key> {
  const hit = kept.get(text);
  if (hit) return hit;
  const loading = load();
  loading.catch(() => kept.delete(text));
  if (kept.size >= KEPT_KEYS) kept.delete(kept.keys().next().value as string);
  kept.set(text, loading);
  return loading;
}

async function importPrivate(privateKey: string): Promise<Key> {
  return keptKey(privateKeys, privateKey, () => subtle().importKey('pkcs8', fromBase64Url(privateKey), ED, false, ['sign']));
}

async function importPublic(publicKey: string): Promise<Key> {
  return keptKey(publicKeys, publicKey, () => subtle().importKey('raw', fromBase64Url(publicKey, PUBLIC_KEY_BYTES), ED, false, ['verify']));
}

async function signRaw(privateKey: string, data: Bytes): Promise<Bytes> {
  return new Uint8Array(await subtle().sign(ED, await importPrivate(privateKey), data));
}

async function verifyRaw(publicKey: string, data: Bytes, signature: Bytes): Promise<boolean> {
  try {
    if (signature.length !== SIGNATURE_BYTES) return false;
    return await subtle().verify(ED, await importPublic(publicKey), signature, data);
  } catch {
    return false;
  }
}

/** Signs arbitrary bytes (used for passes and for kiosk sync commands): 86 characters of canonical base64url. */
export async function signBytes(privateKey: string, data: Bytes): Promise<string> {
  return toBase64Url(await signRaw(privateKey, data));
}

/** Whether `signature` (canonical base64url of exactly 64 bytes) is `publicKey`'s over `data`. */
export async function verifyBytes(publicKey: string, data: Bytes, signature: string): Promise<boolean> {
  try {
    return await verifyRaw(publicKey, data, fromBase64Url(signature, SIGNATURE_BYTES));
  } catch {
    return false;
  }
}

/** A version 1 token (JSON payload). New passes are version 2 (signPassV2); this stays for tools and tests. */
export async function signPassV1(payload: PassPayloadV1, privateKey: string): Promise<string> {
  const body = toBase64Url(new TextEncoder().encode(JSON.stringify(PassPayloadV1.parse(payload))));
  const signed = `${PASS_PREFIX}.${body}`;
  return `${signed}.${await signBytes(privateKey, new TextEncoder().encode(signed))}`;
}

export interface PassV2Input {
  /** a visit (kiosk passes) or a booking (cloud passes) */
  subject: PassSubject;
  site: string;
  nbf: number;
  exp: number;
  /** the signing key's id: 12 base64url characters, as keyIdOf makes them */
  kid: string;
}

/** A version 2 (compact) token. Throws RangeError when the input does not fit the layout. */
export async function signPassV2(input: PassV2Input, privateKey: string): Promise<string> {
  const claims: CompactPassClaims = { kid: input.kid, siteTag: await siteTagOf(input.site), nbf: input.nbf, exp: input.exp, subject: input.subject };
  const signed = compactSigningBytes(claims);
  return compactToken(signed, await signRaw(privateKey, signed));
}

/** A token parsed but not verified: version 1 names its site, version 2 only its site's tag. */
export type DecodedPass =
  { v: 1; payload: PassPayloadV1; signed: Bytes; signature: Bytes } | { v: 2; claims: CompactPassClaims; signed: Bytes; signature: Bytes };

/** The longest text taken for a token at all. */
const MAX_TOKEN_LENGTH = 2048;

function decodeV1(text: string): DecodedPass {
  const parts = text.split('.');
  if (parts.length !== 3 || parts[0] !== PASS_PREFIX) throw new PassError('pass_malformed', 'not a Passdesk pass');
  const [prefix, body, signature] = parts as [string, string, string];
  const signatureBytes = fromBase64Url(signature, SIGNATURE_BYTES);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(fromBase64Url(body)));
  } catch {
    throw new PassError('pass_malformed', 'pass payload is not canonical base64url JSON');
  }
  const parsed = PassPayloadV1.safeParse(json);
  if (!parsed.success) throw new PassError('pass_malformed', 'pass payload has the wrong shape');
  return { v: 1, payload: parsed.data, signed: new TextEncoder().encode(`${prefix}.${body}`), signature: signatureBytes };
}

/** Parses a token of either version without checking its signature. Throws PassError pass_malformed. */
export function decodePass(token: string): DecodedPass {
  const text = token.trim();
  if (text.length > MAX_TOKEN_LENGTH) throw new PassError('pass_malformed', 'pass token too long');
  if (text.startsWith(`${PASS_V2_PREFIX}.`)) {
    const { claims, signed, signature } = decodeCompactPass(text);
    return { v: 2, claims, signed, signature };
  }
  return decodeV1(text);
}

export interface VerifyPassOptions {
  /** the clock, ms since the epoch (default now) */
  nowMs?: number;
  /** tolerated clock drift between kiosks, seconds (default 120) */
  skewSeconds?: number;
  /** the verifier's own site: a pass of any other site is refused (a kiosk passes its site) */
  site?: string;
  /**
   * Without `site`: the sites a version 2 cloud pass may be for (the cloud passes all of its sites). Its site tag
   * names one of them, or the pass is refused as pass_wrong_site.
   */
  sites?: readonly string[];
  /** check the signature and site but not the validity window (a visitor leaving with an expired pass) */
  ignoreValidityWindow?: boolean;
  /**
   * The Ed25519 check to use instead of WebCrypto's (same answer: a synchronous one, src/platform/ed25519.ts, saves the
   * kiosk's desk a trip through the thread pool per scanned pass). Must answer false, never throw, on a bad key.
   */
  verifySignature?: (publicKey: string, data: Bytes, signature: Bytes) => boolean | Promise<boolean>;
}

/** The site a version 2 pass is for: its key's (kiosk keys, a site's own cloud key) or one the verifier knows (the cloud's key for any site). */
async function siteOfCompact(claims: CompactPassClaims, key: PassKey, opts: VerifyPassOptions): Promise<string> {
  if (key.issuer !== CLOUD_ISSUER || key.site !== undefined) {
    if (key.site === undefined || !sameBytes(await siteTagOf(key.site), claims.siteTag))
      throw new PassError('pass_wrong_site', key.issuer === CLOUD_ISSUER ? 'pass signed by another site’s key' : 'pass signed by a kiosk of another site');
    return key.site;
  }
  const candidates = opts.site !== undefined ? [opts.site] : (opts.sites ?? []);
  for (const site of candidates) if (sameBytes(await siteTagOf(site), claims.siteTag)) return site;
  throw new PassError('pass_wrong_site', opts.site !== undefined ? 'pass is for another site' : 'pass is for a site this verifier does not know');
}

function keyFor(kid: string, keys: readonly PassKey[]): PassKey {
  const key = keys.find((k) => k.kid === kid);
  if (!key) throw new PassError('pass_unknown_key', `pass signed by an unknown key (${kid})`);
  if (key.revoked) throw new PassError('pass_key_revoked', 'pass signed by a revoked key');
  return key;
}

/**
 * Verifies a token of either version against known keys and the clock. Throws PassError with a code saying why
 * not. A key vouches only for its own issuer and, for a kiosk's key or a key that names its site, its own site: a kiosk enrolled at site B
 * cannot sign a pass for site A, and a kiosk key without a site vouches for nothing.
 */
export async function verifyPass(token: string, keys: readonly PassKey[], opts: VerifyPassOptions = {}): Promise<PassPayload> {
  const { nowMs = Date.now(), skewSeconds = 120, verifySignature = verifyRaw } = opts;
  const decoded = decodePass(token);
  let payload: PassPayload;
  if (decoded.v === 1) {
    const claims = decoded.payload;
    const key = keyFor(claims.kid, keys);
    if (key.issuer !== claims.iss) throw new PassError('pass_bad_signature', 'pass issuer does not match its key');
    if (!(await verifySignature(key.publicKey, decoded.signed, decoded.signature))) throw new PassError('pass_bad_signature', 'pass signature does not verify');
    if (key.issuer !== CLOUD_ISSUER && key.site !== claims.site) throw new PassError('pass_wrong_site', 'pass signed by a kiosk of another site');
    if (key.issuer === CLOUD_ISSUER && key.site !== undefined && key.site !== claims.site)
      throw new PassError('pass_wrong_site', 'pass signed by another site’s key');
    payload = { v: 1, ...claims };
  } else {
    const { claims } = decoded;
    const key = keyFor(claims.kid, keys);
    if (!(await verifySignature(key.publicKey, decoded.signed, decoded.signature))) throw new PassError('pass_bad_signature', 'pass signature does not verify');
    const site = await siteOfCompact(claims, key, opts);
    const { subject } = claims;
    payload = {
      v: 2,
      pid: subject.kind === 'visit' ? subject.visitId : subject.bookingId,
      ...(subject.kind === 'booking' ? { bid: subject.bookingId } : {}),
      site,
      nbf: claims.nbf,
      exp: claims.exp,
      iss: key.issuer,
      kid: claims.kid,
    };
  }
  if (opts.site !== undefined && payload.site !== opts.site) throw new PassError('pass_wrong_site', 'pass is for another site');
  if (opts.ignoreValidityWindow === true) return payload;
  const now = Math.floor(nowMs / 1000);
  if (now + skewSeconds < payload.nbf) throw new PassError('pass_not_yet_valid', 'pass is not valid yet');
  if (now - skewSeconds > payload.exp) throw new PassError('pass_expired', 'pass has expired');
  return payload;
}
