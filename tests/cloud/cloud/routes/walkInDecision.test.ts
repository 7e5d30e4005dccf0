/**
 * Issue 9, item 5: a kiosk waiting for the host's decision on a walk-in (long-poll) hears it within 2 s — also when
 * another cloud process on the same PostgreSQL database takes it — and its wait ends when it goes away.
 */
import { describe, expect, it } from 'vitest';
import { buildCloudApp } from '../../../../src/cloud/app';
import { openCloudDatabase } from '../../../../src/cloud/db/database';
import { activeDecisionWaits } from '../../../../src/cloud/services/decisionWaits';
import type { Host } from '../../../../src/shared/domain';
import type { WalkInDecision } from '../../../../src/shared/kioskDirectory';
import { API_PREFIX } from '../../../../src/shared/sync';
import { ADMIN_TOKEN, CloudTestEnv, DIALECTS, freshEnvPerTest, PG_URL, T0, TEST_KEY_ENCRYPTION, type Kiosk } from '../../../support/cloud/harness';
import { registration, walkIn } from '../../../support/cloud/walkInFixtures';

async function pendingWalkIn(env: CloudTestEnv): Promise<{ host: Host; kiosk: Kiosk; id: string; subId: string }> {
  const host = await env.createHost();
  const kiosk = await env.enrolKiosk();
  const reg = registration(host, { approval: 'host' }, 1);
  expect(await walkIn(env, kiosk, reg)).toMatchObject({ status: 'applied' });
  return { host, kiosk, id: reg.bookingId, subId: reg.companions[0]!.bookingId as string };
}

const decisionUrl = (id: string, waitSeconds: number) => `/kiosk/bookings/${id}/decision?waitSeconds=${waitSeconds}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(DIALECTS)('waiting for a host’s decision (%s)', (dialect) => {
  let env: CloudTestEnv;
  freshEnvPerTest(dialect, (e) => (env = e));

  it('answers at once when decided or asked not to wait; 404 for a booking that is no walk-in of the site', async () => {
    const { kiosk, id, subId } = await pendingWalkIn(env);
    const now = await env.request('GET', decisionUrl(id, 0), { token: kiosk.credential });
    expect(now.statusCode, now.body).toBe(200);
    expect(now.json<WalkInDecision>()).toMatchObject({
      bookingId: id,
      status: 'pending',
      decided: false,
      hostNameMasked: '李*',
      subBookings: [{ id: subId, status: 'pending' }],
    });
    await env.decide(id, 'reject', '今日不在');
    const started = Date.now();
    const decided = await env.request('GET', decisionUrl(id, 25), { token: kiosk.credential });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(decided.json<WalkInDecision>()).toMatchObject({
      status: 'rejected',
      decided: true,
      decisionReason: '今日不在',
      subBookings: [{ status: 'cancelled' }],
    });
    const booked = await env.createBooking(await env.createHost({ name: '王芳', phone: '13800138002' }));
    expect((await env.request('GET', decisionUrl(booked.id, 0), { token: kiosk.credential })).statusCode).toBe(404);
    expect((await env.request('GET', decisionUrl('bk_nothing', 0), { token: kiosk.credential })).statusCode).toBe(404);
    expect((await env.request('GET', decisionUrl(id, 26), { token: kiosk.credential })).statusCode).toBe(400);
  });

  it('reacts within 2 s of the host’s decision, and answers pending when the wait ends first', async () => {
    const { host, kiosk, id } = await pendingWalkIn(env);
    const waiting = env.request('GET', decisionUrl(id, 10), { token: kiosk.credential });
    await sleep(700);
    const decidedAt = Date.now();
    expect((await env.decide(id, 'approve', undefined, await env.hostToken(host.id))).statusCode).toBe(200);
    const res = await waiting;
    expect(Date.now() - decidedAt).toBeLessThan(2000);
    expect(res.json<WalkInDecision>()).toMatchObject({ status: 'approved', decided: true, subBookings: [{ status: 'approved' }] });

    const other = registration(host, { approval: 'host' });
    await walkIn(env, kiosk, other);
    const started = Date.now();
    const timedOut = await env.request('GET', decisionUrl(other.bookingId, 1), { token: kiosk.credential });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(timedOut.json<WalkInDecision>()).toMatchObject({ status: 'pending', decided: false });
  });

  it('ends the wait when the kiosk goes away', async () => {
    const { kiosk, id } = await pendingWalkIn(env);
    const address = await env.app.listen({ port: 0, host: '127.0.0.1' });
    // the count is the module's, shared with the other files of this worker (isolate: false): its change is this test's
    const before = activeDecisionWaits();
    const abort = new AbortController();
    const request = fetch(`${address}${API_PREFIX}${decisionUrl(id, 25)}`, {
      headers: { authorization: `Bearer ${kiosk.credential}` },
      signal: abort.signal,
    }).catch((e: unknown) => e);
    for (let i = 0; i < 40 && activeDecisionWaits() === before; i++) await sleep(50);
    expect(activeDecisionWaits() - before).toBe(1);
    abort.abort();
    await request;
    for (let i = 0; i < 40 && activeDecisionWaits() > before; i++) await sleep(50);
    expect(activeDecisionWaits() - before).toBe(0);
  });
});

describe('waiting for a host’s decision taken by another cloud process (postgres)', () => {
  it('two apps on one database: the wait on one hears the decision taken on the other within 2 s', async () => {
    const env = await CloudTestEnv.create('postgres');
    const db = await openCloudDatabase({ databaseUrl: PG_URL, pgSchema: env.db.pgSchema! });
    const other = await buildCloudApp({ db, adminToken: ADMIN_TOKEN, keyEncryption: TEST_KEY_ENCRYPTION, now: () => new Date(T0) });
    try {
      const { kiosk, id } = await pendingWalkIn(env);
      const waiting = other.inject({ method: 'GET', url: `${API_PREFIX}${decisionUrl(id, 15)}`, headers: { authorization: `Bearer ${kiosk.credential}` } });
      await sleep(1000);
      const decidedAt = Date.now();
      expect((await env.decide(id, 'approve')).statusCode).toBe(200);
      const res = await waiting;
      expect(Date.now() - decidedAt).toBeLessThan(2000);
      expect(res.json<WalkInDecision>()).toMatchObject({ bookingId: id, status: 'approved', decided: true });
    } finally {
      await other.close();
      await db.close();
      await env.dispose();
    }
  });
});
