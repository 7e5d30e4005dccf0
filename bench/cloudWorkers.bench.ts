/**
 * Several cloud processes on one PostgreSQL database (issue 12, item 2): the pull mix (per connection, 9 empty pulls
 * then one pull of the last 100 changes, as a fleet of kiosks mostly finds nothing new) against the cloud as one
 * process and as `npm run cloud -- --workers 2`, each in its own process tree, measured from outside (autocannon,
 * 32 connections). Target: 2 workers ≥ 1.6 × one process. Note that autocannon, PostgreSQL and the workers share the
 * machine's cores: on a 2-core box the load generator and the database take a share the workers cannot have.
 * `--samples N`: N runs of each (default 3; the median is scored). Env: PASSDESK_BENCH_SECONDS (per run, default 5),
 * PASSDESK_BENCH_PAST (past bookings, default 20000), PASSDESK_BENCH_WINDOW (bookings in the window, default 1000),
 * PASSDESK_BENCH_WORKERS (default 2).
 */
import { availableParallelism } from 'node:os';
import autocannon from 'autocannon';
import { encodeCursor } from '../src/cloud/routes/sync';
import { API_PREFIX } from '../src/shared/sync';
import { localDate } from '../src/shared/siteDay';
import { DEMO_SITE } from '../src/cloud/demo';
import { startBenchCloud, type BenchCloud } from './benchCloud';
import type { Bench, BenchResult } from './types';

const SECONDS = Number(process.env.PASSDESK_BENCH_SECONDS ?? 5);
const PAST = Number(process.env.PASSDESK_BENCH_PAST ?? 20_000);
const WINDOW = Number(process.env.PASSDESK_BENCH_WINDOW ?? 1_000);
const WORKERS = Number(process.env.PASSDESK_BENCH_WORKERS ?? 2);
/** issue 12: 2 processes ≥ 1.6 × one on the pull mix */
const MIN_SCALING = 1.6;

interface Run {
  rps: number;
  p99: number;
  errors: number;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;

/** The pull mix against one started cloud: `samples` runs. */
async function pullMix(cloud: BenchCloud, samples: number, label: string, log: (line: string) => void): Promise<Run[]> {
  const headers = { authorization: `Bearer ${cloud.credential}` };
  const today = localDate(new Date(), DEMO_SITE.timezone);
  const empty = `${API_PREFIX}/sync/pull?cursor=${cloud.currentCursor}${cloud.configVersion !== undefined ? `&config=${cloud.configVersion}` : ''}`;
  const hundred = `${API_PREFIX}/sync/pull?limit=100&cursor=${encodeCursor({ s: Math.max(0, cloud.changeSeq - 100), d: today })}`;
  const requests = [...Array.from({ length: 9 }, () => ({ method: 'GET' as const, path: empty, headers })), { method: 'GET' as const, path: hundred, headers }];
  const runs: Run[] = [];
  for (let i = 0; i < samples; i++) {
    const r = await autocannon({ url: cloud.url, connections: 32, duration: SECONDS, requests });
    const run = { rps: r.requests.average, p99: r.latency.p99, errors: r.errors + r.non2xx + r.timeouts };
    runs.push(run);
    log(`  ${label} run ${i + 1}/${samples}: ${run.rps.toFixed(0)} req/s, p99 ${run.p99} ms${run.errors ? `, ${run.errors} errors` : ''}`);
  }
  return runs;
}

const bench: Bench = {
  name: 'cloud-workers',
  description: `the pull mix (9 empty : 1 of 100 changes) on PostgreSQL, one cloud process vs --workers ${WORKERS}, ${PAST} past bookings (autocannon, 32 connections, ${SECONDS} s a run)`,
  async run(options) {
    const { samples = 3, log } = options;
    const measure = async (workers: number | undefined): Promise<Run[]> => {
      const cloud = await startBenchCloud({
        dialect: 'postgres',
        windowBookings: WINDOW,
        pastBookings: PAST,
        log,
        ...(workers !== undefined ? { workers } : {}),
      });
      try {
        return await pullMix(cloud, samples, workers === undefined ? 'one process' : `--workers ${workers}`, log);
      } finally {
        await cloud.close();
      }
    };
    const one = await measure(undefined);
    const many = await measure(WORKERS);
    const oneRps = median(one.map((r) => r.rps));
    const notes = (runs: Run[]) => ({
      p99Ms: median(runs.map((r) => r.p99)),
      errors: runs.reduce((a, r) => a + r.errors, 0),
      pastBookings: PAST,
      windowBookings: WINDOW,
      seconds: SECONDS,
    });
    const results: BenchResult[] = [
      {
        name: 'cloud-workers-1-postgres',
        metric: 'pull mix, one cloud process, requests per second',
        unit: 'req/s',
        samples: one.map((r) => r.rps),
        notes: notes(one),
      },
      {
        name: `cloud-workers-${WORKERS}-postgres`,
        metric: `pull mix, --workers ${WORKERS}, requests per second (target: ${MIN_SCALING} × one process's median)`,
        unit: 'req/s',
        samples: many.map((r) => r.rps),
        target: { stat: 'median', min: Math.round(oneRps * MIN_SCALING) },
        notes: {
          ...notes(many),
          oneProcessReqPerS: Math.round(oneRps),
          scaling: Math.round((median(many.map((r) => r.rps)) / oneRps) * 100) / 100,
          cores: availableParallelism(),
        },
      },
    ];
    return results;
  },
};

export default bench;
