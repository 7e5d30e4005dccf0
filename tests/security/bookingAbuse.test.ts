/**
 * Issue 7, finding 6: anonymous booking had no rate limit and answered "is this a host's phone?". The anonymous
 * routes (POST /bookings without a bearer, POST /kiosks/enrol, POST /passes/verify) are rate-limited per client
 * address, and bookings per visitor phone, with counters in the database (so several cloud processes count
 * together): over the limit a 429 rate_limited with Retry-After. An anonymous booking gets the same 202 receipt
 * whether or not the named host exists; a signed-in caller still sees 404 无此受访人. On SQLite and PostgreSQL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildCloudApp } from '../../src/cloud/app';
import { openCloudDatabase, type CloudDatabase } from '../../src/cloud/db/database';
import type { RateLimits } from '../../src/cloud/services/rateLimits';
import type { BookingReceipt } from '../../src/shared/api';
import type { Booking, Host } from '../../src/shared/domain';
import { generatePassKeyPair } from '../../src/shared/pass';
import { ADMIN_TOKEN, CloudTestEnv, DIALECTS, newPgTestSchema, PG_URL, T0, TEST_KEY_ENCRYPTION } from '../support/cloud/harness';

/** The i-th of many distinct mainland mobile numbers. */
const phone = (i: number) => `139${String(10_000_000 + i).slice(-8)}`;

