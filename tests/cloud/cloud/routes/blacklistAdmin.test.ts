import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BlacklistAdminEntry, BlacklistAdminList, BlacklistHitList } from '../../../../src/shared/blacklistAdmin';
import type { Host } from '../../../../src/shared/domain';
import { randomUUID } from 'node:crypto';
import { CommandBody, type PullResponse, type PushResponse } from '../../../../src/shared/sync';
import { runSweepJob } from '../../../../src/cloud/services/sweepJob';
import { ADMIN_TOKEN, CloudTestEnv, DIALECTS, T0, signCommand, type Kiosk } from '../../../support/cloud/harness';
import { LEAD_ID, registration, walkIn } from '../../../support/cloud/walkInFixtures';

const admin = { token: ADMIN_TOKEN };
const WARNED_ID = '11010519491231002X';

describe.each(DIALECTS)('the blacklist for administrators (%s)', (dialect) => {
  let env: CloudTestEnv;
  let host: Host;
  let kiosk: Kiosk;
  const ids: Record<string, string> = {};
  const add = async (key: string, body: Record<string, unknown>) => {
    const res = await env.request('POST', '/admin/blacklist', { ...admin, body: { siteId: 'site_test', reason: '曾有违规', ...body } });
    expect(res.statusCode, res.body).toBe(201);
    ids[key] = res.json<{ id: string }>().id;
  };
  const list = async (query = '') => (await env.request('GET', `/admin/blacklist?siteId=site_test&${query}`, admin)).json<BlacklistAdminList>().entries;
  const hits = async (key: string) => (await env.request('GET', `/admin/blacklist/${ids[key]}/hits`, admin)).json<BlacklistHitList>().hits;

  beforeAll(async () => {
    env = await CloudTestEnv.create(dialect);
    host = await env.createHost();
    kiosk = await env.enrolKiosk();
    const siteB = await env.request('POST', '/admin/sites', { ...admin, body: { id: 'site_b', name: '乙园区', timezone: 'Asia/Shanghai' } });
    expect(siteB.statusCode).toBe(201);
    await add('refuse', { name: '黑名单甲', phone: '13700000001' });
    await add('warn', { name: '提醒乙', idNumber: WARNED_ID, level: 'warn' });
    await add('expiring', { name: '到期丙', phone: '13700000003', expiresAt: new Date(T0.getTime() + 3600_000).toISOString() });
    await add('otherSite', { siteId: 'site_b', name: '别园丁', phone: '13700000004' });
  });
  afterAll(async () => {
    await env.dispose();
  });

  it('lists entries with masked numbers only, and finds them by name, masked or whole number, level and status', async () => {
    const res = await env.request('GET', '/admin/blacklist?siteId=site_test', admin);
    expect(res.body).not.toMatch(/13700000001|110105194912310|[0-9a-f]{64}/);
    const entries = res.json<BlacklistAdminList>().entries;
    expect(entries.map((e) => e.name).sort()).toEqual(['到期丙', '提醒乙', '黑名单甲'].sort());
    expect(entries.find((e) => e.id === ids.refuse)).toMatchObject<Partial<BlacklistAdminEntry>>({
      phoneMasked: '137****0001',
      level: 'refuse',
      status: 'active',
      addedBy: 'admin',
      reason: '曾有违规',
    });
    expect(entries.find((e) => e.id === ids.warn)?.idNumberMasked).toBe('110***********002X');
    expect((await list('q=黑名单')).map((e) => e.id)).toEqual([ids.refuse]);
    expect((await list('q=0001')).map((e) => e.id)).toEqual([ids.refuse]);
    expect((await list('q=13700000001')).map((e) => e.id)).toEqual([ids.refuse]);
    expect((await list(`q=${WARNED_ID}`)).map((e) => e.id)).toEqual([ids.warn]);
    expect((await list('level=warn')).map((e) => e.id)).toEqual([ids.warn]);
    expect((await list('q=13700000004')).map((e) => e.id)).toEqual([]);
    expect((await env.request('GET', '/admin/blacklist?siteId=site_test&level=ban', admin)).statusCode).toBe(400);
    const past = await env.request('POST', '/admin/blacklist', {
      ...admin,
      body: { phone: '13700000009', reason: 'x', siteId: 'site_test', expiresAt: '2020-01-01T00:00:00Z' },
    });
    expect(past.statusCode).toBe(400);
    expect((await list()).length).toBe(3);
  });

  it('refuse refuses an application and an approval, warn lets it through; each match is a hit of its entry', async () => {
    const refused = await env.request('POST', '/bookings', { ...admin, body: env.bookingInput(host, { visitor: { name: '黑名单甲', phone: '13700000001' } }) });
    expect(refused.statusCode).toBe(409);
    expect(refused.json<{ error: string }>().error).toBe('blacklisted');
    // an anonymous application gets its receipt, and is a hit all the same
    const anonymous = await env.request('POST', '/bookings', { body: env.bookingInput(host, { visitor: { name: '黑名单甲', phone: '13700000001' } }) });
    expect(anonymous.statusCode).toBe(202);
    expect((await hits('refuse')).map((h) => [h.source, h.outcome, h.nameMasked])).toEqual([
      ['application', 'refused', '黑**甲'],
      ['application', 'refused', '黑**甲'],
    ]);

    const warned = await env.createBooking(
      host,
      { visitor: { name: '提醒乙', phone: '13900000002', idType: 'resident_id', idNumber: WARNED_ID } },
      ADMIN_TOKEN,
    );
    expect(warned.status).toBe('pending');
    expect((await hits('warn')).map((h) => [h.source, h.outcome, h.level])).toEqual([['application', 'warned', 'warn']]);

    // someone blacklisted after applying: the approval refuses, and that is a hit too
    const before = await env.createBooking(host, { visitor: { name: '后来丁', phone: '13900000005' } }, ADMIN_TOKEN);
    await add('late', { name: '后来丁', phone: '13900000005' });
    expect((await env.decide(before.id, 'approve')).statusCode).toBe(409);
    expect((await hits('late')).map((h) => [h.source, h.outcome, h.subject])).toEqual([['approval', 'refused', before.id]]);
    expect((await list('q=后来')).map((e) => e.hits)).toEqual([1]);
  });

  it('an entry of another site matches nothing here; a kiosk’s refused walk-in is a hit', async () => {
    await env.createBooking(host, { visitor: { name: '别园丁', phone: '13700000004' } }, ADMIN_TOKEN);
    expect(await hits('otherSite')).toEqual([]);
    const result = await walkIn(
      env,
      kiosk,
      registration(host, { visitor: { name: '黑名单甲', phone: '13700000001', idType: 'resident_id', idNumber: LEAD_ID, idSource: 'card' } }),
    );
    expect(result).toMatchObject({ status: 'conflict', code: 'blacklisted' });
    expect((await hits('refuse')).map((h) => h.source)).toContain('kiosk');
  });

  it('a refusal the kiosk made by its own list is reported once: a hit at the kiosk’s time, unknown and other sites’ entries skipped', async () => {
    const booking = await env.createBooking(host, { visitor: { name: '后来者', phone: '13700000009' } }, ADMIN_TOKEN);
    const at = '2026-11-22T01:30:00.000Z';
    const report = CommandBody.parse({
      kind: 'blacklistHit',
      payload: {
        context: 'checkin',
        bookingId: booking.id,
        hits: [
          { entryId: ids.refuse, nameMasked: '后来者' },
          { entryId: ids.refuse, nameMasked: '后*者' },
          { entryId: ids.otherSite, nameMasked: '别*丁' },
          { entryId: 'bl_gone', nameMasked: '无*人' },
        ],
      },
    });
    const signed = await signCommand(kiosk, { id: randomUUID(), kioskId: kiosk.kioskId, at, ...report });
    const push = async () =>
      (await env.request('POST', '/sync/push', { token: kiosk.credential, body: { commands: [signed] } })).json<PushResponse>().results[0];
    expect(await push()).toMatchObject({ status: 'applied' });
    expect(await push()).toMatchObject({ status: 'duplicate' });
    const fromKiosk = (await hits('refuse')).filter((h) => h.subject === booking.id);
    // one hit per entry; a name the kiosk sent unmasked is masked by the cloud
    expect(fromKiosk.map((h) => [h.source, h.outcome, h.at, h.nameMasked])).toEqual([['kiosk', 'refused', at, '后*者']]);
    expect(await hits('otherSite')).toEqual([]);
    const bad = CommandBody.safeParse({ kind: 'blacklistHit', payload: { context: 'checkin', hits: [] } });
    expect(bad.success).toBe(false);

    // another site's booking, a time ahead of the cloud's: recorded without the booking, at the cloud's time at the latest
    const elsewhere = await env.createBooking(host, { visitor: { name: '别处人', phone: '13700000010' } }, ADMIN_TOKEN);
    await env.db.kysely.updateTable('bookings').set({ site_id: 'site_b' }).where('id', '=', elsewhere.id).execute();
    const ahead = new Date(env.clock.getTime() + 86_400_000).toISOString();
    const second = CommandBody.parse({
      kind: 'blacklistHit',
      payload: { context: 'checkin', bookingId: elsewhere.id, hits: [{ entryId: ids.refuse, nameMasked: '别*人' }] },
    });
    const pushed = await signCommand(kiosk, { id: randomUUID(), kioskId: kiosk.kioskId, at: ahead, ...second });
    const res = await env.request('POST', '/sync/push', { token: kiosk.credential, body: { commands: [pushed] } });
    expect(res.json<PushResponse>().results[0]).toMatchObject({ status: 'applied', code: 'blacklist_reported' });
    const recorded = (await hits('refuse')).find((h) => h.nameMasked === '别*人');
    expect(recorded?.subject).toBeUndefined();
    expect(Date.parse(recorded!.at)).toBeLessThanOrEqual(env.clock.getTime());
    const applied = await env.db.kysely.selectFrom('applied_commands').select('booking_id').where('id', '=', pushed.id).executeTakeFirstOrThrow();
    expect(applied.booking_id).toBeNull();
    // the dashboard counts the kiosk's reported refusals with the others
    const dashboard = (await env.request('GET', '/admin/sites/site_test/dashboard', admin)).json<{ safety: { kind: string; count: number }[] }>();
    expect(dashboard.safety.find((x) => x.kind === 'blacklist_refused')?.count).toBeGreaterThanOrEqual(2);
  });

  it('an expired entry no longer matches, reads as expired, and leaves the kiosks’ lists after the sweep', async () => {
    const pull = async () => (await env.request('GET', '/sync/pull', { token: kiosk.credential })).json<PullResponse>();
    expect((await pull()).blacklist.find((e) => e.id === ids.expiring)?.active).toBe(true);
    env.clock = new Date(T0.getTime() + 2 * 3600_000);
    try {
      const booking = await env.createBooking(host, { visitor: { name: '到期丙', phone: '13700000003' } }, ADMIN_TOKEN);
      expect(booking.status).toBe('pending');
      expect(await hits('expiring')).toEqual([]);
      expect((await list('status=expired')).map((e) => e.id)).toEqual([ids.expiring]);
      expect((await list('status=active')).map((e) => e.id)).not.toContain(ids.expiring);
      await runSweepJob(env.kysely, env.db.dialect, env.clock);
      expect((await pull()).blacklist.find((e) => e.id === ids.expiring)?.active).toBe(false);
    } finally {
      env.clock = new Date(T0);
    }
  });
});
