/**
 * The sync pull every kiosk makes every 15 s, measured from outside (autocannon, 32 connections) against the cloud
 * in its own process, on SQLite and PostgreSQL, with a year of history loaded: the empty pull (nothing changed) and a
 * pull of the last 100 changes, each also as a share of the same server's `/healthz` in the same run (issue 12).
 * `--samples N`: N runs of each (default 3; the median is scored). Env: PASSDESK_BENCH_SECONDS (per run, default 5),
 * PASSDESK_BENCH_PAST (past bookings, default 100000), PASSDESK_BENCH_WINDOW (bookings in the window, default 1000),
 * PASSDESK_BENCH_DIALECTS (default "sqlite,postgres").
 */
import autocannon from 'autocannon';
import { encodeCursor } from '../src/cloud/routes/sync';
import { API_PREFIX } from '../src/shared/sync';
import { localDate } from '../src/shared/siteDay';
import { DEMO_SITE } from '../src/cloud/demo';
import { startBenchCloud, type BenchDialect } from './benchCloud';
import type { Bench, BenchResult } from './types';

const SECONDS = Number(process.env.PASSDESK_BENCH_SECONDS ?? 5);
const PAST = Number(process.env.PASSDESK_BENCH_PAST ?? 100_000);
const WINDOW = Number(process.env.PASSDESK_BENCH_WINDOW ?? 1_000);
const DIALECTS = (process.env.PASSDESK_BENCH_DIALECTS ?? 'sqlite,postgres').split(',').filter((d): d is BenchDialect => d === 'sqlite' || d === 'postgres');

interface Run {
  rps: number;
  p99: number;
  errors: number;
}

async function load(url: string, headers: Record<string, string>): Promise<Run> {
  const r = await autocannon({ url, connections: 32, duration: SECONDS, headers });
  return { rps: r.requests.average, p99: r.latency.p99, errors: r.errors + r.non2xx + r.timeouts };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;

const bench: Bench = {
  name: 'cloud-pull',
  description: `sync pull over HTTP, cloud in its own process, ${PAST} past bookings and ${WINDOW} in the window (autocannon, 32 connections, ${SECONDS} s a run)`,
  async run(options) {
    const { samples = 3, log } = options;
    const results: BenchResult[] = [];
    for (const dialect of DIALECTS) {
      const cloud = await startBenchCloud({ dialect, windowBookings: WINDOW, pastBookings: PAST, log });
      try {
        const kiosk = { authorization: `Bearer ${cloud.credential}` };
        const today = localDate(new Date(), DEMO_SITE.timezone);
        const hundredBack = encodeCursor({ s: Math.max(0, cloud.changeSeq - 100), d: today });
        const config = cloud.configVersion !== undefined ? `&config=${cloud.configVersion}` : '';
        const targets = {
          healthz: { url: `${cloud.url}/healthz`, headers: {} },
          // as a kiosk pulls: its cursor and the config version it holds
          empty: { url: `${cloud.url}${API_PREFIX}/sync/pull?cursor=${cloud.currentCursor}${config}`, headers: kiosk },
          // a kiosk 100 changes behind: it holds the site's settings already (their version unchanged), as it would
          hundred: { url: `${cloud.url}${API_PREFIX}/sync/pull?limit=100&cursor=${hundredBack}${config}`, headers: kiosk },
        };
        const runs: Record<keyof typeof targets, Run[]> = { healthz: [], empty: [], hundred: [] };
        for (let i = 0; i < samples; i++) {
          for (const [name, t] of Object.entries(targets) as [keyof typeof targets, { url: string; headers: Record<string, string> }][]) {
            const r = await load(t.url, t.headers);
            runs[name].push(r);
            log(`  ${dialect} run ${i + 1}/${samples} ${name}: ${r.rps.toFixed(0)} req/s, p99 ${r.p99} ms${r.errors ? `, ${r.errors} errors` : ''}`);
          }
        }
        const health = median(runs.healthz.map((r) => r.rps));
        const result = (what: 'empty' | 'hundred', metric: string, min: number): BenchResult => {
          const rps = runs[what].map((r) => r.rps);
          return {
            name: `cloud-pull-${what === 'empty' ? 'empty' : '100-changes'}-${dialect}`,
            metric,
            unit: 'req/s',
            samples: rps,
            target: { stat: 'median', min },
            notes: {
              healthzReqPerS: Math.round(health),
              shareOfHealthz: Math.round((median(rps) / health) * 100) / 100,
              p99Ms: median(runs[what].map((r) => r.p99)),
              errors: runs[what].reduce((a, r) => a + r.errors, 0),
              pastBookings: PAST,
              windowBookings: WINDOW,
              seconds: SECONDS,
            },
          };
        };
        // targets from issue 12: empty pull ≥ 0.5 of /healthz (≥ 5,000 req/s here) with p99 ≤ 20 ms; 100 changes ≥ 1,500
        results.push(result('empty', 'empty sync pull (nothing changed since the cursor), requests per second', 5_000));
        results.push(result('hundred', 'sync pull of the last 100 changes, requests per second', 1_500));
      } finally {
        await cloud.close();
      }
    }
    return results;
  },
};
export default bench;
