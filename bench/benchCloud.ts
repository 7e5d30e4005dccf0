/**
 * A cloud for the HTTP benches: its database seeded here (the demo site, `windowBookings` bookings in the kiosk's
 * window and `pastBookings` of history spread over the past year, cloned from a demo booking), then the real server
 * (`src/cloud/server.main.ts`, as `npm run cloud` starts it, request logging on) started in its own process, and
 * one kiosk enrolled over HTTP. SQLite in a temporary folder, or a PostgreSQL database made for the run and dropped
 * after it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { migrateToLatest, openCloudDatabase } from '../src/cloud/db/database';
import { CHANGE_SEQ } from '../src/cloud/db/changeSeq';
import type { BookingsTable } from '../src/cloud/db/schema';
import { DEMO_SITE, loadDemoData } from '../src/cloud/demo';
import { generatePassKeyPair, type PassKeyPair } from '../src/shared/pass';
import { seedArrivalBookings, seedPastVisits } from './benchCloudHistory';
import { upsertSiteRetention } from '../src/cloud/repositories/retention';
import { DEFAULT_RETENTION } from '../src/shared/retention';
import { API_PREFIX, EnrolResponse, PullResponse } from '../src/shared/sync';

export type BenchDialect = 'sqlite' | 'postgres';

export interface BenchCloudOptions {
  dialect: BenchDialect;
  /** bookings in the kiosk's window (today and the next days) */
  windowBookings: number;
  /** bookings of the past year (left or expired), the history a busy site accumulates */
  pastBookings: number;
  /** visits of the past year over those bookings (applied check-ins and their passages; benchCloudHistory.ts) */
  pastVisits?: number;
  /** approved bookings, their windows open now, of another host, for the arrivals bench (arrivalBookingId) */
  arrivalBookings?: number;
  now?: Date;
  log: (line: string) => void;
  /** more environment for the server process (e.g. PASSDESK_TRUST_PROXY) */
  serverEnv?: Record<string, string>;
  /** start the server as `npm run cloud -- --workers N` (node:cluster; PostgreSQL); absent: one plain process */
  workers?: number;
}

export interface BenchCloud {
  url: string;
  /** the enrolled kiosk's bearer credential */
  credential: string;
  /** the cursor after a complete first pull: a pull with it is empty until something changes */
  currentCursor: string;
  /** the config version of that first pull (a kiosk sends it back: the empty pull then reads no config) */
  configVersion?: string;
  /** every change number the site has had (the counter) */
  changeSeq: number;
  adminToken: string;
  /** the enrolled kiosk: its id and key pair (it signs commands) */
  kioskId: string;
  kioskKeys: PassKeyPair;
  /** the host of the cloned window and past bookings (not of the arrival bookings) */
  hostId: string;
  /** CPU time the server process has used so far, ms (Linux /proc; a cluster's primary only, not its workers) */
  cpuMs(): number;
  close(): Promise<void>;
}

export const BENCH_PG_URL = process.env.PASSDESK_BENCH_PG_URL ?? process.env.PASSDESK_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const DAY_MS = 86_400_000;
/** The bench site's retention of visits and logs: more than the year of history the benches load. */
const HISTORY_KEPT_DAYS = 400;

/** The i-th booking code: 8 characters of Crockford base32, as BookingCode requires. */
export function benchCode(i: number): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  let code = '';
  for (let n = i + 32 ** 7; code.length < 8; n = Math.floor(n / 32)) code = alphabet[n % 32]! + code;
  return code;
}

