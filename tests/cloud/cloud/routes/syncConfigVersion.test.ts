/**
 * Issue 12, an empty pull that reads no config: a pull names the version of the site, settings, policy and pass keys
 * it carries (configVersion); a kiosk that sends it back (config) gets them left out while they are current, and
 * again in the next pull after any change to any of them (settings, the site's and the kiosk's policy layers, a kiosk
 * enrolled or revoked); a kiosk that sends none (older ones) or an unknown version gets all of them, as before.
 */
import { describe, expect, it } from 'vitest';
import type { PullResponse } from '../../../../src/shared/sync';
import { ADMIN_TOKEN, CloudTestEnv, DIALECTS, freshEnvPerTest, type Kiosk } from '../../../support/cloud/harness';

describe.each(DIALECTS)('the config version of a pull (%s)', (dialect) => {
  let env: CloudTestEnv;
  freshEnvPerTest(dialect, (e) => (env = e));

  const pull = async (kiosk: Kiosk, opts: { cursor?: string; config?: string } = {}): Promise<PullResponse> => {
    const qs = new URLSearchParams();
    if (opts.cursor !== undefined) qs.set('cursor', opts.cursor);
    if (opts.config !== undefined) qs.set('config', opts.config);
    const res = await env.request('GET', `/sync/pull?${qs}`, { token: kiosk.credential });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<PullResponse>();
  };
  const CONFIG_KEYS = ['site', 'settings', 'policy', 'passKeys'] as const;
  const expectConfig = (page: PullResponse) => {
    for (const key of CONFIG_KEYS) expect(page[key], key).toBeDefined();
    expect(page.configVersion).toMatch(/^[0-9A-Za-z.-]+$/);
  };
  const expectNoConfig = (page: PullResponse) => {
    for (const key of CONFIG_KEYS) expect(page[key], key).toBeUndefined();
  };
  const post = async (path: string, body: unknown) => {
    const res = await env.request('POST', path, { token: ADMIN_TOKEN, body });
    expect(res.statusCode, res.body).toBe(200);
  };
  /** a kiosk in step: its cursor and version current, the next pull empty */
  const inStep = async (kiosk: Kiosk) => {
    const first = await pull(kiosk);
    expectConfig(first);
    const quiet = await pull(kiosk, { cursor: first.cursor, config: first.configVersion! });
    expectNoConfig(quiet);
    expect(quiet.configVersion).toBe(first.configVersion);
    expect([quiet.bookings, quiet.hosts, quiet.blacklist, quiet.revokedPasses]).toEqual([[], [], [], []]);
    return quiet;
  };

  it('left out while current; changes to bookings still come with it; an unknown version or none gets everything', async () => {
    const host = await env.createHost();
    const kiosk = await env.enrolKiosk();
    const quiet = await inStep(kiosk);
    const booking = await env.approvedBooking(host);
    const next = await pull(kiosk, { cursor: quiet.cursor, config: quiet.configVersion! });
    expect(next.bookings.map((b) => b.id)).toEqual([booking.id]);
    expectNoConfig(next);
    expectConfig(await pull(kiosk, { cursor: next.cursor, config: '1.999999' }));
    expectConfig(await pull(kiosk, { cursor: next.cursor })); // a kiosk older than versions
    expect((await env.request('GET', '/sync/pull?config=no%20such', { token: kiosk.credential })).statusCode).toBe(400);
  });

  it('a change of the site’s settings is in the next pull', async () => {
    const kiosk = await env.enrolKiosk();
    const quiet = await inStep(kiosk);
    await post('/admin/sites/site_test/settings', { temperatureThresholdC: 37.6 });
    const next = await pull(kiosk, { cursor: quiet.cursor, config: quiet.configVersion! });
    expectConfig(next);
    expect(next.settings).toMatchObject({ temperatureThresholdC: 37.6 });
    expect(next.configVersion).not.toBe(quiet.configVersion);
    expectNoConfig(await pull(kiosk, { cursor: next.cursor, config: next.configVersion! }));
  });

  it('a change of the site’s policy, or of the kiosk’s own, is in the next pull', async () => {
    const kiosk = await env.enrolKiosk();
    let quiet = await inStep(kiosk);
    await post('/admin/sites/site_test/policy', { values: { idleTimeoutS: 90 }, locked: ['idleTimeoutS'] });
    let next = await pull(kiosk, { cursor: quiet.cursor, config: quiet.configVersion! });
    expect(next.policy).toMatchObject({ site: { values: { idleTimeoutS: 90 }, locked: ['idleTimeoutS'] } });

    quiet = await pull(kiosk, { cursor: next.cursor, config: next.configVersion! });
    expectNoConfig(quiet);
    await post(`/admin/kiosks/${kiosk.kioskId}/policy`, { values: { language: 'en' }, locked: [] });
    next = await pull(kiosk, { cursor: quiet.cursor, config: quiet.configVersion! });
    expect(next.policy).toMatchObject({ kiosk: { values: { language: 'en' } } });
  });

  it('a kiosk enrolled at the site, or revoked, is in the next pull’s pass keys', async () => {
    const kiosk = await env.enrolKiosk();
    let quiet = await inStep(kiosk);
    const other = await env.enrolKiosk('前台二号');
    let next = await pull(kiosk, { cursor: quiet.cursor, config: quiet.configVersion! });
    expect((next.passKeys ?? []).map((k) => k.kid)).toContain(other.enrol.keyId);

    quiet = await pull(kiosk, { cursor: next.cursor, config: next.configVersion! });
    expectNoConfig(quiet);
    expect((await env.request('POST', `/admin/kiosks/${other.kioskId}/revoke`, { token: ADMIN_TOKEN })).statusCode).toBe(200);
    next = await pull(kiosk, { cursor: quiet.cursor, config: quiet.configVersion! });
    expect((next.passKeys ?? []).find((k) => k.kid === other.enrol.keyId)).toMatchObject({ revoked: true });
  });

  it('another site’s change leaves this site’s version alone', async () => {
    const kiosk = await env.enrolKiosk();
    const quiet = await inStep(kiosk);
    expect(
      (await env.request('POST', '/admin/sites', { token: ADMIN_TOKEN, body: { id: 'site_2', name: '二号园区', timezone: 'Asia/Shanghai' } })).statusCode,
    ).toBe(201);
    await post('/admin/sites/site_2/settings', { temperatureThresholdC: 37.8 });
    await post('/admin/sites/site_2/policy', { values: { idleTimeoutS: 30 }, locked: [] });
    expectNoConfig(await pull(kiosk, { cursor: quiet.cursor, config: quiet.configVersion! }));
  });
});
