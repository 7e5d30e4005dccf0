/**
 * Issue 12, item 2: several cloud processes on one PostgreSQL database, real processes (the drills' bundle of
 * `src/cloud/server.main.ts`). Two independent processes (as behind any load balancer): a host's decision taken
 * through one wakes a kiosk's long-poll held on the other within 1 s (LISTEN/NOTIFY, no polling), and the anonymous
 * rate limits count the requests of both. `--workers 2`: one port, served by two workers, a killed worker started
 * again while the other serves, and a graceful stop of all on SIGTERM (its arguments: tests/unit/cloud/cluster.test.ts).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_HOSTS, DEMO_SITE } from '../../../src/cloud/demo';
import { generatePassKeyPair } from '../../../src/shared/pass';
import { API_PREFIX, CommandBody, EnrolResponse, type PushResponse } from '../../../src/shared/sync';
import type { WalkInDecision } from '../../../src/shared/kioskDirectory';
import { signCommand, type Kiosk } from '../../support/cloud/harness';
import { PROCESS_ADMIN_TOKEN, sharedCloudDatabase, type CloudChild, type SharedCloudDatabase } from '../../support/cloud/cloudProcesses';
import { registration } from '../../support/cloud/walkInFixtures';

const admin = { authorization: `Bearer ${PROCESS_ADMIN_TOKEN}`, 'content-type': 'application/json' };

async function call(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${base}${API_PREFIX}${path}`, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

async function enrolKiosk(base: string): Promise<Kiosk> {
  const code = await call(base, 'POST', '/admin/enrolment-codes', { siteId: DEMO_SITE.id }, admin);
  expect(code.status, JSON.stringify(code.body)).toBe(201);
  const keys = await generatePassKeyPair();
  const res = await call(base, 'POST', '/kiosks/enrol', { code: (code.body as { code: string }).code, name: '前台一号', publicKey: keys.publicKey });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const enrol = EnrolResponse.parse(res.body);
  return { kioskId: enrol.kioskId, credential: enrol.credential, keys, enrol };
}

/** A walk-in for the host's decision, made today (the processes' clock is the real one). */
async function pendingWalkIn(base: string, kiosk: Kiosk): Promise<string> {
  const now = Date.now();
  const reg = registration(
    { id: DEMO_HOSTS[0].id },
    { approval: 'host', windowStart: new Date(now - 60_000).toISOString(), windowEnd: new Date(now + 4 * 3_600_000).toISOString() },
  );
  const body = CommandBody.parse({ kind: 'registerWalkIn', payload: reg });
  const signed = await signCommand(kiosk, { id: randomUUID(), kioskId: kiosk.kioskId, at: new Date(now).toISOString(), ...body });
  const res = await call(base, 'POST', '/sync/push', { commands: [signed] }, { authorization: `Bearer ${kiosk.credential}` });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect((res.body as PushResponse).results[0]).toMatchObject({ status: 'applied' });
  return reg.bookingId;
}

describe('several cloud processes on one PostgreSQL database', () => {
  let shared: SharedCloudDatabase;
  let a: CloudChild;
  let b: CloudChild;
  beforeAll(async () => {
    shared = await sharedCloudDatabase();
    // B never sweeps: the job is A's (it takes turns by an advisory lock anyway)
    [a, b] = await Promise.all([shared.start(), shared.start({ env: { PASSDESK_SWEEP_INTERVAL_SECONDS: '0' } })]);
  }, 60_000);
  afterAll(() => shared.stopAll());

  it('a host’s decision taken through one process wakes a kiosk’s wait held on the other within 1 s', async () => {
    const kiosk = await enrolKiosk(a.url);
    const id = await pendingWalkIn(a.url, kiosk);
    const kioskAuth = { authorization: `Bearer ${kiosk.credential}` };
    const waiting = call(b.url, 'GET', `/kiosk/bookings/${id}/decision?waitSeconds=20`, undefined, kioskAuth);
    // the wait is held on B (it has read the booking pending) before the decision is taken on A
    await new Promise((r) => setTimeout(r, 500));
    const decidedAt = Date.now();
    const decided = await call(a.url, 'POST', `/bookings/${id}/decision`, { action: 'approve' }, admin);
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    const res = await waiting;
    expect(Date.now() - decidedAt).toBeLessThan(1000);
    expect(res.status).toBe(200);
    expect(res.body as WalkInDecision).toMatchObject({ bookingId: id, status: 'approved', decided: true });
  }, 30_000);

  it('counts the anonymous rate limits across both: the enrolment attempts of one address share one budget', async () => {
    // the budget is 10 enrolments per address in 10 minutes; the test above spent 1 (on A)
    const keys = await generatePassKeyPair();
    const attempt = (base: string) => call(base, 'POST', '/kiosks/enrol', { code: 'NOSUCH12', name: '前台二号', publicKey: keys.publicKey });
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await attempt(i % 2 === 0 ? a.url : b.url)).status);
    // each process saw 5 of them, fewer than the limit: only a shared count refuses the 10th attempt (11th request)
    expect(statuses.slice(0, 9)).toEqual(Array<number>(9).fill(404));
    expect(statuses[9]).toBe(429);
    expect((await attempt(a.url)).status).toBe(429);
  }, 30_000);

  it('npm run cloud -- --workers 2: serves on one port from two workers, starts a killed worker again, and stops them all on SIGTERM', async () => {
    const primary = await shared.start({ args: ['--workers', '2'] });
    await primary.waitFor(/2 worker\(s\) listening on http/);
    // each worker's own line may come after the primary's
    await Promise.all([primary.waitFor(/worker 0 \(pid \d+\) listening/), primary.waitFor(/worker 1 \(pid \d+\) listening/)]);
    const pids = () => [...primary.output().matchAll(/worker (\d) \(pid (\d+)\) listening/g)].map((m) => ({ slot: m[1]!, pid: Number(m[2]) }));
    const first = pids();
    expect(first.map((w) => w.slot).sort()).toEqual(['0', '1']);
    expect(new Set(first.map((w) => w.pid)).size).toBe(2);
    // a new connection each time: a kept-alive one may be the killed worker's (reset, as a real client may see once)
    const health = async () => {
      const res = await fetch(`${primary.url}/healthz`, { headers: { connection: 'close' } });
      await res.arrayBuffer();
      return res.status;
    };
    expect(await health()).toBe(200);

    const victim = first.find((w) => w.slot === '1')!;
    process.kill(victim.pid, 'SIGKILL');
    // the other worker serves meanwhile: every request answered
    for (let i = 0; i < 5; i++) expect(await health()).toBe(200);
    await primary.waitFor(/worker 1 \(pid \d+\) exited \(SIGKILL\); starting it again/);
    const again = await primary.waitFor(new RegExp(`worker 1 \\(pid (?!${victim.pid}\\))(\\d+)\\) listening`));
    expect(Number(again[1])).not.toBe(victim.pid);
    expect(await health()).toBe(200);

    expect(await primary.stop()).toBe(0);
    for (const w of [...pids()]) expect(() => process.kill(w.pid, 0)).toThrow();
    expect(primary.output()).toMatch(/SIGTERM: stopping 2 worker\(s\)/);
  }, 60_000);
});
