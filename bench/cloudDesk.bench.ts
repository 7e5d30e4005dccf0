/**
 * The desk's requests to the cloud, measured from outside (autocannon, 32 connections) against the cloud in its own
 * process, on SQLite and PostgreSQL, with a year of history loaded (100,000 past bookings, 1,000,000 past visits):
 * - arrivals: a kiosk's push of one signed check-in, each request a new command for another booking (never a replay);
 * - today's list: a host's bookings of today (`GET /bookings?date=<today>`, the staff's list), and the site's visitors
 *   of today as the desk reads them (`GET /kiosk/visits/today`);
 * - pass verify: a cloud pass checked by `POST /passes/verify` (clients from 4,096 addresses through a trusted proxy:
 *   one address is limited to 600 a minute);
 * each also as a share of the same server's `/healthz` in the same run (issue 12). Targets: arrivals ≥ 1,710 req/s and
 * today's list ≥ 640 (2× the issue's 855 and 320), verify ≥ 10,000/s.
 * `--samples N`: N runs of each (default 3; the median is scored). Env: PASSDESK_BENCH_SECONDS (per run, default 5),
 * PASSDESK_BENCH_PAST (past bookings, default 100000), PASSDESK_BENCH_PAST_VISITS (default 1000000),
 * PASSDESK_BENCH_ARRIVALS (check-ins per run, default 8000), PASSDESK_BENCH_DIALECTS (default "sqlite,postgres").
 */
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { DEMO_SITE } from '../src/cloud/demo';
import { signBytes } from '../src/shared/pass';
import { localDate } from '../src/shared/siteDay';
import { API_PREFIX, commandSigningText, type SignedCommand, type UnsignedCommand } from '../src/shared/sync';
import { startBenchCloud, type BenchCloud, type BenchDialect } from './benchCloud';
import { arrivalBookingId } from './benchCloudHistory';
import type { Bench, BenchResult } from './types';

const SECONDS = Number(process.env.PASSDESK_BENCH_SECONDS ?? 5);
const PAST = Number(process.env.PASSDESK_BENCH_PAST ?? 100_000);
const PAST_VISITS = Number(process.env.PASSDESK_BENCH_PAST_VISITS ?? 1_000_000);
const ARRIVALS = Number(process.env.PASSDESK_BENCH_ARRIVALS ?? 8_000);
const WINDOW = 1_000;
const DIALECTS = (process.env.PASSDESK_BENCH_DIALECTS ?? 'sqlite,postgres').split(',').filter((d): d is BenchDialect => d === 'sqlite' || d === 'postgres');

interface Run {
  rps: number;
  p99: number;
  errors: number;
}

type Target = Omit<autocannon.Options, 'url' | 'connections'> & { url: string };

