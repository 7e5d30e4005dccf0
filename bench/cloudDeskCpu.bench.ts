/**
 * CPU time per request of the cloud's hot requests, in one process (`app.inject`, no network, no load generator):
 * figures that do not move with the load of a shared machine, unlike req/s (issue 12). The same seeded database as
 * `cloud-desk` (the demo site, 1,000 bookings in the window, `PASSDESK_BENCH_PAST` past bookings, default 100,000,
 * and `PASSDESK_BENCH_PAST_VISITS` past visits, default 1,000,000), SQLite, or PostgreSQL in the schema
 * `bench_desk_cpu_<pid>` of `PASSDESK_BENCH_PG_URL` / `PASSDESK_TEST_PG_URL` (dropped after).
 * Each request kind: a warm-up, then `--samples` rounds of `PASSDESK_BENCH_REQUESTS` (default 500) requests one after
 * another; a sample is the process's CPU time (user + system) per request, in ms. `/healthz` is measured the same way,
 * so `notes.timesHealthz` is a request's cost in `/healthz` requests (inject's own cost included in both).
 * Arrivals (a push of one signed check-in) also in waves of 32 at once (`arrivals-32`), as concurrent kiosks push:
 * there the wall time per request is noted too (a SQLite commit's fsync is wall time, not CPU time). Then the desk's
 * visits of today again (`desk-visits-after`), the day's arrivals now in the list.
 * Env: PASSDESK_BENCH_ARRIVALS (bookings to check in, default 12,000), PASSDESK_BENCH_DIALECTS (default "sqlite"), PASSDESK_BENCH_ONLY (comma-separated kinds), PASSDESK_BENCH_SEED_FILE
 * (SQLite: the seeded database is copied from this file when it exists, and saved to it when not: runs after the first
 * skip the seeding; delete it when the history settings change).
 */
import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import pg from 'pg';
import { buildCloudApp } from '../src/cloud/app';
import { openCloudDatabase, type CloudDatabase } from '../src/cloud/db/database';
import { encodeCursor } from '../src/cloud/routes/sync';
import { DEMO_SITE } from '../src/cloud/demo';
import { generatePassKeyPair, signBytes, type PassKeyPair } from '../src/shared/pass';
import { localDate } from '../src/shared/siteDay';
import { API_PREFIX, commandSigningText, EnrolResponse, PullResponse, type SignedCommand, type UnsignedCommand } from '../src/shared/sync';
import { BENCH_PG_URL, seedBenchCloud, type BenchDialect } from './benchCloud';
import { arrivalBookingId } from './benchCloudHistory';
import { stats, type Bench, type BenchResult } from './types';

const PAST = Number(process.env.PASSDESK_BENCH_PAST ?? 100_000);
const PAST_VISITS = Number(process.env.PASSDESK_BENCH_PAST_VISITS ?? 1_000_000);
const REQUESTS = Number(process.env.PASSDESK_BENCH_REQUESTS ?? 500);
const WINDOW = 1_000;
const ARRIVALS = Number(process.env.PASSDESK_BENCH_ARRIVALS ?? 12_000);
const WAVE = 32;
const DIALECTS = (process.env.PASSDESK_BENCH_DIALECTS ?? 'sqlite').split(',').filter((d): d is BenchDialect => d === 'sqlite' || d === 'postgres');
const ONLY = process.env.PASSDESK_BENCH_ONLY?.split(',');
const PG_SCHEMA = `bench_desk_cpu_${process.pid}`;
const SEED_FILE = process.env.PASSDESK_BENCH_SEED_FILE;

interface Kind {
  name: string;
  /** the i-th request (arrivals: each a new command) */
  request: (i: number) => InjectOptions;
  /** requests sent at once (default 1: one after another) */
  wave?: number;
  expect?: number;
}

async function dropPgSchema(): Promise<void> {
  const client = new pg.Client({ connectionString: BENCH_PG_URL });
  await client.connect();
  try {
    await client.query(`drop schema if exists ${PG_SCHEMA} cascade`);
  } finally {
    await client.end();
  }
}

async function json<T>(app: FastifyInstance, opts: InjectOptions): Promise<T> {
  const res = await app.inject(opts);
  if (res.statusCode >= 300) throw new Error(`${opts.method ?? 'GET'} ${typeof opts.url === 'string' ? opts.url : ''} → ${res.statusCode} ${res.body}`);
  return res.json<T>();
}

