/**
 * Encryption at rest of the cloud's private pass signing keys (pass_keys.private_key): AES-256-GCM under a
 * key-encryption key (KEK) that never is in the database. The KEK comes from, in this order:
 * - PASSDESK_KEY_ENCRYPTION_KEY: 32 bytes, base64, base64url or hex;
 * - PASSDESK_KEY_FILE: a file holding such a key (created, mode 0600, when missing);
 * - the default key file `pass-key-encryption.key` in the data folder: beside the SQLite database (its folder), or,
 *   with PostgreSQL, the local data folder (./data), so that a database dump or backup never holds what decrypts it;
 * - an in-memory SQLite database (tests): a random key that lives as long as the database.
 * PASSDESK_KEY_ENCRYPTION_KEY_PREVIOUS (comma-separated) names keys still accepted to read, for a rotation: what is
 * stored under them is re-encrypted under the current key at start. See docs/key-encryption.md.
 *
 * Stored form (self-describing, versioned): `enc:v1:<kek id>:<iv>:<ciphertext+tag>` (base64url), the kek id being
 * the first 8 bytes (hex) of SHA-256 over the KEK; the additional data binds the ciphertext to its pass key id.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { existsSync, linkSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CloudDatabase } from './db/database';
import { ensurePrivateDir, tightenFile } from '../platform/privateFiles';

export const DEFAULT_KEY_FILE = 'pass-key-encryption.key';
/** the suffix of the next key file while `npm run cloud -- rotate-key-encryption-key` runs */
export const NEXT_KEY_FILE_SUFFIX = '.next';
const PREFIX = 'enc:v1:';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface KeyEncryptionKey {
  /** fingerprint stored with every ciphertext: which key it needs */
  readonly id: string;
  readonly key: Buffer;
  /** where it came from, for messages (never the key itself) */
  readonly source: string;
  /** the key file, when it came from one */
  readonly file?: string;
}

export interface KeyEncryptionKeys {
  /** encrypts; decrypts what it encrypted */
  readonly current: KeyEncryptionKey;
  /** decrypt only (a rotation under way); what they decrypt is re-encrypted under `current` at start */
  readonly previous: readonly KeyEncryptionKey[];
}

export type KeyEncryptionErrorCode = 'kek_invalid' | 'kek_mismatch' | 'kek_decrypt_failed' | 'kek_stored_malformed';

export class KeyEncryptionError extends Error {
  constructor(
    readonly code: KeyEncryptionErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'KeyEncryptionError';
  }
}

export const KEK_ENV = {
  key: 'PASSDESK_KEY_ENCRYPTION_KEY',
  file: 'PASSDESK_KEY_FILE',
  previous: 'PASSDESK_KEY_ENCRYPTION_KEY_PREVIOUS',
} as const;

export type KeyEnv = Readonly<Partial<Record<(typeof KEK_ENV)[keyof typeof KEK_ENV], string>>>;

export function keyEncryptionKeyId(key: Buffer): string {
  return createHash('sha256').update(key).digest().subarray(0, 8).toString('hex');
}

function fromBytes(key: Buffer, source: string, file?: string): KeyEncryptionKey {
  return { id: keyEncryptionKeyId(key), key, source, ...(file !== undefined ? { file } : {}) };
}

/** A new random KEK as text (base64, 44 characters), for a key file or PASSDESK_KEY_ENCRYPTION_KEY. */
export function newKeyEncryptionKeyText(): string {
  return randomBytes(KEY_BYTES).toString('base64');
}

