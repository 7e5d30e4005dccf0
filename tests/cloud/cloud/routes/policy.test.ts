import { describe, expect, it } from 'vitest';
import type { KioskList, SiteList } from '../../../../src/shared/adminApi';
import type { PolicyLayer } from '../../../../src/shared/policy';
import type { PullResponse } from '../../../../src/shared/sync';
import { ADMIN_TOKEN, CloudTestEnv, DIALECTS, freshEnvPerTest } from '../../../support/cloud/harness';

describe.each(DIALECTS)('policy and kiosk admin routes (%s)', (dialect) => {
  let env: CloudTestEnv;
  freshEnvPerTest(dialect, (e) => (env = e));

  const pull = async (credential: string, query = '') => (await env.request('GET', `/sync/pull${query}`, { token: credential })).json<PullResponse>();

  it('writes a site’s and a kiosk’s policy with locks; the kiosk pulls both, older site settings filling in', async () => {
    const kiosk = await env.enrolKiosk();
    expect((await env.request('GET', '/admin/sites/site_test/policy', { token: ADMIN_TOKEN })).json()).toEqual({ values: {}, locked: [] });
    const legacy = await env.request('POST', '/admin/sites/site_test/settings', { token: ADMIN_TOKEN, body: { language: 'en', retentionDays: 90 } });
    expect(legacy.statusCode).toBe(200);

    const site = await env.request('POST', '/admin/sites/site_test/policy', {
      token: ADMIN_TOKEN,
      body: { values: { temperatureThresholdC: 37.0, idleTimeoutS: 90 }, locked: ['temperatureThresholdC'] },
    });
    expect(site.statusCode).toBe(200);
    expect(site.json()).toEqual({ values: { temperatureThresholdC: 37.0, idleTimeoutS: 90 }, locked: ['temperatureThresholdC'] });
    const own = await env.request('POST', `/admin/kiosks/${kiosk.kioskId}/policy`, {
      token: ADMIN_TOKEN,
      body: { values: { idleTimeoutS: 120 }, locked: ['idleTimeoutS'] },
    });
    expect(own.statusCode).toBe(200);
    expect((await env.request('GET', `/admin/kiosks/${kiosk.kioskId}/policy`, { token: ADMIN_TOKEN })).json<PolicyLayer>()).toEqual({
      values: { idleTimeoutS: 120 },
      locked: ['idleTimeoutS'],
    });

    expect((await pull(kiosk.credential)).policy).toEqual({
      site: { values: { language: 'en', retentionDays: 90, temperatureThresholdC: 37.0, idleTimeoutS: 90 }, locked: ['temperatureThresholdC'] },
      kiosk: { values: { idleTimeoutS: 120 }, locked: ['idleTimeoutS'] },
    });
    const audit = await env.kysely.selectFrom('audit_log').select(['action', 'subject']).where('action', 'like', '%.policy').orderBy('at').execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['kiosk.policy', 'site.policy']);
  });

  it('refuses a policy that fails the schema and keeps the one before', async () => {
    const kiosk = await env.enrolKiosk();
    await env.request('POST', '/admin/sites/site_test/policy', { token: ADMIN_TOKEN, body: { values: { temperatureThresholdC: 37.1 } } });
    for (const body of [
      { values: { temperatureThresholdC: 45 } },
      { values: { doorsOpen: true } },
      { locked: ['doorsOpen'] },
      { values: { language: 'fr' } },
      { values: { idleTimeoutS: '<script>' } },
      { values: { earlyArrivalMinutes: 241 } },
      { values: { walkInPassHours: 1.5 } },
      { values: { walkInApproval: 'guard' } },
      { values: { noticeText: { 'zh-CN': '\u202Eevil', en: '' } } },
      { values: { commitmentText: { 'zh-CN': 'x'.repeat(2001), en: '' } } },
      { values: { faceConsentText: { 'zh-CN': '同意' } } },
      { values: { areas: ['A栋', 'A栋'] } },
      { values: { visitTypes: ['a\u0000b'] } },
      { values: { passShows: { hostName: true } } },
    ]) {
      const res = await env.request('POST', '/admin/sites/site_test/policy', { token: ADMIN_TOKEN, body });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      const bad = await env.request('POST', `/admin/kiosks/${kiosk.kioskId}/policy`, { token: ADMIN_TOKEN, body });
      expect(bad.statusCode, JSON.stringify(body)).toBe(400);
    }
    expect((await env.request('GET', '/admin/sites/site_test/policy', { token: ADMIN_TOKEN })).json()).toEqual({
      values: { temperatureThresholdC: 37.1 },
      locked: [],
    });
    expect((await pull(kiosk.credential)).policy?.kiosk).toEqual({ values: {}, locked: [] });
  });

  it('takes the visit keys (early arrival, walk-in approval, passes, texts, lists); a site’s older walk-in settings fill in', async () => {
    const kiosk = await env.enrolKiosk();
    const legacy = { earlyArrivalMinutes: 15, walkInApproval: 'host', visitTypes: ['面试'], areas: ['A栋'] };
    expect((await env.request('POST', '/admin/sites/site_test/settings', { token: ADMIN_TOKEN, body: legacy })).statusCode).toBe(200);
    expect((await pull(kiosk.credential)).policy?.site.values).toEqual(legacy);

    const values = {
      earlyArrivalMinutes: 60,
      walkInPassHours: 4,
      passShows: { hostName: false, company: true, plate: true, reason: false },
      faceConsentText: { 'zh-CN': '同意拍照\n<b>仅本机保存</b>', en: 'Photo consent' },
      areas: ['东门', '西门'],
    };
    const res = await env.request('POST', '/admin/sites/site_test/policy', { token: ADMIN_TOKEN, body: { values, locked: ['faceConsentText'] } });
    expect(res.statusCode).toBe(200);
    expect((await pull(kiosk.credential)).policy?.site).toEqual({
      values: { walkInApproval: 'host', visitTypes: ['面试'], ...values },
      locked: ['faceConsentText'],
    });
  });

  it('answers 404 for an unknown site or kiosk and writes nothing', async () => {
    const site = await env.request('POST', '/admin/sites/site_nope/policy', { token: ADMIN_TOKEN, body: { values: { idleTimeoutS: 90 } } });
    expect(site.statusCode).toBe(404);
    expect(site.json()).toMatchObject({ error: 'site_unknown' });
    const kiosk = await env.request('GET', '/admin/kiosks/kiosk_nope/policy', { token: ADMIN_TOKEN });
    expect(kiosk.statusCode).toBe(404);
    expect(kiosk.json()).toMatchObject({ error: 'kiosk_unknown' });
    expect(await env.kysely.selectFrom('policies').selectAll().execute()).toEqual([]);
  });

  it('lists kiosks with their last pull, version, commands waiting and conflicts', async () => {
    const a = await env.enrolKiosk('前台一号');
    const b = await env.enrolKiosk('前台二号');
    await pull(a.credential, '?version=1.4.0&pending=3');
    const res = await env.request('GET', '/admin/kiosks?siteId=site_test', { token: ADMIN_TOKEN });
    expect(res.statusCode).toBe(200);
    const { kiosks } = res.json<KioskList>();
    expect(kiosks.map((k) => k.id).sort()).toEqual([a.kioskId, b.kioskId].sort());
    const first = kiosks.find((k) => k.id === a.kioskId)!;
    expect(first).toMatchObject({
      name: '前台一号',
      siteId: 'site_test',
      siteName: '测试园区',
      version: '1.4.0',
      pendingCommands: 3,
      conflicts: 0,
      lastSeenAt: env.clock.toISOString(),
    });
    const second = kiosks.find((k) => k.id === b.kioskId)!;
    expect(second.lastSeenAt).toBeUndefined();
    expect(second.version).toBeUndefined();

    // a later pull updates it
    env.clock = new Date(env.clock.getTime() + 60_000);
    await pull(a.credential, '?version=1.5.0&pending=0');
    const again = (await env.request('GET', '/admin/kiosks', { token: ADMIN_TOKEN })).json<KioskList>().kiosks.find((k) => k.id === a.kioskId)!;
    expect(again).toMatchObject({ version: '1.5.0', pendingCommands: 0, lastSeenAt: env.clock.toISOString() });
    expect((await env.request('GET', '/admin/kiosks?siteId=site_nope', { token: ADMIN_TOKEN })).statusCode).toBe(404);
  });

  it('lists the sites by name, and each kiosk with its site’s name', async () => {
    const made = await env.request('POST', '/admin/sites', { token: ADMIN_TOKEN, body: { id: 'site_alpha', name: 'A 园区', timezone: 'Asia/Shanghai' } });
    expect(made.statusCode).toBe(201);
    const { sites } = (await env.request('GET', '/admin/sites', { token: ADMIN_TOKEN })).json<SiteList>();
    expect(sites).toEqual([
      { id: 'site_alpha', name: 'A 园区', timezone: 'Asia/Shanghai' },
      { id: 'site_test', name: '测试园区', timezone: 'Asia/Shanghai' },
    ]);
    const kiosk = await env.enrolKiosk('前台三号');
    const { kiosks } = (await env.request('GET', '/admin/kiosks', { token: ADMIN_TOKEN })).json<KioskList>();
    expect(kiosks.find((k) => k.id === kiosk.kioskId)).toMatchObject({ siteId: 'site_test', siteName: '测试园区' });
  });
});
