/**
 * Rate limits count the client, not the proxy in front of the cloud, and an IPv6 client by its /64 (review of
 * finding 6): behind the web app's reverse proxy every visitor shared one address (one global limit, an easy denial
 * of service), and an IPv6 client could take a fresh address per request.
 */
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildCloudApp } from '../../src/cloud/app';
import { openCloudDatabase, type CloudDatabase } from '../../src/cloud/db/database';
import { clientAddressKey } from '../../src/cloud/services/rateLimits';
import { ADMIN_TOKEN, T0, TEST_KEY_ENCRYPTION } from '../support/cloud/harness';

let open: { app: FastifyInstance; db: CloudDatabase } | undefined;
afterEach(async () => {
  await open?.app.close();
  await open?.db.close();
  open = undefined;
});

async function cloud(trustProxy?: string[]): Promise<FastifyInstance> {
  const db = await openCloudDatabase({ sqlitePath: ':memory:' });
  const app = await buildCloudApp({
    db,
    adminToken: ADMIN_TOKEN,
    keyEncryption: TEST_KEY_ENCRYPTION,
    now: () => new Date(T0),
    rateLimits: { verifyPerAddress: { max: 2, windowSeconds: 60 } },
    ...(trustProxy ? { trustProxy } : {}),
  });
  open = { app, db };
  return app;
}

const verify = (app: FastifyInstance, remoteAddress: string, forwardedFor?: string) =>
  app.inject({
    method: 'POST',
    url: '/api/v1/passes/verify',
    remoteAddress,
    headers: { 'content-type': 'application/json', ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) },
    payload: JSON.stringify({ token: 'PD1.e30.AA' }),
  });

describe('the client a rate limit counts', () => {
  it('behind a trusted proxy: each forwarded client has its own limit', async () => {
    const app = await cloud(['10.0.0.1']);
    for (let i = 0; i < 2; i++) expect((await verify(app, '10.0.0.1', '198.51.100.1')).statusCode).toBe(400);
    expect((await verify(app, '10.0.0.1', '198.51.100.1')).statusCode).toBe(429);
    expect((await verify(app, '10.0.0.1', '198.51.100.2')).statusCode).toBe(400);
  });

  it('without trusting the proxy, X-Forwarded-For is ignored (a client cannot pick its own address)', async () => {
    const app = await cloud();
    for (let i = 0; i < 2; i++) expect((await verify(app, '203.0.113.9', `198.51.100.${i}`)).statusCode).toBe(400);
    expect((await verify(app, '203.0.113.9', '198.51.100.77')).statusCode).toBe(429);
  });

  it('an IPv6 client is counted by its /64', async () => {
    const app = await cloud();
    expect((await verify(app, '2001:db8:1:2::1')).statusCode).toBe(400);
    expect((await verify(app, '2001:db8:1:2:ffff::9')).statusCode).toBe(400);
    expect((await verify(app, '2001:db8:1:2:abcd:1:2:3')).statusCode).toBe(429);
    expect((await verify(app, '2001:db8:1:3::1')).statusCode).toBe(400);
    expect(clientAddressKey('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(clientAddressKey('2001:0db8:0001:0002:aaaa::')).toBe('2001:db8:1:2::/64');
  });
});
