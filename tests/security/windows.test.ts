/**
 * Issue 7, finding 7: visit windows without bounds. A window may not have ended, last longer than the site's
 * maxWindowDays (default 7) or start further ahead than its maxLeadDays (default 30); a kiosk check-in whose `at`
 * lies before the window opened (beyond the site's early-arrival allowance, default 0) is a conflict, never applied.
 * On SQLite and PostgreSQL.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Host } from '../../src/shared/domain';
import type { CloudKioskSettings, PushResponse } from '../../src/shared/sync';
import { ADMIN_TOKEN, checkin, CloudTestEnv, DIALECTS, freshEnvPerTest, signCommand, T0, type Kiosk } from '../support/cloud/harness';

const DAY = 24 * 3600_000;
const at = (ms: number) => new Date(T0.getTime() + ms).toISOString();

describe.each(DIALECTS)('visit windows (%s)', (dialect) => {
  let env: CloudTestEnv;
  let host: Host;
  freshEnvPerTest(dialect, (e) => (env = e));
  beforeEach(async () => {
    host = await env.createHost();
  });

  /** a site's policy, as its administrator sets it (POST /admin/sites/{id}/settings) */
  const setPolicy = async (settings: CloudKioskSettings, siteId = 'site_test') => {
    const res = await env.request('POST', `/admin/sites/${siteId}/settings`, { token: ADMIN_TOKEN, body: settings });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject(settings);
  };
  const book = (window: { windowStart: string; windowEnd: string }, token?: string) =>
    env.request('POST', '/bookings', { body: env.bookingInput(host, window), ...(token ? { token } : {}) });
  const errorOf = (res: { json(): unknown }) => (res.json() as { error: string }).error;

  it('refuses a window from now to 2036, and a pass can no longer be made to last years', async () => {
    for (const token of [undefined, ADMIN_TOKEN]) {
      const res = await book({ windowStart: at(0), windowEnd: '2036-01-01T00:00:00.000Z' }, token);
      expect([res.statusCode, errorOf(res)], String(token)).toEqual([400, 'window_too_long']);
    }
    expect(await env.count('bookings')).toBe(0);
  });

  it('refuses windows in the past, to the year 9999 and too far ahead; accepts the limits themselves', async () => {
    for (const token of [undefined, ADMIN_TOKEN]) {
      const past = await book({ windowStart: at(-3 * DAY), windowEnd: at(-2 * DAY) }, token);
      expect([past.statusCode, errorOf(past)]).toEqual([400, 'window_in_past']);
      const endedNow = await book({ windowStart: at(-3600_000), windowEnd: at(0) }, token);
      expect([endedNow.statusCode, errorOf(endedNow)]).toEqual([400, 'window_in_past']);
      const y9999 = await book({ windowStart: '9999-12-30T00:00:00.000Z', windowEnd: '9999-12-31T00:00:00.000Z' }, token);
      expect([y9999.statusCode, errorOf(y9999)]).toEqual([400, 'window_too_far_ahead']);
      const ahead = await book({ windowStart: at(31 * DAY), windowEnd: at(31 * DAY + 3600_000) }, token);
      expect([ahead.statusCode, errorOf(ahead)]).toEqual([400, 'window_too_far_ahead']);
      const long = await book({ windowStart: at(0), windowEnd: at(7 * DAY + 1000) }, token);
      expect([long.statusCode, errorOf(long)]).toEqual([400, 'window_too_long']);
    }
    expect(await env.count('bookings')).toBe(0);
    const week = await book({ windowStart: at(-3600_000), windowEnd: at(7 * DAY - 3600_000) }, ADMIN_TOKEN);
    expect(week.statusCode, week.body).toBe(201);
    const month = await book({ windowStart: at(30 * DAY), windowEnd: at(30 * DAY + 3600_000) });
    expect(month.statusCode, month.body).toBeLessThan(300);
    expect(await env.count('bookings')).toBe(2);
  });

  it("reads each site's own limits from its settings", async () => {
    await setPolicy({ maxWindowDays: 14, maxLeadDays: 90 });
    for (const token of [undefined, ADMIN_TOKEN]) {
      expect((await book({ windowStart: at(0), windowEnd: at(10 * DAY) }, token)).statusCode).toBeLessThan(300);
      expect((await book({ windowStart: at(60 * DAY), windowEnd: at(61 * DAY) }, token)).statusCode).toBeLessThan(300);
      expect(errorOf(await book({ windowStart: at(0), windowEnd: at(15 * DAY) }, token))).toBe('window_too_long');
    }
    await setPolicy({ maxWindowDays: 0.5, maxLeadDays: 2 });
    for (const token of [undefined, ADMIN_TOKEN]) {
      expect(errorOf(await book({ windowStart: at(0), windowEnd: at(DAY) }, token))).toBe('window_too_long');
      expect(errorOf(await book({ windowStart: at(3 * DAY), windowEnd: at(3 * DAY + 3600_000) }, token))).toBe('window_too_far_ahead');
      expect((await book({ windowStart: at(DAY), windowEnd: at(DAY + 3600_000) }, token)).statusCode).toBeLessThan(300);
    }
  });

  it('holds an anonymous window to the strictest site before looking the host up; a signed-in one to its host’s site', async () => {
    const other = await env.request('POST', '/admin/sites', { token: ADMIN_TOKEN, body: { id: 'site_strict', name: '严格园区' } });
    expect(other.statusCode).toBe(201);
    await setPolicy({ maxWindowDays: 1 }, 'site_strict');
    const window = { windowStart: at(0), windowEnd: at(3 * DAY) };
    for (const hostPhone of [host.phone, '13999999999']) {
      const anon = await env.request('POST', '/bookings', { body: env.bookingInput(host, { ...window, hostPhone }) });
      expect([anon.statusCode, errorOf(anon)], hostPhone).toEqual([400, 'window_too_long']);
    }
    const staff = await env.request('POST', '/bookings', { token: ADMIN_TOKEN, body: env.bookingInput(host, window) });
    expect(staff.statusCode, staff.body).toBe(201);
  });

  describe('check-in commands', () => {
    const push = async (kiosk: Kiosk, bookingId: string, when: string) => {
      const res = await env.request('POST', '/sync/push', {
        token: kiosk.credential,
        body: { commands: [await signCommand(kiosk, checkin(kiosk, bookingId, { at: when }))] },
      });
      expect(res.statusCode, res.body).toBe(200);
      return res.json<PushResponse>().results[0]!;
    };

    it('refuses a check-in dated two days early or in 1970 as a conflict, and leaves the booking approved', async () => {
      const b = await env.approvedBooking(host, { windowStart: at(DAY), windowEnd: at(DAY + 8 * 3600_000) });
      const kiosk = await env.enrolKiosk();
      for (const when of [at(-DAY), '1970-01-01T00:00:00.000Z', at(DAY - 61 * 60_000)]) {
        const r = await push(kiosk, b.id, when);
        expect(r, when).toMatchObject({ status: 'conflict', code: 'checkin_outside_window', booking: { status: 'approved' } });
      }
      const row = await env.kysely.selectFrom('bookings').select(['status', 'arrived_at']).where('id', '=', b.id).executeTakeFirstOrThrow();
      expect(row).toEqual({ status: 'approved', arrived_at: null });
      const conflicts = await env.request('GET', '/admin/conflicts', { token: ADMIN_TOKEN });
      expect(conflicts.json<{ conflicts: { code?: string }[] }>().conflicts.map((c) => c.code)).toEqual(Array(3).fill('checkin_outside_window'));
    });

    it('applies a check-in within the site’s early-arrival allowance (default 0), and refuses one after the window as before', async () => {
      const kiosk = await env.enrolKiosk();
      const strict = await env.approvedBooking(host, { windowStart: at(DAY), windowEnd: at(DAY + 8 * 3600_000) });
      expect(await push(kiosk, strict.id, at(DAY - 60_000))).toMatchObject({ status: 'conflict', code: 'checkin_outside_window' });
      await setPolicy({ earlyArrivalMinutes: 60 });
      const early = await env.approvedBooking(host, { windowStart: at(DAY), windowEnd: at(DAY + 8 * 3600_000) });
      expect(await push(kiosk, early.id, at(DAY - 50 * 60_000))).toMatchObject({ status: 'applied', booking: { status: 'arrived' } });
      const late = await env.approvedBooking(host);
      expect(await push(kiosk, late.id, '2036-01-01T00:00:00.000Z')).toMatchObject({ status: 'conflict', code: 'booking_expired' });
    });

    it('judges a kiosk’s check-in by its policy layers: the site’s allowance, a kiosk layer’s over it (issue 11)', async () => {
      const kiosk = await env.enrolKiosk();
      const other = await env.enrolKiosk('另一台');
      const layer = async (path: string, values: Record<string, unknown>) => {
        const res = await env.request('POST', `/admin/${path}/policy`, { token: ADMIN_TOKEN, body: { values } });
        expect(res.statusCode, res.body).toBe(200);
      };
      await layer('sites/site_test', { earlyArrivalMinutes: 30 });
      await layer(`kiosks/${kiosk.kioskId}`, { earlyArrivalMinutes: 90 });
      const a = await env.approvedBooking(host, { windowStart: at(DAY), windowEnd: at(DAY + 8 * 3600_000) });
      expect(await push(other, a.id, at(DAY - 60 * 60_000))).toMatchObject({ status: 'conflict', code: 'checkin_outside_window' });
      expect(await push(other, a.id, at(DAY - 20 * 60_000))).toMatchObject({ status: 'applied' });
      const b = await env.approvedBooking(host, { windowStart: at(DAY), windowEnd: at(DAY + 8 * 3600_000) });
      expect(await push(kiosk, b.id, at(DAY - 80 * 60_000))).toMatchObject({ status: 'applied', booking: { status: 'arrived' } });
    });
  });
});
