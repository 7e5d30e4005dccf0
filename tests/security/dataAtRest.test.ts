/**
 * Issue 7, finding 4 (data at rest): the kiosk's and the cloud's SQLite files (people's data; on the cloud also its
 * pass signing key) were mode 644 in 755 folders, and the cloud's private pass key was stored in plaintext. Now
 * folders are 0700 and files 0600 on both sides, whatever the umask, and folders and files found more open are
 * tightened at start; the private key is sealed (AES-256-GCM) under a key kept outside the database, a plaintext one
 * is sealed in place at start, and a cloud given the wrong key refuses to start rather than making a new key.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildCloudApp } from '../../src/cloud/app';
import { migrateToLatest, openCloudDatabase, type CloudDatabase } from '../../src/cloud/db/database';
import {
  DEFAULT_KEY_FILE,
  KeyEncryptionError,
  newKeyEncryptionKeyText,
  parseKeyEncryptionKey,
  resolveKeyEncryptionKeys,
  seal,
  unseal,
  type KeyEncryptionKeys,
} from '../../src/cloud/keyEncryption';
import { rotateKeyEncryptionKey } from '../../src/cloud/keyRotation';
import { startCloudServer } from '../../src/cloud/server';
import { openPrivateKey } from '../../src/cloud/services/passKeyStorage';
import { CLOUD_ISSUER, generatePassKeyPair, keyIdOf, signBytes, verifyBytes } from '../../src/shared/pass';
import { DIALECTS, newPgTestSchema, PG_URL, type Dialect } from '../support/cloud/harness';
import { createKioskCore } from '../../src/main/core/kioskCore';
import { DB_FILE } from '../../src/main/core/db/openDb';
import { saveSecrets, SECRETS_FILE, SETTINGS_FILE } from '../../src/main/core/settings';

const OFFLINE_CLOUD_URL = 'http://127.0.0.1:9';
const modeOf = (path: string): number => statSync(path).mode & 0o777;
const octal = (path: string): string => `${path.split('/').slice(-2).join('/')} ${modeOf(path).toString(8)}`;

let root: string;
let umaskBefore: number;
beforeAll(() => {
  umaskBefore = process.umask(0o022); // the usual default: new files 644, folders 755
});
afterAll(() => {
  process.umask(umaskBefore);
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});
const newRoot = () => {
  root = mkdtempSync(join(tmpdir(), 'passdesk-at-rest-'));
  chmodSync(root, 0o755);
  return root;
};

describe('kiosk files', () => {
  const kioskFiles = (dir: string) => [
    join(dir, DB_FILE),
    join(dir, `${DB_FILE}-wal`),
    join(dir, `${DB_FILE}-shm`),
    join(dir, SETTINGS_FILE),
    join(dir, SECRETS_FILE),
  ];

  it('are made 0600 in a 0700 folder', async () => {
    const dir = join(newRoot(), 'kiosk');
    const core = await createKioskCore({ dataDir: dir, cloudUrl: OFFLINE_CLOUD_URL, autoSync: false });
    try {
      saveSecrets(dir, { version: 1, privateKey: 'k'.repeat(48), credential: 'c'.repeat(40) });
      for (const f of kioskFiles(dir)) expect(existsSync(f), f).toBe(true);
      expect(octal(dir)).toBe(`${root.split('/').pop()}/kiosk 700`);
      for (const f of kioskFiles(dir)) expect(octal(f)).toMatch(/ 600$/);
    } finally {
      await core.close();
    }
  });

  it('found too open are tightened at start', async () => {
    const dir = join(newRoot(), 'kiosk');
    const first = await createKioskCore({ dataDir: dir, cloudUrl: OFFLINE_CLOUD_URL, autoSync: false });
    saveSecrets(dir, { version: 1, privateKey: 'k'.repeat(48), credential: 'c'.repeat(40) });
    first.db.pragma('wal_checkpoint(PASSIVE)');
    // an older Passdesk's files, as it left them (the -wal and -shm stay while the database is open)
    chmodSync(dir, 0o755);
    for (const f of kioskFiles(dir)) chmodSync(f, 0o644);
    await first.close();
    writeFileSync(join(dir, `${DB_FILE}-wal`), '', { mode: 0o644 });
    chmodSync(join(dir, `${DB_FILE}-wal`), 0o644);
    const again = await createKioskCore({ dataDir: dir, cloudUrl: OFFLINE_CLOUD_URL, autoSync: false });
    try {
      expect(modeOf(dir)).toBe(0o700);
      for (const f of kioskFiles(dir)) expect(octal(f)).toMatch(/ 600$/);
    } finally {
      await again.close();
    }
  });
});

describe('cloud SQLite files', () => {
  const cloudFiles = (path: string) => [path, `${path}-wal`, `${path}-shm`];

  it('are made 0600 in a 0700 folder', async () => {
    const path = join(newRoot(), 'cloud', 'cloud.sqlite');
    const server = await startCloudServer({ sqlitePath: path, port: 0 });
    try {
      expect(modeOf(join(root, 'cloud'))).toBe(0o700);
      for (const f of cloudFiles(path)) expect(octal(f)).toMatch(/ 600$/);
    } finally {
      await server.close();
    }
  });

  it('found too open are tightened at start', async () => {
    const dir = join(newRoot(), 'cloud');
    mkdirSync(dir, { mode: 0o755 });
    const path = join(dir, 'cloud.sqlite');
    const first = await startCloudServer({ sqlitePath: path, port: 0 });
    chmodSync(dir, 0o755);
    for (const f of cloudFiles(path)) chmodSync(f, 0o644);
    await first.close();
    writeFileSync(`${path}-wal`, '', { mode: 0o644 });
    const again = await startCloudServer({ sqlitePath: path, port: 0 });
    try {
      expect(modeOf(dir)).toBe(0o700);
      for (const f of cloudFiles(path)) expect(octal(f)).toMatch(/ 600$/);
    } finally {
      await again.close();
    }
  });
});

const keysOf = (text: string, previous: string[] = []): KeyEncryptionKeys => ({
  current: parseKeyEncryptionKey(text, 'test key'),
  previous: previous.map((p, i) => parseKeyEncryptionKey(p, `previous test key ${i}`)),
});
const ADMIN = 'test-admin-token-0123456789abcdef';

describe.each(DIALECTS)('the cloud private pass key at rest (%s)', (dialect: Dialect) => {
  let db: CloudDatabase | undefined;
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await app?.close();
    await db?.close();
    app = undefined;
    db = undefined;
  });
  const openDb = async (): Promise<CloudDatabase> => {
    db =
      dialect === 'sqlite'
        ? await openCloudDatabase({ sqlitePath: join(newRoot(), 'cloud.sqlite') })
        : await openCloudDatabase({ databaseUrl: PG_URL, pgSchema: newPgTestSchema() });
    if (dialect === 'postgres') newRoot();
    return db;
  };
  const build = async (keys: KeyEncryptionKeys): Promise<FastifyInstance> => {
    await app?.close();
    app = await buildCloudApp({ db: db!, adminToken: ADMIN, keyEncryption: keys });
    return app;
  };
  const cloudRows = () => db!.kysely.selectFrom('pass_keys').select(['kid', 'public_key', 'private_key']).where('issuer', '=', CLOUD_ISSUER).execute();

  it('is stored sealed, never in plaintext, and still signs', async () => {
    await openDb();
    const keys = keysOf(newKeyEncryptionKeyText());
    await build(keys);
    const rows = await cloudRows();
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row.private_key).toMatch(new RegExp(`^enc:v1:${keys.current.id}:[\\w-]{16}:[\\w-]+$`));
    const privateKey = openPrivateKey(row.kid, row.private_key!, keys);
    expect(row.private_key).not.toContain(privateKey);
    expect(row.private_key).not.toContain(privateKey.slice(-20));
    const message = new TextEncoder().encode('a pass');
    expect(await verifyBytes(row.public_key, message, await signBytes(privateKey, message))).toBe(true);
  });

  it('found in plaintext (an older cloud) is sealed in place and kept', async () => {
    const d = await openDb();
    await migrateToLatest(d);
    const pair = await generatePassKeyPair();
    const kid = await keyIdOf(pair.publicKey);
    await d.kysely
      .insertInto('pass_keys')
      .values({
        kid,
        issuer: CLOUD_ISSUER,
        site_id: null,
        public_key: pair.publicKey,
        private_key: pair.privateKey,
        revoked: 0,
        created_at: '2026-01-01T00:00:00.000Z',
      })
      .execute();
    const keys = keysOf(newKeyEncryptionKeyText());
    await build(keys);
    const rows = await cloudRows();
    expect(rows.map((r) => r.kid)).toEqual([kid]); // no new key: passes signed before still verify
    expect(rows[0]!.private_key).toMatch(/^enc:v1:/);
    expect(rows[0]!.private_key).not.toContain(pair.privateKey);
    expect(openPrivateKey(kid, rows[0]!.private_key!, keys)).toBe(pair.privateKey);
  });

  it('under another key: the cloud refuses to start and changes nothing', async () => {
    await openDb();
    await build(keysOf(newKeyEncryptionKeyText()));
    const before = await cloudRows();
    await app!.close();
    app = undefined;
    const wrong = keysOf(newKeyEncryptionKeyText());
    const err = await buildCloudApp({ db: db!, adminToken: ADMIN, keyEncryption: wrong }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(KeyEncryptionError);
    expect((err as KeyEncryptionError).code).toBe('kek_mismatch');
    expect((err as Error).message).toContain(wrong.current.id);
    expect(await cloudRows()).toEqual(before);
  });

  it('is re-sealed under a new key given the old one as previous (rotation)', async () => {
    await openDb();
    const oldText = newKeyEncryptionKeyText();
    const newText = newKeyEncryptionKeyText();
    await build(keysOf(oldText));
    const kid = (await cloudRows())[0]!.kid;
    await build(keysOf(newText, [oldText]));
    const rows = await cloudRows();
    expect(rows.map((r) => r.kid)).toEqual([kid]);
    expect(rows[0]!.private_key).toContain(`enc:v1:${keysOf(newText).current.id}:`);
    await build(keysOf(newText)); // the old key is no longer needed
    await app!.close();
    app = undefined;
    await expect(buildCloudApp({ db: db!, adminToken: ADMIN, keyEncryption: keysOf(oldText) })).rejects.toBeInstanceOf(KeyEncryptionError);
  });
});

describe('the key-encryption key', () => {
  it('defaults to a 0600 key file beside the SQLite database, outside it, and is required to start again', async () => {
    const dir = join(newRoot(), 'cloud');
    const path = join(dir, 'cloud.sqlite');
    const env = { ...process.env };
    delete env.PASSDESK_KEY_ENCRYPTION_KEY;
    delete env.PASSDESK_KEY_FILE;
    delete env.PASSDESK_KEY_ENCRYPTION_KEY_PREVIOUS;
    const keysAt = () => resolveKeyEncryptionKeys({ env, dataDir: dir });
    const first = await startCloudServer({ sqlitePath: path, port: 0, keyEncryption: keysAt() });
    const kid = (await first.db.kysely.selectFrom('pass_keys').select('kid').executeTakeFirstOrThrow()).kid;
    await first.close();
    const keyFile = join(dir, DEFAULT_KEY_FILE);
    expect(modeOf(keyFile)).toBe(0o600);
    expect(readFileSync(path).includes(readFileSync(keyFile, 'utf8').trim())).toBe(false);

    const second = await startCloudServer({ sqlitePath: path, port: 0, keyEncryption: keysAt() });
    expect(second.keyEncryption.id).toBe(first.keyEncryption.id);
    expect((await second.db.kysely.selectFrom('pass_keys').select('kid').execute()).map((r) => r.kid)).toEqual([kid]);
    await second.close();

    rmSync(keyFile); // lost: the cloud must not quietly make itself a new signing key
    await expect(startCloudServer({ sqlitePath: path, port: 0, keyEncryption: keysAt() })).rejects.toThrow(/created just now/);
    const check = await openCloudDatabase({ sqlitePath: path });
    expect((await check.kysely.selectFrom('pass_keys').select('kid').execute()).map((r) => r.kid)).toEqual([kid]);
    await check.close();
  });

  it('rotates with the rotate-key-encryption-key procedure (key file replaced, passes keep their key)', async () => {
    const dir = join(newRoot(), 'cloud');
    const keyFile = join(dir, DEFAULT_KEY_FILE);
    const db = await openCloudDatabase({ sqlitePath: join(dir, 'cloud.sqlite') });
    try {
      const before = resolveKeyEncryptionKeys({ env: {}, dataDir: dir });
      const built = await buildCloudApp({ db, adminToken: ADMIN, keyEncryption: before });
      await built.close();
      const oldFile = readFileSync(keyFile, 'utf8');
      const result = await rotateKeyEncryptionKey(db.kysely, before, {});
      expect(result.resealed).toBe(1);
      expect(readFileSync(keyFile, 'utf8')).not.toBe(oldFile);
      expect(modeOf(keyFile)).toBe(0o600);
      expect(existsSync(`${keyFile}.next`)).toBe(false);
      const after = resolveKeyEncryptionKeys({ env: {}, dataDir: dir });
      expect(after.current.id).toBe(result.newKeyId);
      const row = await db.kysely.selectFrom('pass_keys').select(['kid', 'private_key']).executeTakeFirstOrThrow();
      expect(row.private_key).toContain(`enc:v1:${result.newKeyId}:`);
      const again = await buildCloudApp({ db, adminToken: ADMIN, keyEncryption: after });
      await again.close();
    } finally {
      await db.close();
    }
  });

  it('accepts 32 bytes as base64 or hex only, and binds a sealed value to its row', () => {
    const text = newKeyEncryptionKeyText();
    const hex = Buffer.from(text, 'base64').toString('hex');
    expect(parseKeyEncryptionKey(hex, 'hex').id).toBe(parseKeyEncryptionKey(text, 'b64').id);
    for (const bad of ['', 'short', Buffer.alloc(16).toString('base64'), `${hex}00`]) expect(() => parseKeyEncryptionKey(bad, 'k')).toThrow(KeyEncryptionError);
    const keys = keysOf(text);
    const sealed = seal('secret', keys.current, 'row-a');
    expect(unseal(sealed, keys, 'row-a', 'x').plaintext).toBe('secret');
    expect(() => unseal(sealed, keys, 'row-b', 'x')).toThrow(/does not decrypt/);
  });
});
