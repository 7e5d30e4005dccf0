/**
 * Issue 9: what a kiosk looks up while registering a walk-in — a person's last visit, today's visitors, the host
 * directory — scoped to its site and masked; and the site's walk-in policy and a host's office as kiosks pull them.
 * SQLite and PostgreSQL.
 */
import { describe, expect, it } from 'vitest';
import { blacklistIdNumberKey, blacklistPhoneKey } from '../../../../src/shared/blacklistKey';
import type { Host } from '../../../../src/shared/domain';
import type { HostSearchResult, TodayVisits, VisitRecord } from '../../../../src/shared/kioskDirectory';
import type { PullResponse } from '../../../../src/shared/sync';
import { ADMIN_TOKEN, DIALECTS, freshEnvPerTest, signCommand, checkin, type CloudTestEnv, type Kiosk } from '../../../support/cloud/harness';
import { COMPANION_ID, LEAD_ID, registration, walkIn } from '../../../support/cloud/walkInFixtures';

describe.each(DIALECTS)('kiosk lookups (%s)', (dialect) => {
  let env: CloudTestEnv;
  freshEnvPerTest(dialect, (e) => (env = e));
  let host: Host;
  let kiosk: Kiosk;
  const setUp = async () => {
    host = await env.createHost();
    kiosk = await env.enrolKiosk();
  };
  const get = (path: string, token = kiosk.credential) => env.request('GET', path, { token });
  const otherSiteKiosk = async (): Promise<Kiosk> => {
    await env.request('POST', '/admin/sites', { token: ADMIN_TOKEN, body: { id: 'site_b', name: '乙园区', timezone: 'Asia/Shanghai' } });
    env.siteId = 'site_b';
    const k = await env.enrolKiosk('乙前台');
    env.siteId = 'site_test';
    return k;
  };

  it('serves the site’s walk-in policy and the hosts’ offices in the pull', async () => {
    await setUp();
    const policy = {
      walkInApproval: 'host',
      walkInOfflineFallback: 'refuse',
      earlyArrivalMinutes: 15,
      visitTypes: ['面试', '送货'],
      areas: ['A座'],
      freeTextReason: false,
    };
    const set = await env.request('POST', '/admin/sites/site_test/settings', { token: ADMIN_TOKEN, body: policy });
    expect(set.statusCode, set.body).toBe(200);
    const withOffice = await env.createHost({ name: '陈静', phone: '13800138003', office: 'B-1203' });
    expect(withOffice.office).toBe('B-1203');
    const pull = (await get('/sync/pull')).json<PullResponse>();
    expect(pull.settings).toMatchObject(policy);
    expect(pull.hosts.find((h) => h.id === withOffice.id)).toMatchObject({ office: 'B-1203' });
    expect(pull.hosts.find((h) => h.id === host.id)?.office).toBeUndefined();
    const bad = await env.request('POST', '/admin/sites/site_test/settings', { token: ADMIN_TOKEN, body: { walkInApproval: 'nobody' } });
    expect(bad.statusCode).toBe(400);
  });

  it('last visit: by the ID key, then by the phone key; masked; 404 when none, and for another site’s kiosk', async () => {
    await setUp();
    await walkIn(env, kiosk, registration(host, { reason: '第一次' }));
    env.clock = new Date(env.clock.getTime() + 60_000);
    const latest = registration(host, { reason: '第二次', visitType: '面试' });
    await walkIn(env, kiosk, latest);
    const byId = await get(`/kiosk/visitors/last-visit?idKey=${blacklistIdNumberKey(LEAD_ID)}`);
    expect(byId.statusCode, byId.body).toBe(200);
    expect(byId.json<VisitRecord>()).toMatchObject({
      bookingId: latest.bookingId,
      nameMasked: '张*',
      phoneMasked: '139****5678',
      idNumberMasked: '110***********002X',
      company: '远航科技',
      title: '经理',
      host: { id: host.id, name: '李明', department: '行政部' },
      reason: '第二次',
      visitType: '面试',
      area: 'A座',
      plate: '粤B12345',
    });
    expect(byId.body).not.toContain(LEAD_ID);
    expect(byId.body).not.toContain('13912345678');
    expect(byId.body).not.toContain('张伟');
    const byPhone = await get(`/kiosk/visitors/last-visit?idKey=${blacklistIdNumberKey(COMPANION_ID)}&phoneKey=${blacklistPhoneKey('+86 139 1234 5678')}`);
    expect(byPhone.json<VisitRecord>().bookingId).toBe(latest.bookingId);
    const none = await get(`/kiosk/visitors/last-visit?idKey=${blacklistIdNumberKey(COMPANION_ID)}`);
    expect(none.statusCode).toBe(404);
    expect((await get(`/kiosk/visitors/last-visit?idKey=${LEAD_ID}`)).statusCode).toBe(400);
    expect((await get('/kiosk/visitors/last-visit')).statusCode).toBe(400);
    const other = await otherSiteKiosk();
    expect((await get(`/kiosk/visitors/last-visit?idKey=${blacklistIdNumberKey(LEAD_ID)}`, other.credential)).statusCode).toBe(404);
  });

  it('today: walk-ins and arrivals of the site’s day, newest first, masked, bounded', async () => {
    await setUp();
    env.clock = new Date('2026-11-21T03:00:00.000Z');
    await walkIn(env, kiosk, registration(host, { windowStart: '2026-11-21T02:00:00.000Z', windowEnd: '2026-11-21T10:00:00.000Z' }), {
      at: '2026-11-21T03:00:00.000Z',
    });
    env.clock = new Date('2026-11-22T02:10:00.000Z');
    const booked = await env.approvedBooking(host, { visitor: { name: '欧阳娜娜', phone: '13711112222', idType: 'resident_id', idNumber: COMPANION_ID } });
    await env.request('POST', '/sync/push', { token: kiosk.credential, body: { commands: [await signCommand(kiosk, checkin(kiosk, booked.id))] } });
    const first = registration(host, {}, 1);
    await walkIn(env, kiosk, first, { at: '2026-11-22T02:20:00.000Z' });
    const second = registration(host, { approval: 'host' });
    env.clock = new Date('2026-11-22T02:30:00.000Z');
    await walkIn(env, kiosk, second, { at: '2026-11-22T02:30:00.000Z' });
    const res = await get('/kiosk/visits/today');
    expect(res.statusCode, res.body).toBe(200);
    const today = res.json<TodayVisits>();
    expect(today.date).toBe('2026-11-22');
    // the walk-in's lead and companion arrived at one instant: in either order between the later and the earlier
    const ids = today.visits.map((v) => v.bookingId);
    expect(ids).toHaveLength(4);
    expect([ids[0], ids[3]]).toEqual([second.bookingId, booked.id]);
    expect(new Set(ids.slice(1, 3))).toEqual(new Set([first.bookingId, first.companions[0]!.bookingId]));
    expect(today.visits[3]).toMatchObject({ nameMasked: '欧**娜', status: 'arrived', source: 'self' });
    expect(today.visits.find((v) => v.mainBookingId === first.bookingId)).toMatchObject({ nameMasked: '李*' });
    for (const secret of [LEAD_ID, COMPANION_ID, '13912345678', '13711112222', '张伟']) expect(res.body).not.toContain(secret);
    expect((await get('/kiosk/visits/today?limit=2')).json<TodayVisits>().visits).toHaveLength(2);
    expect((await get('/kiosk/visits/today?limit=201')).statusCode).toBe(400);
    const other = await otherSiteKiosk();
    expect((await get('/kiosk/visits/today', other.credential)).json<TodayVisits>().visits).toEqual([]);
  });

  it('host directory: by phone (any spelling) or by name; phones masked; no permission answers canReceiveVisitors false', async () => {
    await setUp();
    const noPermission = await env.createHost({ name: '李明远', phone: '13800138005', department: '保卫处', canReceiveVisitors: false });
    const byPhone = await get(`/kiosk/hosts?q=${encodeURIComponent('+86 138 0013 8001')}`);
    expect(byPhone.statusCode, byPhone.body).toBe(200);
    expect(byPhone.json<HostSearchResult>()).toEqual({
      hosts: [{ id: host.id, name: '李明', department: '行政部', phoneMasked: '138****8001', canReceiveVisitors: true }],
    });
    expect(byPhone.body).not.toContain('13800138001');
    const byName = (await get(`/kiosk/hosts?q=${encodeURIComponent('李明')}`)).json<HostSearchResult>();
    expect(byName.hosts.map((h) => [h.name, h.canReceiveVisitors])).toEqual([
      ['李明', true],
      ['李明远', false],
    ]);
    expect((await get(`/kiosk/hosts?q=${encodeURIComponent('明远')}`)).json<HostSearchResult>().hosts.map((h) => h.id)).toEqual([noPermission.id]);
    const short = await get(`/kiosk/hosts?q=${encodeURIComponent('李')}`);
    expect(short.statusCode).toBe(400);
    expect(short.json()).toMatchObject({ error: 'query_too_short' });
    expect((await get(`/kiosk/hosts?q=${encodeURIComponent('%%')}`)).json<HostSearchResult>().hosts).toEqual([]);
    expect((await get(`/kiosk/hosts?q=${encodeURIComponent('13800138009')}`)).json<HostSearchResult>().hosts).toEqual([]);
    const other = await otherSiteKiosk();
    expect((await get(`/kiosk/hosts?q=${encodeURIComponent('李明')}`, other.credential)).json<HostSearchResult>().hosts).toEqual([]);
  });

  it('one host by id (a walk-in for a host not pulled yet): the record a pull gives; no permission, unknown or another site: 404', async () => {
    await setUp();
    const one = await get(`/kiosk/hosts/${host.id}`);
    expect(one.statusCode, one.body).toBe(200);
    expect(one.json()).toMatchObject({ id: host.id, name: '李明', department: '行政部', phone: '13800138001', canReceiveVisitors: true });
    const noPermission = await env.createHost({ name: '李明远', phone: '13800138005', department: '保卫处', canReceiveVisitors: false });
    for (const id of [noPermission.id, 'host_nobody']) {
      const res = await get(`/kiosk/hosts/${id}`);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ error: 'host_not_found' });
    }
    const other = await otherSiteKiosk();
    expect((await get(`/kiosk/hosts/${host.id}`, other.credential)).statusCode).toBe(404);
  });
});
