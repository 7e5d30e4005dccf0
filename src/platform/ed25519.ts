/**
 * Ed25519 on Node's crypto, synchronous: the same signatures as WebCrypto's (src/shared/pass.ts; Ed25519 is
 * deterministic), without its trip through the thread pool and back per call. A scanned pass at the desk waited on
 * that trip, not on the maths (~0.1 ms), and on a loaded machine the trip is what grows (issue 12: by-pass p99).
 * Keys travel as in pass.ts (canonical base64url: raw 32-byte public keys, PKCS#8 private keys), decoded strictly,
 * and are kept imported (KeyObjects, at most KEPT_KEYS of each use, the oldest dropped first).
 */
import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { decodeBase64UrlStrict, toBase64Url } from '../shared/strictEncoding';

const KEPT_KEYS = 64;
const SIGNATURE_BYTES = 64;
const PUBLIC_KEY_BYTES = 32;
/** The DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410): the raw key follows. */
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

const publicKeys = new Map<string, KeyObject>();
const privateKeys = new Map<string, KeyObject>();

function kept(keys: Map<string, KeyObject>, text: string, load: () => KeyObject): KeyObject {
  const hit = keys.get(text);
  if (hit) return hit;
  const key = load(); // a key that fails to import throws and is not kept
  if (keys.size >= KEPT_KEYS) keys.delete(keys.keys().next().value as string);
  keys.set(text, key);
  return key;
}

function publicKeyOf(publicKey: string): KeyObject {
  return kept(publicKeys, publicKey, () =>
    createPublicKey({ key: Buffer.concat([SPKI_PREFIX, decodeBase64UrlStrict(publicKey, PUBLIC_KEY_BYTES)]), format: 'der', type: 'spki' }),
  );
}

function privateKeyOf(privateKey: string): KeyObject {
  return kept(privateKeys, privateKey, () => {
    const key = createPrivateKey({ key: Buffer.from(decodeBase64UrlStrict(privateKey)), format: 'der', type: 'pkcs8' });
    if (key.asymmetricKeyType !== 'ed25519') throw new TypeError('not an Ed25519 private key');
    return key;
  });
}

/** Whether `signature` (64 bytes) is `publicKey`'s over `data`; false for a malformed key or signature, never a throw. */
export function verifyEd25519(publicKey: string, data: Uint8Array, signature: Uint8Array): boolean {
  try {
    if (signature.length !== SIGNATURE_BYTES) return false;
    return verify(null, data, publicKeyOf(publicKey), signature);
  } catch {
    return false;
  }
}

/** Signs `data` with a PKCS#8 private key: the signature as 86 characters of canonical base64url (as pass.ts's signBytes). */
export function signEd25519(privateKey: string, data: Uint8Array): string {
  return toBase64Url(new Uint8Array(sign(null, data, privateKeyOf(privateKey))));
}

const KEPT_VERIFIED = 4_096;
/** Signatures found good, by key, signature and data (a pass is shown again and again: at the gate, at the desk). */
const verified = new Set<string>();

/**
 * verifyEd25519, remembering the last KEPT_VERIFIED good signatures: a pass verified again costs a look-up, not the
 * maths (~0.06 ms, issue 12: pass verify). Safe to keep: whether a signature is a key's over some data never changes;
 * only good ones are kept (a flood of bad ones cannot push them out, nor be answered from here).
 */
export function verifyEd25519Kept(publicKey: string, data: Uint8Array, signature: Uint8Array): boolean {
  const id = `${publicKey}.${Buffer.from(signature.buffer, signature.byteOffset, signature.byteLength).toString('base64')}.${Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64')}`;
  if (verified.has(id)) return true;
  const ok = verifyEd25519(publicKey, data, signature);
  if (ok) {
    if (verified.size >= KEPT_VERIFIED) verified.delete(verified.values().next().value as string);
    verified.add(id);
  }
  return ok;
}