function signedPush(kioskId: string, keys: PassKeyPair, i: number): Promise<string> {
  const cmd: UnsignedCommand = {
    id: randomUUID(),
    kioskId,
    at: new Date().toISOString(),
    kind: 'checkin',
    payload: { bookingId: arrivalBookingId(i), visitId: randomUUID(), passId: `pass-${i}`, partySize: 1 },
  };
  return signBytes(keys.privateKey, new TextEncoder().encode(commandSigningText(cmd))).then((sig) =>
    JSON.stringify({ commands: [{ ...cmd, sig } as SignedCommand] }),
  );
}

/** CPU ms and wall ms per request over `n` requests of `kind` from request number `from`. */
async function measure(app: FastifyInstance, kind: Kind, from: number, n: number): Promise<{ cpu: number; wall: number }> {
  const wave = kind.wave ?? 1;
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i += wave) {
    const replies = await Promise.all(Array.from({ length: Math.min(wave, n - i) }, (_, j) => app.inject(kind.request(from + i + j))));
    for (const r of replies) if (r.statusCode !== (kind.expect ?? 200)) throw new Error(`${kind.name} → ${r.statusCode} ${r.body.slice(0, 300)}`);
  }
  const wall = Number(process.hrtime.bigint() - t0) / 1e6 / n;
  const used = process.cpuUsage(cpu0);
  return { cpu: (used.user + used.system) / 1000 / n, wall };
}

