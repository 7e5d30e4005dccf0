/**
 * The site dashboard (issue 14 §7) on SQLite and PostgreSQL, against a small known world (dashboardFixtures.ts):
 * exact numbers for every series, the site's midnight as the day boundary, the 12 months' and the 30 days' first
 * days, another site's data left out; each series as CSV with a BOM; clear 400 / 404 for a bad series or site.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dashboard } from '../../../../src/shared/dashboard';
import { ADMIN_TOKEN, CloudTestEnv, DIALECTS } from '../../../support/cloud/harness';
import { DASHBOARD_NOW, seedDashboard } from '../../../support/cloud/dashboardFixtures';

describe.each(DIALECTS)('dashboard (%s)', (dialect) => {
  let env: CloudTestEnv;
  let d: Dashboard;
  beforeAll(async () => {
    env = await CloudTestEnv.create(dialect);
    env.clock = new Date(DASHBOARD_NOW);
    await seedDashboard(env.kysely);
    const res = await env.request('GET', '/admin/sites/site_test/dashboard', { token: ADMIN_TOKEN });
    expect(res.statusCode, res.body).toBe(200);
    d = res.json<Dashboard>();
  });
  afterAll(async () => env.dispose());

  it('counts today in the site’s zone: the figures and the arrivals per hour, from its midnight', () => {
    expect(d).toMatchObject({ siteId: 'site_test', timezone: 'Asia/Shanghai', today: '2026-11-22', periodFrom: '2026-10-24' });
    expect(d.figures).toEqual({ arrivalsToday: 4, onSiteNow: 3, visitsYear: 7, temperatureRefusals: 2, blacklistHits: 3, kiosksOffline: 2, kiosks: 3 });
    expect(d.hours).toHaveLength(24);
    expect(d.hours[0]).toEqual({ start: '2026-11-21T16:00:00.000Z', hour: '00:00', visits: 1 });
    const busy = d.hours.filter((h) => h.visits > 0).map((h) => [h.hour, h.visits]);
    expect(busy).toEqual([
      ['00:00', 1],
      ['09:00', 2],
      ['14:00', 1],
    ]);
  });

  it('counts visits per site day over 12 months, from the day after the same date a year before', () => {
    expect(d.days).toHaveLength(365);
    expect(d.days[0]!.day).toBe('2025-11-23');
    expect(d.days.at(-1)!.day).toBe('2026-11-22');
    expect(d.days.filter((x) => x.visits > 0)).toEqual([
      { day: '2025-11-23', visits: 1 },
      { day: '2026-10-23', visits: 1 },
      { day: '2026-11-21', visits: 1 },
      { day: '2026-11-22', visits: 4 },
    ]);
  });

  it('breaks the last 30 days down by department and by source, and counts refusals and hits of this site only', () => {
    expect(d.departments).toEqual([
      { department: '研发部', visits: 3 },
      { department: '行政部', visits: 2 },
    ]);
    expect(d.sources).toEqual([
      { source: 'self', visits: 2 },
      { source: 'invited', visits: 1 },
      { source: 'staff', visits: 1 },
      { source: 'group', visits: 0 },
      { source: 'walk_in', visits: 1 },
    ]);
    expect(d.safety).toEqual([
      { kind: 'temperature_refused', count: 2 },
      { kind: 'blacklist_refused', count: 1 },
      { kind: 'blacklist_warned', count: 1 },
      { kind: 'application_refused', count: 1 },
    ]);
    expect(d.kiosks.map((k) => [k.kioskId, k.online, k.lastSeenAt !== undefined])).toEqual(
      expect.arrayContaining([
        ['dk-a', true, true],
        ['dk-b', false, true],
        ['dk-c', false, false],
      ]),
    );
    expect(d.kiosks).toHaveLength(3);
    expect(d.kiosks.at(-1)!.kioskId).toBe('dk-a');
  });

  it('gives each series as CSV (UTF-8 with BOM), and refuses an unknown series or site', async () => {
    const res = await env.request('GET', '/admin/sites/site_test/dashboard.csv?series=days', { token: ADMIN_TOKEN });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toBe('attachment; filename="dashboard-days-2026-11-22.csv"');
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe('日期 / day,来访 / visits');
    expect(lines).toHaveLength(366);
    expect(lines.at(-1)).toBe('2026-11-22,4');
    const deps = await env.request('GET', '/admin/sites/site_test/dashboard.csv?series=departments', { token: ADMIN_TOKEN });
    expect(
      deps.body
        .replace(/^\uFEFF/, '')
        .split('\r\n')
        .slice(1, 3),
    ).toEqual(['研发部,3', '行政部,2']);
    const kiosks = await env.request('GET', '/admin/sites/site_test/dashboard.csv?series=kiosks', { token: ADMIN_TOKEN });
    expect(kiosks.body).toContain('前台一号,2026-11-22 14:25,在线 / online');

    const bad = await env.request('GET', '/admin/sites/site_test/dashboard.csv?series=everything', { token: ADMIN_TOKEN });
    expect(bad.statusCode).toBe(400);
    const none = await env.request('GET', '/admin/sites/site_nowhere/dashboard', { token: ADMIN_TOKEN });
    expect(none.statusCode).toBe(404);
    expect(none.json<{ error: string }>().error).toBe('site_unknown');
  });

  it('keeps a closed day’s count, and counts it again once the count is a day old', async () => {
    const daysOf = async () => (await env.request('GET', '/admin/sites/site_test/dashboard', { token: ADMIN_TOKEN })).json<Dashboard>().days;
    const visitsOn = (days: Dashboard['days'], day: string) => days.find((x) => x.day === day)?.visits;
    const kept = await env.kysely.selectFrom('site_day_counts').select(['day', 'visits']).where('site_id', '=', 'site_test').execute();
    expect(kept, 'every day before yesterday kept').toHaveLength(363);
    expect(kept.find((k) => k.day === '2026-10-23')?.visits).toBe(1);
    // a kiosk that was offline reports an arrival of 2026-11-10 late: the kept count stands until it is a day old
    await env.kysely.updateTable('bookings').set({ arrived_at: '2026-11-10T02:00:00.000Z' }).where('id', '=', 'dash-b1').execute();
    expect(visitsOn(await daysOf(), '2026-11-10')).toBe(0);
    await env.kysely.updateTable('site_day_counts').set({ counted_at: '2026-11-21T06:00:00.000Z' }).where('day', '=', '2026-11-10').execute();
    expect(visitsOn(await daysOf(), '2026-11-10')).toBe(1);
    await env.kysely.updateTable('bookings').set({ arrived_at: null }).where('id', '=', 'dash-b1').execute();
  });
});