describe.each(DIALECTS)('anonymous booking abuse (%s)', (dialect) => {
  let env: CloudTestEnv | undefined;
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await env?.dispose();
    env = undefined;
    for (const c of cleanups.splice(0)) await c();
  });
  const start = async (rateLimits?: Partial<RateLimits>) => {
    env = await CloudTestEnv.create(dialect, rateLimits ? { rateLimits } : {});
    return env;
  };
  const anonBooking = (e: CloudTestEnv, host: Host, i: number, remoteAddress = '203.0.113.7') =>
    e.request('POST', '/bookings', { body: e.bookingInput(host, { visitor: { name: '张伟', phone: phone(i) } }), remoteAddress });
  const expect429 = (res: LightMyRequestResponse, windowSeconds: number) => {
    expect(res.statusCode, res.body).toBe(429);
    expect(res.json()).toMatchObject({ error: 'rate_limited', message: expect.any(String) });
    const retry = Number(res.headers['retry-after']);
    expect(Number.isInteger(retry) && retry >= 1 && retry <= windowSeconds, `Retry-After ${res.headers['retry-after']}`).toBe(true);
  };

  it('stops a burst of 200 anonymous bookings from one address at the default limit, counting atomically', async () => {
    const e = await start();
    const host = await e.createHost();
    const statuses: number[] = [];
    for (let batch = 0; batch < 10; batch++) {
      const replies = await Promise.all(Array.from({ length: 20 }, (_, j) => anonBooking(e, host, batch * 20 + j)));
      statuses.push(...replies.map((r) => r.statusCode));
    }
    expect(statuses.filter((s) => s === 202)).toHaveLength(60);
    expect(statuses.filter((s) => s === 429)).toHaveLength(140);
    expect(await e.count('bookings')).toBe(60);
  });

  it('answers 429 rate_limited with Retry-After per address, lets other addresses through, and forgets the window once it ends', async () => {
    const e = await start({ bookingPerAddress: { max: 3, windowSeconds: 60 } });
    const host = await e.createHost();
    for (let i = 0; i < 3; i++) expect((await anonBooking(e, host, i)).statusCode).toBe(202);
    expect429(await anonBooking(e, host, 3), 60);
    expect429(await anonBooking(e, host, 4), 60);
    expect((await anonBooking(e, host, 5, '198.51.100.9')).statusCode).toBe(202);
    expect(await e.count('bookings')).toBe(4);
    // signed-in callers are not limited
    for (let i = 0; i < 4; i++) {
      const res = await e.request('POST', '/bookings', {
        token: ADMIN_TOKEN,
        body: e.bookingInput(host, { visitor: { name: '张伟', phone: phone(100 + i) } }),
        remoteAddress: '203.0.113.7',
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    const before = await e.kysely.selectFrom('rate_limits').select('window_start').execute();
    expect(before.length).toBeGreaterThan(0);
    e.clock = new Date(T0.getTime() + 2 * 3600_000);
    expect((await anonBooking(e, host, 6)).statusCode).toBe(202);
    // the ended windows were purged; only the current ones remain
    const after = await e.kysely.selectFrom('rate_limits').select('window_start').execute();
    expect(
      after.every((r) => r.window_start >= new Date(T0.getTime() + 3600_000).toISOString()),
      JSON.stringify(after),
    ).toBe(true);
  });

  it('rate-limits anonymous bookings per visitor phone across addresses; the counters hold no phone number', async () => {
    const e = await start({ bookingPerPhone: { max: 2, windowSeconds: 3600 } });
    const host = await e.createHost();
    const same = (addr: string) => e.request('POST', '/bookings', { body: e.bookingInput(host), remoteAddress: addr });
    expect((await same('192.0.2.1')).statusCode).toBe(202);
    expect((await same('192.0.2.2')).statusCode).toBe(202);
    expect429(await same('192.0.2.3'), 3600);
    expect((await anonBooking(e, host, 1, '192.0.2.4')).statusCode).toBe(202);
    const keys = (await e.kysely.selectFrom('rate_limits').select('key').execute()).map((r) => r.key).join(' ');
    expect(keys).not.toContain('13912345678');
    expect(keys).not.toContain('192.0.2.1');
  });

  it('counts across several cloud processes on one database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'passdesk-rl-'));
    cleanups.push(() => {
      rmSync(dir, { recursive: true, force: true });
      return Promise.resolve();
    });
    const where = dialect === 'sqlite' ? { sqlitePath: join(dir, 'cloud.sqlite') } : { databaseUrl: PG_URL, pgSchema: newPgTestSchema() };
    const apps: FastifyInstance[] = [];
    for (let n = 0; n < 2; n++) {
      const db: CloudDatabase = await openCloudDatabase(where);
      const app = await buildCloudApp({
        db,
        adminToken: ADMIN_TOKEN,
        keyEncryption: TEST_KEY_ENCRYPTION,
        now: () => new Date(T0),
        rateLimits: { bookingPerAddress: { max: 4, windowSeconds: 600 } },
      });
      cleanups.push(async () => {
        await app.close();
        await db.close();
      });
      apps.push(app);
    }
    const [a, b] = apps as [FastifyInstance, FastifyInstance];
    const post = (app: FastifyInstance, url: string, body: unknown, token?: string) =>
      app.inject({
        method: 'POST',
        url: `/api/v1${url}`,
        payload: JSON.stringify(body),
        remoteAddress: '203.0.113.50',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      });
    expect((await post(a, '/admin/sites', { id: 'site_test', name: '测试园区' }, ADMIN_TOKEN)).statusCode).toBe(201);
    expect((await post(a, '/hosts', { name: '李明', phone: '13800138001' }, ADMIN_TOKEN)).statusCode).toBe(201);
    const booking = (i: number) => ({
      hostPhone: '13800138001',
      visitor: { name: '张伟', phone: phone(i) },
      reason: '商务洽谈',
      windowStart: '2026-11-22T01:00:00.000Z',
      windowEnd: '2026-11-22T09:00:00.000Z',
    });
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await post(i % 2 === 0 ? a : b, '/bookings', booking(i))).statusCode);
    expect(statuses).toEqual([202, 202, 202, 202, 429, 429, 429, 429]);
  });

  it('rate-limits kiosk enrolment and pass verification per address', async () => {
    const e = await start({ enrolPerAddress: { max: 2, windowSeconds: 600 }, verifyPerAddress: { max: 3, windowSeconds: 60 } });
    const keys = await generatePassKeyPair();
    const enrol = (code: string, remoteAddress = '203.0.113.8') =>
      e.request('POST', '/kiosks/enrol', { body: { code, name: '前台一号', publicKey: keys.publicKey }, remoteAddress });
    expect((await enrol('AAAA-AAAA')).statusCode).toBe(404);
    expect((await enrol('AAAA-AAAB')).statusCode).toBe(404);
    const code = await e.enrolmentCode();
    expect429(await enrol(code), 600); // even the right code, once over the limit
    expect((await enrol(code, '198.51.100.10')).statusCode).toBe(200);
    const verify = () => e.request('POST', '/passes/verify', { body: { token: 'not-a-pass' }, remoteAddress: '203.0.113.9' });
    for (let i = 0; i < 3; i++) expect((await verify()).statusCode).toBe(400);
    expect429(await verify(), 60);
  });

  it('documents 429 on the anonymous routes', async () => {
    const e = await start();
    const doc = (await e.request('GET', '/openapi.json')).json<{ paths: Record<string, Record<string, { responses: Record<string, unknown> }>> }>();
    for (const path of ['/api/v1/bookings', '/api/v1/kiosks/enrol', '/api/v1/passes/verify']) {
      expect(Object.keys(doc.paths[path]!.post!.responses), path).toContain('429');
    }
    expect(Object.keys(doc.paths['/api/v1/bookings']!.post!.responses)).toContain('202');
  });

  it('gives an anonymous caller the same reply whether or not the host exists; a signed-in one 无此受访人', async () => {
    const e = await start();
    const host = await e.createHost();
    const closed = await e.createHost({ name: '赵强', phone: '13800138004', canReceiveVisitors: false });
    const cases = [{ hostPhone: host.phone }, { hostPhone: closed.phone }, { hostPhone: '13999999999' }, { hostPhone: undefined, hostId: 'host_nobody' }];
    const replies = [];
    for (const over of cases) {
      const res = await e.request('POST', '/bookings', { body: e.bookingInput(host, over) });
      expect(res.statusCode, JSON.stringify(over)).toBe(202);
      expect(res.body).not.toContain(host.id);
      expect(res.body).not.toContain(host.name);
      expect(res.body).not.toContain(closed.id);
      expect(res.body).not.toContain('site_test');
      replies.push(res.json<BookingReceipt>());
    }
    const shape = (r: BookingReceipt) => ({ ...r, code: r.code.replace(/./g, 'x') });
    for (const r of replies) expect(shape(r)).toEqual(shape(replies[0]!));
    expect(new Set(replies.map((r) => r.code)).size).toBe(4);
    // only the real host's application is a booking (pending, for the host to decide); the others are audited
    const stored = await e.kysely.selectFrom('bookings').select(['code', 'host_id', 'status']).execute();
    expect(stored).toEqual([{ code: replies[0]!.code, host_id: host.id, status: 'pending' }]);
    const audited = await e.kysely.selectFrom('audit_log').select(['subject', 'detail']).where('action', '=', 'booking.host_not_found').execute();
    expect(audited.map((a) => a.subject).sort()).toEqual(
      replies
        .slice(1)
        .map((r) => r.code)
        .sort(),
    );
    expect(audited.map((a) => a.detail).join(' ')).not.toContain('13999999999');
    // signed in (admin, a host, a kiosk): 无此受访人
    const kiosk = await e.enrolKiosk();
    for (const token of [ADMIN_TOKEN, await e.hostToken(host.id), kiosk.credential]) {
      const res = await e.request('POST', '/bookings', { token, body: e.bookingInput(host, { hostPhone: '13999999999' }) });
      expect([res.statusCode, res.json()]).toEqual([404, { error: 'host_not_found', message: '无此受访人 / no such host' }]);
      const real = await e.request('POST', '/bookings', { token, body: e.bookingInput(host) });
      expect([real.statusCode, real.json<Booking>().hostId]).toEqual([201, host.id]);
    }
  });
});