async function load(t: Target): Promise<Run> {
  const r = await autocannon({ connections: 32, ...(t.amount === undefined ? { duration: SECONDS } : {}), ...t });
  return { rps: r.requests.total / r.duration, p99: r.latency.p99, errors: r.errors + r.non2xx + r.timeouts };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;

async function api<T>(cloud: BenchCloud, method: string, path: string, token: string, body?: unknown): Promise<T> {
  const res = await fetch(`${cloud.url}${API_PREFIX}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** One push body per arrival booking from `from`: a signed check-in command each. */
async function arrivalBodies(cloud: BenchCloud, from: number, count: number): Promise<string[]> {
  const encoder = new TextEncoder();
  const at = new Date().toISOString();
  const bodies: string[] = [];
  for (let i = from; i < from + count; i++) {
    const cmd: UnsignedCommand = {
      id: randomUUID(),
      kioskId: cloud.kioskId,
      at,
      kind: 'checkin',
      payload: { bookingId: arrivalBookingId(i), visitId: randomUUID(), passId: `pass-${i}`, partySize: 1 },
    };
    const signed = { ...cmd, sig: await signBytes(cloud.kioskKeys.privateKey, encoder.encode(commandSigningText(cmd))) } as SignedCommand;
    bodies.push(JSON.stringify({ commands: [signed] }));
  }
  return bodies;
}

/** A request list that hands out each body once (autocannon calls setupRequest before every request). */
function eachOnce(path: string, headers: Record<string, string>, bodies: string[]): autocannon.Request[] {
  let next = 0;
  return [{ method: 'POST', path, headers, setupRequest: (req: autocannon.Request) => ({ ...req, body: bodies[next++ % bodies.length] }) }];
}

const bench: Bench = {
  name: 'cloud-desk',
  description: `arrivals, today's lists and pass verify over HTTP, cloud in its own process, ${PAST} past bookings and ${PAST_VISITS} past visits (autocannon, 32 connections, ${SECONDS} s a run; arrivals ${ARRIVALS} check-ins a run)`,
  async run(options) {
    const { samples = 3, log } = options;
    const results: BenchResult[] = [];
    for (const dialect of DIALECTS) {
      const cloud = await startBenchCloud({
        dialect,
        windowBookings: WINDOW,
        pastBookings: PAST,
        pastVisits: PAST_VISITS,
        arrivalBookings: ARRIVALS * samples + 1,
        serverEnv: { PASSDESK_TRUST_PROXY: '127.0.0.1' },
        log,
      });
      try {
        const hostToken = (await api<{ token: string }>(cloud, 'POST', `/hosts/${cloud.hostId}/token`, cloud.adminToken)).token;
        const today = localDate(new Date(), DEMO_SITE.timezone);
        const kiosk = { authorization: `Bearer ${cloud.credential}` };
        // a cloud pass of the last arrival booking (never checked in by the arrivals runs)
        const pass = await api<{ token: string }>(cloud, 'GET', `/bookings/${arrivalBookingId(ARRIVALS * samples)}/pass`, cloud.adminToken);
        let address = 0;
        const verifyBody = JSON.stringify({ token: pass.token });
        const verify: autocannon.Request[] = [
          {
            method: 'POST',
            path: `${API_PREFIX}/passes/verify`,
            headers: { 'content-type': 'application/json' },
            body: verifyBody,
            setupRequest: (req: autocannon.Request) => ({
              ...req,
              headers: { ...req.headers, 'x-forwarded-for': `10.9.${(address >> 8) & 15}.${address++ & 255}` },
            }),
          },
        ];
        const runs: Record<'healthz' | 'arrivals' | 'list' | 'visits' | 'verify', Run[]> = { healthz: [], arrivals: [], list: [], visits: [], verify: [] };
        for (let i = 0; i < samples; i++) {
          const bodies = await arrivalBodies(cloud, i * ARRIVALS, ARRIVALS);
          const targets: Record<keyof typeof runs, Target> = {
            healthz: { url: `${cloud.url}/healthz` },
            arrivals: {
              url: `${cloud.url}${API_PREFIX}/sync/push`,
              amount: ARRIVALS,
              requests: eachOnce(`${API_PREFIX}/sync/push`, { ...kiosk, 'content-type': 'application/json' }, bodies),
            },
            list: { url: `${cloud.url}${API_PREFIX}/bookings?date=${today}`, headers: { authorization: `Bearer ${hostToken}` } },
            visits: { url: `${cloud.url}${API_PREFIX}/kiosk/visits/today`, headers: kiosk },
            verify: { url: `${cloud.url}${API_PREFIX}/passes/verify`, requests: verify },
          };
          for (const [name, t] of Object.entries(targets) as [keyof typeof runs, Target][]) {
            const r = await load(t);
            runs[name].push(r);
            log(`  ${dialect} run ${i + 1}/${samples} ${name}: ${r.rps.toFixed(0)} req/s, p99 ${r.p99} ms${r.errors ? `, ${r.errors} errors` : ''}`);
          }
        }
        const health = median(runs.healthz.map((r) => r.rps));
        const result = (what: Exclude<keyof typeof runs, 'healthz'>, name: string, metric: string, min?: number): BenchResult => {
          const rps = runs[what].map((r) => r.rps);
          return {
            name: `cloud-desk-${name}-${dialect}`,
            metric,
            unit: 'req/s',
            samples: rps,
            ...(min !== undefined ? { target: { stat: 'median' as const, min } } : {}),
            notes: {
              healthzReqPerS: Math.round(health),
              shareOfHealthz: Math.round((median(rps) / health) * 100) / 100,
              p99Ms: median(runs[what].map((r) => r.p99)),
              errors: runs[what].reduce((a, r) => a + r.errors, 0),
              pastBookings: PAST,
              pastVisits: PAST_VISITS,
            },
          };
        };
        // targets from issue 12: arrivals and today's list ≥ 2× the figures it measured (855, 320); verify ≥ 10,000/s
        results.push(result('arrivals', 'arrivals', 'push of one signed check-in (a new command and booking each), requests per second', 1_710));
        results.push(result('list', 'today-list', "a host's bookings of today (GET /bookings?date=today), requests per second", 640));
        results.push(result('visits', 'today-visits', "the site's visitors of today as the desk reads them (GET /kiosk/visits/today), requests per second"));
        results.push(result('verify', 'verify', 'pass verify (POST /passes/verify, a cloud pass), requests per second', 10_000));
      } finally {
        await cloud.close();
      }
    }
    return results;
  },
};
export default bench;