async function runDialect(dialect: BenchDialect, samples: number, log: (line: string) => void): Promise<BenchResult[]> {
  const now = new Date();
  const arrivals = ARRIVALS;
  const pushing = ONLY === undefined || ONLY.some((k) => k.startsWith('arrivals'));
  if (pushing && (REQUESTS + 50) * samples * 2 + 100 > arrivals)
    throw new Error(`PASSDESK_BENCH_ARRIVALS=${arrivals} is too few for ${samples} samples of ${REQUESTS} requests`);
  if (dialect === 'postgres') await dropPgSchema();
  const dir = mkdtempSync(join(tmpdir(), 'passdesk-bench-cpu-'));
  const sqlitePath = join(dir, 'cloud.sqlite');
  const dbOpts = dialect === 'postgres' ? { databaseUrl: BENCH_PG_URL, pgSchema: PG_SCHEMA, sqlitePath } : { sqlitePath };
  let db: CloudDatabase | undefined;
  try {
    log(`  seeding ${dialect}: ${WINDOW} bookings in the window, ${PAST} past, ${PAST_VISITS} past visits`);
    // seedBenchCloud opens its own connection: on PostgreSQL through the schema (search_path)
    const seedUrl = dialect === 'postgres' ? withSearchPath(BENCH_PG_URL, PG_SCHEMA) : undefined;
    if (dialect === 'postgres') await openCloudDatabase(dbOpts).then((d) => d.close()); // creates the schema
    const seedOpts = { dialect, windowBookings: WINDOW, pastBookings: PAST, pastVisits: PAST_VISITS, arrivalBookings: arrivals, log };
    const reuse = dialect === 'sqlite' && SEED_FILE !== undefined && existsSync(SEED_FILE);
    if (reuse) copyFileSync(SEED_FILE, sqlitePath);
    else await seedBenchCloud(seedUrl, sqlitePath, seedOpts, now);
    if (dialect === 'sqlite' && SEED_FILE !== undefined && !reuse) copyFileSync(sqlitePath, SEED_FILE);
    db = await openCloudDatabase(dbOpts);
    // the host of the cloned bookings (the template's)
    const template = await db.kysely.selectFrom('bookings').select('host_id').where('id', '=', 'bk_bench_0').executeTakeFirstOrThrow();
    const adminToken = randomUUID();
    const app = await buildCloudApp({ db, adminToken, trustProxy: ['127.0.0.1'] });
    try {
      const admin = { authorization: `Bearer ${adminToken}` };
      const { code } = await json<{ code: string }>(app, {
        method: 'POST',
        url: `${API_PREFIX}/admin/enrolment-codes`,
        headers: admin,
        payload: { siteId: DEMO_SITE.id },
      });
      const keys = await generatePassKeyPair();
      const enrolled = EnrolResponse.parse(
        await json(app, { method: 'POST', url: `${API_PREFIX}/kiosks/enrol`, payload: { code, name: 'Bench desk', publicKey: keys.publicKey } }),
      );
      const kiosk = { authorization: `Bearer ${enrolled.credential}` };
      let cursor = '';
      let config: string | undefined;
      for (;;) {
        const page = PullResponse.parse(await json(app, { url: `${API_PREFIX}/sync/pull?limit=500${cursor ? `&cursor=${cursor}` : ''}`, headers: kiosk }));
        cursor = page.cursor;
        config = page.configVersion;
        if (!page.hasMore) break;
      }
      const seq = (JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { s: number }).s;
      const today = localDate(now, DEMO_SITE.timezone);
      const hostToken = (await json<{ token: string }>(app, { method: 'POST', url: `${API_PREFIX}/hosts/${template.host_id}/token`, headers: admin })).token;
      const pass = await json<{ token: string }>(app, { url: `${API_PREFIX}/bookings/${arrivalBookingId(arrivals - 1)}/pass`, headers: admin });
      // pushes signed ahead (signing is the kiosk's work, not the cloud's)
      const pushes: string[] = [];
      for (let i = 0; pushing && i < arrivals - 1; i++) pushes.push(await signedPush(enrolled.kioskId, keys, i));
      const push = { ...kiosk, 'content-type': 'application/json' };
      const kinds: Kind[] = [
        { name: 'healthz', request: () => ({ url: '/healthz' }) },
        {
          name: 'pull-empty',
          request: () => ({ url: `${API_PREFIX}/sync/pull?cursor=${cursor}${config !== undefined ? `&config=${config}` : ''}`, headers: kiosk }),
        },
        {
          name: 'pull-100',
          request: () => ({ url: `${API_PREFIX}/sync/pull?limit=100&cursor=${encodeCursor({ s: Math.max(0, seq - 100), d: today })}`, headers: kiosk }),
        },
        {
          name: 'verify',
          request: (i) => ({
            method: 'POST',
            url: `${API_PREFIX}/passes/verify`,
            headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.9.${(i >> 8) & 15}.${i & 255}` },
            payload: JSON.stringify({ token: pass.token }),
          }),
        },
        { name: 'host-today', request: () => ({ url: `${API_PREFIX}/bookings?date=${today}`, headers: { authorization: `Bearer ${hostToken}` } }) },
        { name: 'desk-visits', request: () => ({ url: `${API_PREFIX}/kiosk/visits/today`, headers: kiosk }) },
        { name: 'arrivals', request: (i) => ({ method: 'POST', url: `${API_PREFIX}/sync/push`, headers: push, payload: pushes[i]! }) },
        { name: 'arrivals-32', wave: WAVE, request: (i) => ({ method: 'POST', url: `${API_PREFIX}/sync/push`, headers: push, payload: pushes[i]! }) },
        // the desk's list again, now with the day's arrivals in it (as the cloud-desk bench reads it after its arrivals)
        { name: 'desk-visits-after', request: () => ({ url: `${API_PREFIX}/kiosk/visits/today`, headers: kiosk }) },
      ];
      const results: BenchResult[] = [];
      let healthz = NaN;
      let nextPush = 0;
      for (const kind of kinds) {
        if (ONLY && kind.name !== 'healthz' && !ONLY.includes(kind.name)) continue;
        const isPush = kind.name.startsWith('arrivals');
        const take = (n: number) => {
          const from = isPush ? nextPush : 0;
          if (isPush) nextPush += n;
          return from;
        };
        await measure(app, kind, take(50), 50);
        const cpu: number[] = [];
        const wall: number[] = [];
        for (let s = 0; s < samples; s++) {
          const r = await measure(app, kind, take(REQUESTS), REQUESTS);
          cpu.push(r.cpu);
          wall.push(r.wall);
        }
        const med = stats(cpu).median;
        if (kind.name === 'healthz') healthz = med;
        log(
          `  ${dialect} ${kind.name}: ${med.toFixed(3)} ms CPU a request (${(med / healthz).toFixed(1)}× /healthz), wall ${stats(wall).median.toFixed(3)} ms`,
        );
        results.push({
          name: `cloud-cpu-${kind.name}-${dialect}`,
          metric: `CPU time per request (${kind.wave ?? 1} at a time), ms`,
          unit: 'ms',
          samples: cpu,
          notes: { timesHealthz: Math.round((med / healthz) * 10) / 10, wallMsPerRequest: Math.round(stats(wall).median * 1000) / 1000, requests: REQUESTS },
        });
      }
      return results;
    } finally {
      await app.close();
    }
  } finally {
    try {
      await db?.close();
      if (dialect === 'postgres') await dropPgSchema();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

/** A PostgreSQL URL whose connections use `schema` (libpq's options parameter). */
function withSearchPath(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}

const bench: Bench = {
  name: 'cloud-cpu',
  description: `CPU time per request in one process (inject): pull, verify, today's lists, arrivals; ${PAST} past bookings, ${PAST_VISITS} past visits`,
  async run({ samples = 3, log }) {
    const results: BenchResult[] = [];
    for (const dialect of DIALECTS) results.push(...(await runDialect(dialect, samples, log)));
    return results;
  },
};
export default bench;
