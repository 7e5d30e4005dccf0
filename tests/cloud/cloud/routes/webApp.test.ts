/**
 * The web app served under /app/ (src/cloud/routes/webApp.ts), from a build folder made here: files with their
 * types, client routes answered with index.html, a missing file 404 (never the page), nothing outside the folder,
 * the strict CSP on every answer, hashed assets cached immutable and the page revalidated; not in the OpenAPI document.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCloudApp } from '../../../../src/cloud/app';
import { WEB_APP_CSP } from '../../../../src/cloud/routes/webApp';
import { ADMIN_TOKEN, DIALECTS, openTestDatabase, TEST_KEY_ENCRYPTION, type TestDatabase } from '../../../support/cloud/harness';

const INDEX = '<!doctype html><title>web app</title><script type="module" src="/app/assets/index-AbC123.js"></script>';

describe.each(DIALECTS)('the web app under /app/ (%s)', (dialect) => {
  let dir: string;
  let database: TestDatabase;
  let app: FastifyInstance;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'passdesk-webapp-'));
    const build = join(dir, 'webapp');
    mkdirSync(join(build, 'assets'), { recursive: true });
    writeFileSync(join(build, 'index.html'), INDEX);
    writeFileSync(join(build, 'assets', 'index-AbC123.js'), 'console.log(1)');
    writeFileSync(join(build, 'assets', 'index-AbC123.css'), 'body{}');
    writeFileSync(join(dir, 'secret.txt'), 'outside the build');
    symlinkSync(join(dir, 'secret.txt'), join(build, 'escape.txt'));
    database = await openTestDatabase(dialect);
    app = await buildCloudApp({ db: database.db, adminToken: ADMIN_TOKEN, keyEncryption: TEST_KEY_ENCRYPTION, webAppDir: build });
  });
  afterAll(async () => {
    await app.close();
    await database.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  const get = (url: string) => app.inject({ method: 'GET', url });

  it('serves the page for /app/ and for every client route, revalidated, under the strict CSP', async () => {
    for (const url of ['/app/', '/app/apply', '/app/host', '/app/apply/receipt?x=1', '/app/no/such/screen']) {
      const res = await get(url);
      expect([url, res.statusCode, res.body]).toEqual([url, 200, INDEX]);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-security-policy']).toBe(WEB_APP_CSP);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
    }
    expect(WEB_APP_CSP).toContain("script-src 'self'");
    expect(WEB_APP_CSP).not.toContain('unsafe-inline');
    const bare = await get('/app');
    expect([bare.statusCode, bare.headers.location]).toEqual([308, '/app/']);
  });

  it('serves hashed assets with their type, cached for a year as immutable', async () => {
    const js = await get('/app/assets/index-AbC123.js');
    expect([js.statusCode, js.body, js.headers['content-type']]).toEqual([200, 'console.log(1)', 'text/javascript; charset=utf-8']);
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(js.headers['content-security-policy']).toBe(WEB_APP_CSP);
    expect((await get('/app/assets/index-AbC123.css')).headers['content-type']).toBe('text/css; charset=utf-8');
  });

  it('answers a missing file 404 (not the page), and nothing outside the build folder', async () => {
    for (const url of [
      '/app/assets/index-OLD999.js',
      '/app/favicon.ico',
      '/app/escape.txt',
      '/app/../secret.txt',
      '/app/%2e%2e/secret.txt',
      '/app/..%2fsecret.txt',
      '/app/assets/..%2f..%2fsecret.txt',
    ]) {
      const res = await get(url);
      expect(res.body, url).not.toContain('outside the build');
      expect(res.body, url).not.toBe(INDEX);
      expect(res.statusCode, url).toBe(404);
    }
  });
});

describe('the web app not built', () => {
  it('says how to build it; pages are not API operations (absent from the OpenAPI document)', async () => {
    const database = await openTestDatabase('sqlite');
    const app = await buildCloudApp({
      db: database.db,
      adminToken: ADMIN_TOKEN,
      keyEncryption: TEST_KEY_ENCRYPTION,
      webAppDir: join(tmpdir(), 'passdesk-no-such-webapp'),
    });
    try {
      const res = await app.inject({ method: 'GET', url: '/app/apply' });
      expect([res.statusCode, res.body]).toEqual([404, 'the web app is not built: npm run build:webapp']);
      const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json<{ paths: Record<string, unknown> }>();
      expect(Object.keys(doc.paths).filter((p) => p.startsWith('/app'))).toEqual([]);
      expect(Object.keys(doc.paths)).toContain('/api/v1/bookings');
    } finally {
      await app.close();
      await database.dispose();
    }
  });
});
