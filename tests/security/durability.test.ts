/**
 * Issue 7, finding 9 (durability): the kiosk database ran WAL with synchronous=NORMAL, which may lose the last
 * committed transactions on power loss — a check-in the visitor saw confirmed, with its outbox command. Both the
 * kiosk's and the cloud's SQLite now run synchronous=FULL (the cost: `npm run bench -- checkin-write`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openCloudDatabase } from '../../src/cloud/db/database';
import { kioskDbPath, openKioskDb } from '../../src/main/core/db/openDb';

const FULL = 2;
let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('SQLite durability', () => {
  it('the kiosk database (outbox, visits) commits with synchronous=FULL in WAL mode', () => {
    dir = mkdtempSync(join(tmpdir(), 'passdesk-durable-'));
    const db = openKioskDb(kioskDbPath(dir));
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(FULL);
    } finally {
      db.close();
    }
  });

  it('the cloud SQLite database commits with synchronous=FULL in WAL mode', async () => {
    dir = mkdtempSync(join(tmpdir(), 'passdesk-durable-'));
    const cloud = await openCloudDatabase({ sqlitePath: join(dir, 'cloud.sqlite') });
    try {
      // the pragma is per connection: ask through the connection the cloud opened
      const { rows } = await sql<{ synchronous: number }>`pragma synchronous`.execute(cloud.kysely);
      expect(rows[0]?.synchronous).toBe(FULL);
      const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(cloud.kysely);
      expect(mode.rows[0]?.journal_mode).toBe('wal');
    } finally {
      await cloud.close();
    }
  });
});
