/**
 * The public host directory (GET /sites/{siteId}/hosts?q=, issue 13 item 5): a visitor finds the host by the
 * beginning of their name, without an account. Only hosts of that site who may receive visitors, at most 10, names
 * and departments and the id a booking takes, never a phone; bad input refused; rate-limited per client address.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../../../src/shared/domain';
import type { HostDirectory } from '../../../../src/shared/hostDesk';
import { ADMIN_TOKEN, CloudTestEnv, DIALECTS } from '../../../support/cloud/harness';

describe.each(DIALECTS)('the public host directory (%s)', (dialect) => {
  let env: CloudTestEnv;
  let li: Host;
  beforeAll(async () => {
    env = await CloudTestEnv.create(dialect, { rateLimits: { hostDirectoryPerAddress: { max: 8, windowSeconds: 600 } } });
    li = await env.createHost({ name: '李明', phone: '13800138001', department: '行政部' });
    await env.createHost({ name: '李四', phone: '13800138002', department: '研发中心' });
    await env.createHost({ name: '李不见', phone: '13800138003', department: '财务部', canReceiveVisitors: false });
    await env.createHost({ name: 'Lisa Chen', phone: '13800138004', department: 'Sales' });
    const other = await env.request('POST', '/admin/sites', { token: ADMIN_TOKEN, body: { id: 'site_other', name: '另一园区', timezone: 'Asia/Shanghai' } });
    expect(other.statusCode, other.body).toBe(201);
    await env.request('POST', '/hosts', {
      token: ADMIN_TOKEN,
      body: { siteId: 'site_other', name: '李外', phone: '13800138005', department: '行政部', canReceiveVisitors: true },
    });
  });
  afterAll(async () => env.dispose());

  const search = (siteId: string, q: string, remoteAddress = '10.0.0.1') =>
    env.request('GET', `/sites/${encodeURIComponent(siteId)}/hosts?q=${encodeURIComponent(q)}`, { remoteAddress });

  it('answers the site’s visitable hosts by name prefix, names and departments only; a booking takes the id', async () => {
    const res = await search('site_test', '李');
    expect(res.statusCode, res.body).toBe(200);
    const { hosts } = res.json<HostDirectory>();
    expect(hosts.map((h) => [h.name, h.department])).toEqual([
      ['李四', '研发中心'],
      ['李明', '行政部'],
    ]);
    expect(res.body, 'no phone number in the answer').not.toMatch(/1380013800\d/);
    expect(Object.keys(hosts[0]!).sort()).toEqual(['department', 'id', 'name']);
    // case-insensitive, a prefix and not a substring
    expect((await search('site_test', 'lis')).json<HostDirectory>().hosts.map((h) => h.name)).toEqual(['Lisa Chen']);
    expect((await search('site_test', 'Chen')).json<HostDirectory>().hosts).toEqual([]);
    // another site's hosts are its own; an unknown site has none
    expect((await search('site_other', '李')).json<HostDirectory>().hosts.map((h) => h.name)).toEqual(['李外']);
    expect((await search('site_nowhere', '李')).json<HostDirectory>().hosts).toEqual([]);

    const { hostPhone: _byPhone, ...bySelf } = env.bookingInput(li);
    const booked = await env.request('POST', '/bookings', { body: { ...bySelf, hostId: hosts[1]!.id } });
    expect(booked.statusCode, booked.body).toBe(202);
    const bookings = await env.request('GET', '/bookings?limit=200', { token: ADMIN_TOKEN });
    expect(bookings.json<{ bookings: { hostId: string }[] }>().bookings.map((b) => b.hostId)).toContain(hosts[1]!.id);
  });

  it('refuses bad input with 400 and lists nothing: no q, an empty or too long q, wildcards, a bad site id', async () => {
    for (const url of [
      '/sites/site_test/hosts',
      '/sites/site_test/hosts?q=',
      '/sites/site_test/hosts?q=%20%20',
      `/sites/site_test/hosts?q=${'李'.repeat(21)}`,
      '/sites/site_test/hosts?q=%25',
      '/sites/site_test/hosts?q=_',
    ]) {
      const res = await env.request('GET', url, { remoteAddress: '10.0.0.2' });
      expect(res.statusCode, url).toBe(400);
      expect(res.json<{ error: string }>().error, url).toBe('invalid_request');
    }
    expect((await search('bad id!', '李', '10.0.0.2')).statusCode).toBe(400);
  });

  it('is rate-limited per client address: over the limit 429 with Retry-After, another address still served', async () => {
    for (let i = 0; i < 8; i++) expect((await search('site_test', '李', '10.0.0.3')).statusCode).toBe(200);
    const refused = await search('site_test', '李', '10.0.0.3');
    expect(refused.statusCode).toBe(429);
    expect(refused.json<{ error: string }>().error).toBe('rate_limited');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await search('site_test', '李', '10.0.0.4')).statusCode).toBe(200);
  });
});
