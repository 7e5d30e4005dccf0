import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDemoData } from '../../../src/cloud/demo';
import { startCloudServer } from '../../../src/cloud/server';
import type { Booking } from '../../../src/shared/domain';
import { generatePassKeyPair, signBytes } from '../../../src/shared/pass';
import { API_PREFIX, commandSigningText, type EnrolResponse, type PullResponse, type PushResponse, type UnsignedCommand } from '../../../src/shared/sync';
import type { z } from 'zod';
import { DIALECTS, newPgTestSchema, PG_URL, TEST_KEY_ENCRYPTION } from '../../support/cloud/harness';

const dir = mkdtempSync(join(tmpdir(), 'passdesk-server-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(DIALECTS)('server and demo data (%s)', (dialect) => {
  it('serves the demo over HTTP, survives a restart on the same port and database, keeps check-ins', async () => {
    const where = dialect === 'sqlite' ? { sqlitePath: join(dir, `cloud-${randomUUID()}.sqlite`) } : { databaseUrl: PG_URL, pgSchema: newPgTestSchema() };
    // a PostgreSQL schema is dropped after the suite (pgSchemas.globalSetup.ts)
    const first = await startCloudServer({ ...where, keyEncryption: TEST_KEY_ENCRYPTION, adminToken: 'demo-admin-token-0123456789' });
    expect(first.adminToken).toBe('demo-admin-token-0123456789');
    const demo = await loadDemoData(first.db);
    expect(demo.siteId).toBe('site_demo');
    expect(demo.hosts).toHaveLength(4);
    expect(demo.hosts.filter((h) => !h.canReceiveVisitors).map((h) => h.name)).toEqual(['赵强']);
    expect(demo.bookings.approved.map((b) => b.code)).toContain('DEM0A001');
    expect(demo.bookings.approved.length).toBeGreaterThanOrEqual(2);
    expect(demo.bookings.pending.length).toBeGreaterThanOrEqual(1);
    const sources = new Set([...demo.bookings.approved, ...demo.bookings.pending].map((b) => b.source));
    expect([...sources].sort()).toEqual(['group', 'invited', 'self', 'staff']);
    expect([...demo.bookings.approved, ...demo.bookings.pending].some((b) => b.companions.length > 0)).toBe(true);
    const health = await fetch(`${first.url}/healthz`);
    expect(await health.json()).toEqual({ ok: true, db: dialect });

    // enrol a kiosk and check in the memorable booking over real HTTP
    const admin = { authorization: `Bearer ${first.adminToken}`, 'content-type': 'application/json' };
    const codeRes = await fetch(`${first.url}${API_PREFIX}/admin/enrolment-codes`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({ siteId: demo.siteId }),
    });
    const { code } = (await codeRes.json()) as { code: string };
    const keys = await generatePassKeyPair();
    const enrolRes = await fetch(`${first.url}${API_PREFIX}/kiosks/enrol`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, name: '前台', publicKey: keys.publicKey }),
    });
    const enrol = (await enrolRes.json()) as EnrolResponse;
    const kioskAuth = { authorization: `Bearer ${enrol.credential}`, 'content-type': 'application/json' };
    const pull = (await (await fetch(`${first.url}${API_PREFIX}/sync/pull`, { headers: kioskAuth })).json()) as z.infer<typeof PullResponse>;
    const a001 = pull.bookings.find((b: Booking) => b.code === 'DEM0A001')!;
    expect(a001.status).toBe('approved');
    expect(pull.hosts.map((h) => h.phone)).toContain('13800138001');
    const cmd: UnsignedCommand = {
      id: randomUUID(),
      kioskId: enrol.kioskId,
      at: new Date().toISOString(),
      kind: 'checkin',
      payload: { bookingId: a001.id, visitId: randomUUID(), passId: 'p1', partySize: 1 },
    };
    const sig = await signBytes(keys.privateKey, new TextEncoder().encode(commandSigningText(cmd)));
    const pushed = (await (
      await fetch(`${first.url}${API_PREFIX}/sync/push`, { method: 'POST', headers: kioskAuth, body: JSON.stringify({ commands: [{ ...cmd, sig }] }) })
    ).json()) as PushResponse;
    expect(pushed.results[0]!.status).toBe('applied');

    const port = Number(new URL(first.url).port);
    await first.close();
    await expect(fetch(`${first.url}/healthz`)).rejects.toThrow();

    const second = await startCloudServer({ ...where, keyEncryption: TEST_KEY_ENCRYPTION, port });
    try {
      expect(second.url).toBe(first.url);
      expect(second.adminToken).not.toBe(first.adminToken); // random when not given
      const again = await loadDemoData(second.db); // idempotent: the check-in survives
      expect(again.bookings.approved.find((b) => b.code === 'DEM0A001')!.status).toBe('arrived');
      const hosts = await second.db.kysely.selectFrom('hosts').select('id').execute();
      expect(hosts).toHaveLength(4);
      const bookings = await second.db.kysely.selectFrom('bookings').select('id').execute();
      expect(bookings).toHaveLength(4);
      // the kiosk's credential still works after the restart
      expect((await fetch(`${second.url}${API_PREFIX}/sync/pull`, { headers: kioskAuth })).status).toBe(200);
    } finally {
      await second.close();
    }
  });
});
