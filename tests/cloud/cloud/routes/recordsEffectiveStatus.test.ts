/**
 * The record lists and their export show a booking's effective status, on SQLite and PostgreSQL: a booking past its
 * window still stored as approved (or pending) until the sweep job runs reads as expired, and the status filter
 * matches what the rows show (bookingStates.statusAsOf), before the sweep as after it.
 */
import { describe, expect, it } from 'vitest';
import { runSweepJob } from '../../../../src/cloud/services/sweepJob';
import type { RecordPage } from '../../../../src/shared/records';
import { ADMIN_TOKEN, CloudTestEnv, DIALECTS, freshEnvPerTest, T0 } from '../../../support/cloud/harness';

describe.each(DIALECTS)('records show the effective status (%s)', (dialect) => {
  let env: CloudTestEnv;
  freshEnvPerTest(dialect, (e) => (env = e));

  const list = async (params: Record<string, string> = {}) => {
    const res = await env.request('GET', `/admin/records/bookings?${new URLSearchParams({ siteId: 'site_test', ...params }).toString()}`, {
      token: ADMIN_TOKEN,
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<RecordPage>().rows.map((r): [string, string] => [r.bookingId, r.status]);
  };
  const csv = async () => {
    const res = await env.request('GET', '/admin/records/bookings/export?siteId=site_test&format=csv', { token: ADMIN_TOKEN });
    expect(res.statusCode, res.body).toBe(200);
    return res.body;
  };

  it('a booking past its window reads expired before the sweep records it; the filter and the export agree', async () => {
    const host = await env.createHost();
    // T0 is 10:00 in Shanghai: one window ends at 11:00, the other at 17:00
    const ended = await env.approvedBooking(host, { windowStart: T0.toISOString(), windowEnd: new Date(T0.getTime() + 3_600_000).toISOString() });
    const open = await env.approvedBooking(host, { windowStart: T0.toISOString(), windowEnd: new Date(T0.getTime() + 7 * 3_600_000).toISOString() });
    env.clock = new Date(T0.getTime() + 2 * 3_600_000); // 12:00: the first window over, no sweep yet
    const stored = await env.kysely.selectFrom('bookings').select(['id', 'status']).orderBy('id').execute();
    expect(stored.map((b) => b.status)).toEqual(['approved', 'approved']);

    const rows = new Map(await list());
    expect(rows.get(ended.id)).toBe('expired');
    expect(rows.get(open.id)).toBe('approved');
    expect(await list({ status: 'expired' })).toEqual([[ended.id, 'expired']]);
    expect(await list({ status: 'approved' })).toEqual([[open.id, 'approved']]);
    expect(new Map(await list({ status: 'approved,expired' })).size).toBe(2);
    const lines = (await csv()).split('\r\n');
    expect(lines.find((l) => l.startsWith(ended.code))).toContain(',已过期,');
    expect(lines.find((l) => l.startsWith(open.code))).toContain(',已确认,');

    // the sweep records it: the same answers
    expect(await runSweepJob(env.kysely, env.db.dialect, env.clock)).toMatchObject({ expired: 1 });
    expect(new Map(await list())).toEqual(rows);
    expect(await list({ status: 'expired' })).toEqual([[ended.id, 'expired']]);
  });
});