/** Parses 32 bytes written as hex (64 digits), base64 or base64url. */
export function parseKeyEncryptionKey(text: string, source: string, file?: string): KeyEncryptionKey {
  const t = text.trim();
  let key: Buffer | undefined;
  if (/^[0-9a-fA-F]{64}$/.test(t)) key = Buffer.from(t, 'hex');
  else if (/^[A-Za-z0-9+/_-]{43}=?$/.test(t)) key = Buffer.from(t.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  if (key?.length !== KEY_BYTES) {
    throw new KeyEncryptionError('kek_invalid', `${source} must be 32 random bytes as base64 or 64 hex digits (e.g. \`openssl rand -base64 32\`)`);
  }
  return fromBytes(key, source, file);
}

/** Reads a key file, tightening it to 0600; creates it (0600, its folder 0700) with a new key when missing. */
export function readOrCreateKeyFile(path: string, source = `key file ${path}`): KeyEncryptionKey {
  let created = false;
  if (!existsSync(path)) {
    ensurePrivateDir(dirname(path));
    // write aside, then link: two processes starting at once end up with the same key
    const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    writeFileSync(tmp, `${newKeyEncryptionKeyText()}\n`, { mode: 0o600, flag: 'wx' });
    try {
      linkSync(tmp, path);
      created = true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      rmSync(tmp, { force: true });
    }
  }
  tightenFile(path);
  return parseKeyEncryptionKey(readFileSync(path, 'utf8'), created ? `${source}, created just now` : source, path);
}

export interface ResolveKeyEncryptionOptions {
  env: KeyEnv;
  /** the folder of the default key file; undefined: the database is in memory (a random key for its lifetime) */
  dataDir: string | undefined;
}

/** The local data folder with PostgreSQL when no other is given (the SQLite default's folder). */
export const DEFAULT_DATA_DIR = './data';

/** The folder of the default key file for `db`: the SQLite file's, `pgDataDir` for PostgreSQL, none in memory. */
export function keyFileDirOf(db: Pick<CloudDatabase, 'dialect' | 'sqlitePath'>, pgDataDir: string = DEFAULT_DATA_DIR): string | undefined {
  if (db.sqlitePath !== undefined) return dirname(db.sqlitePath);
  return db.dialect === 'postgres' ? pgDataDir : undefined;
}

/** The KEKs of this start, from the environment, a key file or the data folder (see the file comment). */
export function resolveKeyEncryptionKeys(opts: ResolveKeyEncryptionOptions): KeyEncryptionKeys {
  const { env } = opts;
  const envKey = env[KEK_ENV.key]?.trim();
  const envFile = env[KEK_ENV.file]?.trim();
  if (envKey && envFile) throw new KeyEncryptionError('kek_invalid', `set ${KEK_ENV.key} or ${KEK_ENV.file}, not both`);
  let current: KeyEncryptionKey;
  if (envKey) current = parseKeyEncryptionKey(envKey, KEK_ENV.key);
  else if (envFile) current = readOrCreateKeyFile(envFile, `${KEK_ENV.file} ${envFile}`);
  else if (opts.dataDir !== undefined) current = readOrCreateKeyFile(join(opts.dataDir, DEFAULT_KEY_FILE));
  else current = fromBytes(randomBytes(KEY_BYTES), 'a random key (in-memory database)');
  const previous = (env[KEK_ENV.previous] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s, i) => parseKeyEncryptionKey(s, `${KEK_ENV.previous} #${i + 1}`));
  // a rotation of the key file that stopped between re-encrypting and replacing the file
  const next = current.file !== undefined ? `${current.file}${NEXT_KEY_FILE_SUFFIX}` : undefined;
  if (next !== undefined && existsSync(next)) previous.push(parseKeyEncryptionKey(readFileSync(next, 'utf8'), `unfinished rotation's ${next}`, next));
  return { current, previous: previous.filter((k) => k.id !== current.id) };
}

export function isSealed(stored: string): boolean {
  return stored.startsWith(PREFIX);
}

const aad = (context: string) => Buffer.from(`passdesk:${context}`, 'utf8');

/** Encrypts `plaintext` under `kek`; `context` (e.g. the pass key id) must be given again to decrypt. */
export function seal(plaintext: string, kek: KeyEncryptionKey, context: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', kek.key, iv);
  cipher.setAAD(aad(context));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return `${PREFIX}${kek.id}:${iv.toString('base64url')}:${body.toString('base64url')}`;
}

/** The id of the KEK a sealed value needs. */
export function sealedKeyId(stored: string): string {
  const id = stored.slice(PREFIX.length).split(':')[0] ?? '';
  if (!isSealed(stored) || !/^[0-9a-f]{16}$/.test(id)) throw new KeyEncryptionError('kek_stored_malformed', 'a stored private key is not in the enc:v1 form');
  return id;
}

/**
 * Decrypts a sealed value with whichever of `keys` it names. KeyEncryptionError kek_mismatch when none is that key,
 * kek_decrypt_failed when it is but the value does not authenticate (tampered, or moved to another row).
 */
export function unseal(stored: string, keys: KeyEncryptionKeys, context: string, what: string): { plaintext: string; kek: KeyEncryptionKey } {
  const id = sealedKeyId(stored);
  const kek = [keys.current, ...keys.previous].find((k) => k.id === id);
  if (!kek) {
    throw new KeyEncryptionError(
      'kek_mismatch',
      `${what} is encrypted under key-encryption key ${id}, but this start has key ${keys.current.id} (from ${keys.current.source})` +
        `${keys.previous.length ? ` and ${keys.previous.map((k) => k.id).join(', ')}` : ''}: start with the key it was encrypted with ` +
        `(${KEK_ENV.key} or ${KEK_ENV.file}; see docs/key-encryption.md). Nothing was changed.`,
    );
  }
  const [, ivText = '', bodyText = '', ...rest] = stored.slice(PREFIX.length).split(':');
  const iv = Buffer.from(ivText, 'base64url');
  const body = Buffer.from(bodyText, 'base64url');
  if (rest.length > 0 || iv.length !== IV_BYTES || body.length <= TAG_BYTES)
    throw new KeyEncryptionError('kek_stored_malformed', `${what} is not in the enc:v1 form`);
  try {
    const decipher = createDecipheriv('aes-256-gcm', kek.key, iv);
    decipher.setAAD(aad(context));
    decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
    const plaintext = Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]).toString('utf8');
    return { plaintext, kek };
  } catch {
    throw new KeyEncryptionError(
      'kek_decrypt_failed',
      `${what} does not decrypt under key-encryption key ${id} (${kek.source}): it was altered or belongs to another row. Nothing was changed.`,
    );
  }
}
