/**
 * Issue 7, finding 4 (data at rest): the kiosk's and the cloud's SQLite files (people's data; on the cloud also its
 * pass signing key) were mode 644 in 755 folders. Now folders are 0700 and files 0600 on both sides, whatever the
 * umask, and folders and files found more open are tightened at start.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startCloudServer } from '../../src/cloud/server';
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
  const kioskFiles = (dir: string) => [join(dir, DB_FILE), join(dir, `${DB_FILE}-wal`), join(dir, `${DB_FILE}-shm`), join(dir, SETTINGS_FILE), join(dir, SECRETS_FILE)];

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
