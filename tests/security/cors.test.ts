/**
 * Issue 7, finding 9 (CORS): the cloud reflected any Origin, so any web page a staff member opened could call the
 * API with a token it got hold of and read the replies. Now no origin is allowed unless configured
 * (PASSDESK_CORS_ORIGINS / corsOrigins: the web app's origins), and only those are.
 */
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildCloudApp, parseCorsOrigins } from '../../src/cloud/app';
import { openCloudDatabase, type CloudDatabase } from '../../src/cloud/db/database';

const EVIL = 'https://evil.example';
const WEB_APP = 'https://visits.example.com';

let open: { app: FastifyInstance; db: CloudDatabase } | undefined;
afterEach(async () => {
  await open?.app.close();
  await open?.db.close();
  open = undefined;
});

async function app(corsOrigins?: string[]): Promise<FastifyInstance> {
  const db = await openCloudDatabase({ sqlitePath: ':memory:' });
  const built = await buildCloudApp({ db, adminToken: 'test-admin-token-0123456789abcdef', ...(corsOrigins ? { corsOrigins } : {}) });
  open = { app: built, db };
  return built;
}

const preflight = (a: FastifyInstance, origin: string) =>
  a.inject({
    method: 'OPTIONS',
    url: '/api/v1/bookings',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
  });

describe('CORS', () => {
  it('allows no origin by default', async () => {
    const a = await app();
    const get = await a.inject({ method: 'GET', url: '/healthz', headers: { origin: EVIL } });
    expect(get.headers['access-control-allow-origin']).toBeUndefined();
    const pre = await preflight(a, EVIL);
    expect(pre.headers['access-control-allow-origin']).toBeUndefined();
    expect(pre.headers['access-control-allow-headers']).toBeUndefined();
  });

  it('allows exactly the configured origins', async () => {
    const a = await app([WEB_APP]);
    const ok = await a.inject({ method: 'GET', url: '/healthz', headers: { origin: WEB_APP } });
    expect(ok.headers['access-control-allow-origin']).toBe(WEB_APP);
    const pre = await preflight(a, WEB_APP);
    expect(pre.statusCode).toBe(204);
    expect(pre.headers['access-control-allow-origin']).toBe(WEB_APP);
    for (const other of [EVIL, 'https://visits.example.com.evil.example', 'http://visits.example.com']) {
      const res = await a.inject({ method: 'GET', url: '/healthz', headers: { origin: other } });
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      expect((await preflight(a, other)).headers['access-control-allow-origin']).toBeUndefined();
    }
  });

  it('refuses a configured entry that is not an origin', () => {
    expect(parseCorsOrigins([' https://visits.example.com/ ', 'http://127.0.0.1:5173'])).toEqual([WEB_APP, 'http://127.0.0.1:5173']);
    for (const bad of ['*', 'visits.example.com', 'https://visits.example.com/app', 'null']) expect(() => parseCorsOrigins([bad])).toThrow(/CORS origin/);
  });
  it('a refusal reaches the configured web app with its CORS headers (so it can read 401 credential_revoked)', async () => {
    const a = await app([WEB_APP]);
    const refused = await a.inject({ method: 'GET', url: '/api/v1/bookings', headers: { origin: WEB_APP, authorization: 'Bearer not-a-token-0123456789' } });
    expect(refused.statusCode).toBe(401);
    expect(refused.headers['access-control-allow-origin']).toBe(WEB_APP);
  });
});