async function withAdminPg<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: BENCH_PG_URL });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** A fresh database on the bench's PostgreSQL server: its URL and how to drop it. */
async function freshPgDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `passdesk_bench_${process.pid}_${Date.now().toString(36)}`;
  await withAdminPg((c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(BENCH_PG_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => withAdminPg((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined) };
}

/** Seeds the database: the demo site, then cloned bookings in the window and in the past, numbered as changes. */
export async function seedBenchCloud(databaseUrl: string | undefined, sqlitePath: string, opts: BenchCloudOptions, now: Date): Promise<BookingsTable> {
  const db = await openCloudDatabase({ ...(databaseUrl ? { databaseUrl } : {}), sqlitePath });
  try {
    await migrateToLatest(db);
    await loadDemoData(db, { now });
    // the site keeps its visits longer than the history loaded (default 180 days): the server's purge at start would
    // otherwise delete half of it while the bench measures (services/retention.ts)
    await upsertSiteRetention(db.kysely, {
      site_id: DEMO_SITE.id,
      visit_days: HISTORY_KEPT_DAYS,
      photo_days: DEFAULT_RETENTION.photoDays,
      log_days: HISTORY_KEPT_DAYS,
      updated_at: now.toISOString(),
    });
    const template = await db.kysely
      .selectFrom('bookings')
      .selectAll()
      .where('site_id', '=', DEMO_SITE.id)
      .where('status', '=', 'approved')
      .executeTakeFirstOrThrow();
    const counter = await db.kysely.selectFrom('counters').select('value').where('name', '=', CHANGE_SEQ).executeTakeFirstOrThrow();
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-conversion -- PostgreSQL returns a bigint column as a string
    let seq = Number(counter.value);
    const total = opts.windowBookings + opts.pastBookings;
    const batch = 500;
    for (let done = 0; done < total; done += batch) {
      const rows = [];
      for (let i = done; i < Math.min(total, done + batch); i++) {
        const past = i >= opts.windowBookings;
        // window bookings: spread over today and the next 6 days; history: over the past 365 days
        const start = past ? now.getTime() - (2 + (i % 364)) * DAY_MS + (i % 600) * 60_000 : now.getTime() + (i % 7) * DAY_MS + (i % 480) * 60_000;
        const status = past ? (i % 3 === 0 ? 'expired' : 'left') : i % 4 === 0 ? 'pending' : 'approved';
        seq++;
        rows.push({
          ...template,
          id: `bk_bench_${i}`,
          code: benchCode(i),
          status,
          expired_from: status === 'expired' ? 'approved' : null,
          // a visit that happened: arrived and left inside its window
          arrived_at: status === 'left' ? new Date(start + 600_000).toISOString() : null,
          left_at: status === 'left' ? new Date(start + 3_600_000).toISOString() : null,
          window_start: new Date(start).toISOString(),
          window_end: new Date(start + 2 * 3_600_000).toISOString(),
          created_at: new Date(start - DAY_MS).toISOString(),
          updated_at: new Date(start - DAY_MS).toISOString(),
          change_seq: seq,
        });
      }
      await db.kysely.insertInto('bookings').values(rows).execute();
      if (done % 20_000 === 0) opts.log(`  seeded ${done} of ${total} bookings`);
    }
    if ((opts.arrivalBookings ?? 0) > 0) {
      const other = await db.kysely
        .selectFrom('hosts')
        .select('id')
        .where('site_id', '=', DEMO_SITE.id)
        .where('id', '!=', template.host_id)
        .where('can_receive_visitors', '=', 1)
        .executeTakeFirstOrThrow();
      seq = await seedArrivalBookings(db, template, other.id, opts.arrivalBookings ?? 0, now, seq, (i) => benchCode(total + i));
      opts.log(`  seeded ${opts.arrivalBookings} bookings to arrive on now`);
    }
    await db.kysely.updateTable('counters').set({ value: seq }).where('name', '=', CHANGE_SEQ).execute();
    if ((opts.pastVisits ?? 0) > 0) {
      await seedPastVisits(db, DEMO_SITE.id, opts.pastVisits ?? 0, opts.windowBookings, opts.pastBookings, now);
      opts.log(`  seeded ${opts.pastVisits} past visits (applied check-ins and passages)`);
    }
    await db.optimize();
    return template;
  } finally {
    await db.close();
  }
}

/** utime + stime of a process from /proc/<pid>/stat (clock ticks of 10 ms), in ms; NaN where there is no /proc. */
export function processCpuMs(pid: number | undefined): number {
  try {
    // the fields after the command's closing parenthesis: state is the 3rd, utime the 14th, stime the 15th
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

/** Starts `src/cloud/server.main.ts` in its own Node process and resolves with its URL once it listens. */
function startServerProcess(env: NodeJS.ProcessEnv, args: readonly string[] = []): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    [...(process.env.PASSDESK_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean), '--import', 'tsx', 'src/cloud/server.main.ts', ...args],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`the cloud did not start within 60 s:\n${seen}`)), 60_000);
    const onData = (chunk: Buffer) => {
      seen += chunk.toString('utf8');
      // a --workers primary says so once every worker listens
      const m = (args.includes('--workers') ? /worker\(s\) listening on (http:\/\/\S+)/ : /listening on (http:\/\/\S+)/).exec(seen);
      if (m) {
        clearTimeout(timer);
        child.stdout.removeListener('data', onData);
        child.stdout.resume(); // request logs from here on: read and dropped
        resolve({ child, url: m[1]! });
      } else if (seen.length > 100_000) seen = seen.slice(-10_000);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (c: Buffer) => (seen += c.toString('utf8')));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the cloud exited with ${code}:\n${seen}`));
    });
  });
}

async function json<T>(res: Response, parse: (v: unknown) => T, what: string): Promise<T> {
  const body: unknown = await res.json();
  if (!res.ok) throw new Error(`${what} → ${res.status} ${JSON.stringify(body)}`);
  return parse(body);
}

export async function startBenchCloud(opts: BenchCloudOptions): Promise<BenchCloud> {
  const now = opts.now ?? new Date();
  const dir = mkdtempSync(join(tmpdir(), 'passdesk-bench-cloud-'));
  const sqlitePath = join(dir, 'cloud.sqlite');
  const pgDb = opts.dialect === 'postgres' ? await freshPgDatabase() : undefined;
  const cleanup = async () => {
    if (pgDb) await pgDb.drop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    opts.log(`  seeding ${opts.dialect}: ${opts.windowBookings} bookings in the window, ${opts.pastBookings} in the past year`);
    const template = await seedBenchCloud(pgDb?.url, sqlitePath, opts, now);
    const adminToken = randomUUID();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: '0',
      PASSDESK_DB: sqlitePath,
      PASSDESK_ADMIN_TOKEN: adminToken,
      PASSDESK_KEY_FILE: join(dir, 'kek.key'),
      ...opts.serverEnv,
    };
    if (pgDb) env.DATABASE_URL = pgDb.url;
    else delete env.DATABASE_URL;
    const { child, url } = await startServerProcess(env, opts.workers !== undefined ? ['--workers', String(opts.workers)] : []);
    const stop = async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      await cleanup();
    };
    try {
      const api = `${url}${API_PREFIX}`;
      const admin = { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' };
      const { code } = await json(
        await fetch(`${api}/admin/enrolment-codes`, { method: 'POST', headers: admin, body: JSON.stringify({ siteId: DEMO_SITE.id }) }),
        (v) => v as { code: string },
        'enrolment code',
      );
      const pair = await generatePassKeyPair();
      const enrolled = await json(
        await fetch(`${api}/kiosks/enrol`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ code, name: 'Bench desk', publicKey: pair.publicKey }),
        }),
        (v) => EnrolResponse.parse(v),
        'enrol',
      );
      // the kiosk's first pull, page by page, to the cursor every later (empty) pull starts from
      let cursor = '';
      let configVersion: string | undefined;
      for (;;) {
        const page = await json(
          await fetch(`${api}/sync/pull?limit=500${cursor ? `&cursor=${cursor}` : ''}`, { headers: { authorization: `Bearer ${enrolled.credential}` } }),
          (v) => PullResponse.parse(v),
          'pull',
        );
        cursor = page.cursor;
        configVersion = page.configVersion;
        if (!page.hasMore) break;
      }
      const seqOf = (c: string) => (JSON.parse(Buffer.from(c, 'base64url').toString('utf8')) as { s: number }).s;
      return {
        url,
        credential: enrolled.credential,
        currentCursor: cursor,
        ...(configVersion !== undefined ? { configVersion } : {}),
        changeSeq: seqOf(cursor),
        adminToken,
        kioskId: enrolled.kioskId,
        kioskKeys: pair,
        hostId: template.host_id,
        cpuMs: () => processCpuMs(child.pid),
        close: stop,
      };
    } catch (e) {
      await stop();
      throw e;
    }
  } catch (e) {
    await cleanup();
    throw e;
  }
}
