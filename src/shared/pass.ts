/**
 * Pass tokens: Ed25519-signed, verifiable offline by any kiosk or gate.
 *
 *   PD1.<base64url(JSON payload)>.<base64url(signature over "PD1.<payload part>")>
 *
 * Uses WebCrypto (globalThis.crypto.subtle), present in Node ≥ 20 and in Chromium, so the same code signs
 * in the cloud and the kiosk core and verifies anywhere. Keys travel as base64url: raw 32-byte public keys,
 * PKCS#8 private keys. The payload carries no phone or ID number, only a masked name.
 */
import { z } from 'zod';

export const PASS_PREFIX = 'PD1';

export const PassPayload = z.object({
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
  n: z.number().int().min(1).max(500),
  /** valid from / until, seconds since the epoch */
  nbf: z.number().int(),
  exp: z.number().int(),
  /** issuer: "cloud" or "kiosk:<kioskId>" */
  iss: z.string().min(1).max(80),
  /** key id of the signing key */
  kid: z.string().min(1).max(64),
});
export type PassPayload = z.infer<typeof PassPayload>;

export const PassKey = z.object({
  kid: z.string().min(1).max(64),
  issuer: z.string().min(1).max(80),
  publicKey: z.string().min(40).max(48),
  revoked: z.boolean().default(false),
  /** the one site a kiosk's key vouches for; absent only for the cloud's own keys, which vouch for any site */
  site: z.string().min(1).max(64).optional(),
});
export type PassKey = z.infer<typeof PassKey>;

export type PassErrorCode =
  | 'pass_malformed'
  | 'pass_unknown_key'
  | 'pass_bad_signature'
  | 'pass_not_yet_valid'
  | 'pass_expired'
  | 'pass_key_revoked'
  | 'pass_wrong_site';

/** The issuer of passes the cloud signs; a kiosk signs as `kiosk:<kioskId>`. */
export const CLOUD_ISSUER = 'cloud';

export class PassError extends Error {
  constructor(
    readonly code: PassErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PassError';
  }
}

const subtle = () => globalThis.crypto.subtle;
type Key = Parameters<ReturnType<typeof subtle>['sign']>[1];
type Bytes = Uint8Array<ArrayBuffer>;
const ED = { name: 'Ed25519' } as const;

export function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Bytes {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new PassError('pass_malformed', 'not base64url');
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4);
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
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
  const digest = new Uint8Array(await subtle().digest('SHA-256', fromBase64Url(publicKey)));
  return toBase64Url(digest).slice(0, 12);
}

async function importPrivate(privateKey: string): Promise<Key> {
  return subtle().importKey('pkcs8', fromBase64Url(privateKey), ED, false, ['sign']);
}

async function importPublic(publicKey: string): Promise<Key> {
  return subtle().importKey('raw', fromBase64Url(publicKey), ED, false, ['verify']);
}

/** Signs arbitrary bytes (used for passes and for kiosk sync commands). */
export async function signBytes(privateKey: string, data: Bytes): Promise<string> {
  const sig = new Uint8Array(await subtle().sign(ED, await importPrivate(privateKey), data));
  return toBase64Url(sig);
}

export async function verifyBytes(publicKey: string, data: Bytes, signature: string): Promise<boolean> {
  try {
    const sig = fromBase64Url(signature);
    if (sig.length !== 64) return false;
    return await subtle().verify(ED, await importPublic(publicKey), sig, data);
  } catch {
    return false;
  }
}

export async function signPass(payload: PassPayload, privateKey: string): Promise<string> {
  const body = toBase64Url(new TextEncoder().encode(JSON.stringify(PassPayload.parse(payload))));
  const signed = `${PASS_PREFIX}.${body}`;
  return `${signed}.${await signBytes(privateKey, new TextEncoder().encode(signed))}`;
}

/** Parses a token without checking its signature (to learn its key id). Throws PassError. */
export function decodePass(token: string): { payload: PassPayload; signed: string; signature: string } {
  const text = token.trim();
  if (text.length > 2048) throw new PassError('pass_malformed', 'pass token too long');
  const parts = text.split('.');
  if (parts.length !== 3 || parts[0] !== PASS_PREFIX) throw new PassError('pass_malformed', 'not a Passdesk pass');
  const [prefix, body, signature] = parts as [string, string, string];
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(fromBase64Url(body)));
  } catch {
    throw new PassError('pass_malformed', 'pass payload is not JSON');
  }
  const parsed = PassPayload.safeParse(json);
  if (!parsed.success) throw new PassError('pass_malformed', 'pass payload has the wrong shape');
  return { payload: parsed.data, signed: `${prefix}.${body}`, signature };
}

export interface VerifyPassOptions {
  /** the clock, ms since the epoch (default now) */
  nowMs?: number;
  /** tolerated clock drift between kiosks, seconds (default 120) */
  skewSeconds?: number;
  /** the verifier's own site: a pass of any other site is refused (a kiosk passes its site; the cloud its caller's) */
  site?: string;
}

/**
 * Verifies a token against known keys and the clock. Throws PassError with a code saying why not.
 * A key vouches only for its own issuer and, for a kiosk's key, its own site: a kiosk enrolled at site B
 * cannot sign a pass for site A, and a kiosk key without a site vouches for nothing.
 */
export async function verifyPass(token: string, keys: readonly PassKey[], opts: VerifyPassOptions = {}): Promise<PassPayload> {
  const { nowMs = Date.now(), skewSeconds = 120 } = opts;
  const { payload, signed, signature } = decodePass(token);
  const key = keys.find((k) => k.kid === payload.kid);
  if (!key) throw new PassError('pass_unknown_key', `pass signed by an unknown key (${payload.kid})`);
  if (key.revoked) throw new PassError('pass_key_revoked', 'pass signed by a revoked key');
  if (key.issuer !== payload.iss) throw new PassError('pass_bad_signature', 'pass issuer does not match its key');
  if (!(await verifyBytes(key.publicKey, new TextEncoder().encode(signed), signature)))
    throw new PassError('pass_bad_signature', 'pass signature does not verify');
  if (key.issuer !== CLOUD_ISSUER && key.site !== payload.site)
    throw new PassError('pass_wrong_site', 'pass signed by a kiosk of another site');
  if (opts.site !== undefined && payload.site !== opts.site) throw new PassError('pass_wrong_site', 'pass is for another site');
  const now = Math.floor(nowMs / 1000);
  if (now + skewSeconds < payload.nbf) throw new PassError('pass_not_yet_valid', 'pass is not valid yet');
  if (now - skewSeconds > payload.exp) throw new PassError('pass_expired', 'pass has expired');
  return payload;
}

/** 张三 → 张*; 欧阳娜娜 → 欧**娜; John Smith → J*** S****. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (/^[\p{Script=Han}·]+$/u.test(name.trim())) {
    if (chars.length <= 2) return `${chars[0] ?? ''}*`;
    return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
  }
  return name
    .trim()
    .split(/\s+/)
    .map((w) => (w.length <= 1 ? w : `${w[0]}${'*'.repeat(w.length - 1)}`))
    .join(' ');
}
