/**
 * The kiosk's side of sync at scale (issue 12 item 1), a real kiosk core against the real cloud server in its own
 * process, on SQLite and PostgreSQL:
 * - `kiosk-first-pull-<N>-<db>`: a fresh kiosk enrols and pulls N bookings (10,000 and 40,000, spread over the
 *   window the kiosk keeps): `core.enrol` timed, which is the enrolment call and the whole first pull. Targets:
 *   10,000 ≤ 1 s, and linear: 40,000 ≤ 4.4 × the 10,000 figure (noted as `ratioTo10000`; its bar here 4.4 s).
 * - `kiosk-drain-10000-<db>`: the kiosk confirms 10,000 check-ins while the cloud is out of reach (a proxy that
 *   refuses every connection), then the cloud is reachable again: the time until the outbox is empty and every
 *   command answered. Target ≤ 10 s.
 * The kiosk's files live on a RAM disk when there is one (/dev/shm): what is timed is the sync, not the kiosk's fsync;
 * the cloud's database is on the ordinary disk (SQLite) or the PostgreSQL server, as deployed.
 * `--samples N`: N first pulls of each size (default 1) and N drains (each on a fresh cloud). Env:
 * PASSDESK_BENCH_DIALECTS (default "sqlite,postgres"), PASSDESK_BENCH_DRAIN (default 10000), PASSDESK_BENCH_PARTS
 * (default "pull,drain": the first pulls, the drain).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { countBookings } from '../src/main/core/db/bookingsStore';
import { createKioskCore, type KioskCore } from '../src/main/core/kioskCore';
import { API_PREFIX } from '../src/shared/sync';
import { DEMO_SITE } from '../src/cloud/demo';
import { arrivalBookingId } from './benchCloudHistory';
import { startBenchCloud, type BenchCloud, type BenchDialect } from './benchCloud';
import type { Bench, BenchResult } from './types';

const DIALECTS = (process.env.PASSDESK_BENCH_DIALECTS ?? 'sqlite,postgres').split(',').filter((d): d is BenchDialect => d === 'sqlite' || d === 'postgres');
const DRAIN = Number(process.env.PASSDESK_BENCH_DRAIN ?? 10_000);
const SIZES = [10_000, 40_000] as const;
const PARTS = (process.env.PASSDESK_BENCH_PARTS ?? 'pull,drain').split(',');

const kioskBase = (): string => mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'passdesk-bench-kiosk-'));

async function enrolmentCode(cloud: BenchCloud): Promise<string> {
  const res = await fetch(`${cloud.url}${API_PREFIX}/admin/enrolment-codes`, {
    method: 'POST',
    headers: { authorization: `Bearer ${cloud.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ siteId: DEMO_SITE.id }),
  });
  if (!res.ok) throw new Error(`enrolment code → ${res.status}`);
  return ((await res.json()) as { code: string }).code;
}

/** A TCP proxy in front of the cloud that cuts and refuses every connection while down (the cloud out of reach). */
async function switchableProxy(target: URL): Promise<{ url: string; up: () => void; down: () => void; close: () => Promise<void> }> {
  let reachable = true;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    if (!reachable) return void client.destroy();
    const upstream = connect(Number(target.port), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('proxy has no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    up: () => (reachable = true),
    down: () => {
      reachable = false;
      for (const s of sockets) s.destroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

async function firstPull(dialect: BenchDialect, size: number, samples: number, log: (l: string) => void): Promise<number[]> {
  const cloud = await startBenchCloud({ dialect, windowBookings: size, pastBookings: 0, log });
  const times: number[] = [];
  try {
    for (let i = 0; i < samples; i++) {
      const base = kioskBase();
      const core = await createKioskCore({ dataDir: base, cloudUrl: cloud.url });
      try {
        const code = await enrolmentCode(cloud);
        const t0 = performance.now();
        await core.enrol({ code, name: `First pull ${i + 1}` });
        const ms = performance.now() - t0;
        const held = countBookings(core.db);
        if (held < size) throw new Error(`the kiosk holds ${held} bookings after its first pull, expected at least ${size}`);
        times.push(ms);
        log(`  ${dialect} first pull of ${size} (the kiosk holds ${held}): ${ms.toFixed(0)} ms`);
      } finally {
        await core.close();
        rmSync(base, { recursive: true, force: true });
      }
    }
  } finally {
    await cloud.close();
  }
  return times;
}

async function drainOnce(dialect: BenchDialect, log: (l: string) => void): Promise<number> {
  const cloud = await startBenchCloud({ dialect, windowBookings: 0, pastBookings: 0, arrivalBookings: DRAIN, log });
  const proxy = await switchableProxy(new URL(cloud.url));
  const base = kioskBase();
  let core: KioskCore | undefined;
  try {
    // enrolled and first pull through the proxy, then the proxy goes down (a long backoff: no retries meanwhile)
    core = await createKioskCore({ dataDir: base, cloudUrl: proxy.url, syncTuning: { backoff: { baseMs: 60_000, capMs: 60_000 } } });
    await core.enrol({ code: await enrolmentCode(cloud), name: 'Drain desk' });
    proxy.down();
    if (countBookings(core.db) < DRAIN) throw new Error(`the kiosk holds ${countBookings(core.db)} bookings, expected ${DRAIN}`);
    for (let i = 0; i < DRAIN; i++) {
      await core.checkIn.confirmCheckIn({ bookingId: arrivalBookingId(i) });
      if ((i + 1) % 2_000 === 0) log(`  ${dialect}: ${i + 1} of ${DRAIN} check-ins confirmed offline`);
    }
    const pending = core.sync.state().pendingCommands;
    if (pending < DRAIN) throw new Error(`only ${pending} commands pending after ${DRAIN} offline check-ins`);
    proxy.up();
    const t0 = performance.now();
    const cloudCpu0 = cloud.cpuMs();
    const ownCpu0 = process.cpuUsage();
    for (let runs = 0; core.sync.state().pendingCommands > 0; runs++) {
      if (runs > 1_000) throw new Error('the outbox does not drain');
      await core.sync.now();
    }
    const ms = performance.now() - t0;
    const ownCpu = process.cpuUsage(ownCpu0);
    // CPU time follows the code more than the wall time does on a shared machine
    log(
      `  ${dialect}: drain CPU: cloud process ${(cloud.cpuMs() - cloudCpu0).toFixed(0)} ms, kiosk (this process) ${((ownCpu.user + ownCpu.system) / 1000).toFixed(0)} ms`,
    );
    const state = core.sync.state();
    if (state.conflicts > 0) throw new Error(`${state.conflicts} commands refused while draining`);
    log(`  ${dialect}: drained ${pending} commands in ${ms.toFixed(0)} ms`);
    return ms;
  } finally {
    await core?.close();
    await proxy.close();
    await cloud.close();
    rmSync(base, { recursive: true, force: true });
  }
}

const bench: Bench = {
  name: 'kiosk-sync',
  description: `a fresh kiosk's first pull of ${SIZES.join(' and ')} bookings, and draining ${DRAIN} check-ins queued offline, against the cloud in its own process`,
  async run({ samples = 1, log }) {
    const results: BenchResult[] = [];
    for (const dialect of DIALECTS) {
      const pulls = new Map<number, number[]>();
      for (const size of PARTS.includes('pull') ? SIZES : []) pulls.set(size, await firstPull(dialect, size, samples, log));
      const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
      const tenK = median(pulls.get(10_000) ?? [1]);
      for (const [size, times] of pulls) {
        results.push({
          name: `kiosk-first-pull-${size}-${dialect}`,
          metric: `enrol and first pull of ${size} bookings by a fresh kiosk (real core, cloud in its own process)`,
          unit: 'ms',
          samples: times,
          // linear in bookings: 40,000 ≤ 4.4 × 10,000, with 10,000 ≤ 1 s
          target: { stat: 'median', max: size === 10_000 ? 1_000 : 4_400 },
          notes: { ratioTo10000: Math.round((median(times) / tenK) * 100) / 100 },
        });
      }
      if (!PARTS.includes('drain')) continue;
      const drains: number[] = [];
      for (let i = 0; i < samples; i++) drains.push(await drainOnce(dialect, log));
      results.push({
        name: `kiosk-drain-${DRAIN}-${dialect}`,
        metric: `${DRAIN} check-ins confirmed offline, pushed once the cloud is reachable: until the outbox is empty`,
        unit: 'ms',
        samples: drains,
        target: { stat: 'median', max: 10_000 },
        notes: { commandsPerSecond: Math.round(DRAIN / (median(drains) / 1000)) },
      });
    }
    return results;
  },
};
export default bench;
