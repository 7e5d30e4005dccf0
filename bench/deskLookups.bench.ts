/**
 * The desk's look-ups on a kiosk core holding a busy site's data (issue 12: 100,000 bookings and 1,000,000 visits):
 * a booking by code, by phone, by a scanned pass; today's visits; signing out by pass (the write and its sync
 * request, not the sync run); the sync state; an empty retention purge. Each through the core's own IPC handler
 * table (what the renderer calls), timed per call. Target: p99 ≤ 2 ms each (sign-out, a write with an fsync: 10 ms).
 * Env: PASSDESK_BENCH_BOOKINGS, PASSDESK_BENCH_VISITS; the data folder lives in PASSDESK_BENCH_DIR (default the OS
 * temp folder).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Booking } from '../src/shared/domain';
import { upsertBooking } from '../src/main/core/db/bookingsStore';
import { kioskDbPath, openKioskDb } from '../src/main/core/db/openDb';
import { purgeOlderThan } from '../src/main/core/db/retention';
import { createKioskCore } from '../src/main/core/kioskCore';
import { saveSecrets } from '../src/main/core/settings';
import { enrolBenchKiosk } from './benchKiosk';
import type { Bench, BenchResult } from './types';

const BOOKINGS = Number(process.env.PASSDESK_BENCH_BOOKINGS ?? 100_000);
const VISITS = Number(process.env.PASSDESK_BENCH_VISITS ?? 1_000_000);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const phoneOf = (i: number): string => `138${String(i).padStart(8, '0')}`;
const codeOf = (i: number): string => `D${String(i).padStart(7, '0')}`;

/** Booking i: a hundred today (in the window now), the rest spread over the kiosk's 9 pulled days. */
function booking(i: number, now: Date): Booking {
  const start = i < 100 ? now.getTime() - HOUR : now.getTime() + ((i % 8) - 1) * DAY + (i % 600) * 60_000;
  return {
    id: `b_desk_${i}`,
    code: codeOf(i),
    siteId: 'site_bench',
    hostId: 'host_bench',
    source: 'self',
    status: 'approved',
    visitor: { name: '张三', phone: phoneOf(i), idType: 'resident_id', idNumber: '11010519491231002X' },
    companions: [],
    groupSize: 1,
    reason: 'meeting',
    windowStart: new Date(start).toISOString(),
    windowEnd: new Date(start + 3 * HOUR).toISOString(),
    createdAt: new Date(start - DAY).toISOString(),
    updatedAt: new Date(start - DAY).toISOString(),
  };
}

/** Seeds the data folder: an enrolled identity and its secrets, the bookings, and `VISITS` past visits. */
async function seed(dataDir: string, now: Date, log: (l: string) => void): Promise<void> {
  const db = openKioskDb(kioskDbPath(dataDir));
  try {
    const signer = await enrolBenchKiosk(db, now);
    saveSecrets(dataDir, { version: 1, privateKey: signer.privateKey, credential: 'c'.repeat(43) });
    db.transaction(() => {
      for (let i = 0; i < BOOKINGS; i++) upsertBooking(db, booking(i, now));
    })();
    log(`  seeded ${BOOKINGS} bookings`);
    const insert = db.prepare(
      `INSERT INTO visits (id, kiosk_id, booking_id, visitor_name, visitor_phone_masked, host_name, checked_in_at, pass_id, pass_token)
       VALUES (?, 'kiosk_bench', NULL, '张三', '138****0000', '李四', ?, ?, 'PD2.X')`,
    );
    // the history ends two days ago: none of it is today's, and (with a long retention) none is due for purging
    const start = now.getTime() - 2 * DAY - VISITS * 10_000;
    for (let from = 0; from < VISITS; from += 100_000) {
      db.transaction(() => {
        for (let i = from; i < Math.min(VISITS, from + 100_000); i++) {
          const id = randomUUID();
          insert.run(id, new Date(start + i * 10_000).toISOString(), id);
        }
      })();
      log(`  seeded ${Math.min(VISITS, from + 100_000)} visits`);
    }
    db.pragma('optimize');
  } finally {
    db.close();
  }
}

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Times each call; `pauseMs` between calls lets what a call started in the background (a sync run) finish untimed. */
async function timed(samples: number, warmup: number, call: (i: number) => unknown, pauseMs = 0): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < samples + warmup; i++) {
    const t0 = performance.now();
    await call(i);
    if (i >= warmup) out.push(performance.now() - t0);
    if (pauseMs > 0) await settle(pauseMs);
  }
  return out;
}

const bench: Bench = {
  name: 'desk-lookups',
  description: `the desk's look-ups through the core's handlers, ${BOOKINGS} bookings and ${VISITS} visits held`,
  async run(options) {
    const { samples = 300, log } = options;
    const dataDir = mkdtempSync(join(process.env.PASSDESK_BENCH_DIR ?? tmpdir(), 'passdesk-bench-desk-'));
    const now = new Date();
    try {
      await seed(dataDir, now, log);
      const core = await createKioskCore({ dataDir, cloudUrl: 'http://127.0.0.1:9', autoSync: false });
      try {
        const h = core.handlers;
        // passes to sign out with: check in today's bookings first (each gives a pass token)
        const tokens: string[] = [];
        for (let i = 0; i < 100; i++) {
          const r = await h['checkin.confirm']({ bookingId: `b_desk_${i}` });
          tokens.push(r.pass.token);
        }
        const measures: [string, (i: number) => unknown][] = [
          ['by-code', (i) => h['bookings.find']({ query: codeOf(100 + (i % 1000)) })],
          ['by-phone', (i) => h['bookings.find']({ query: phoneOf(100 + (i % 1000)) })],
          ['by-pass', (i) => h['bookings.find']({ query: tokens[i % tokens.length]! })],
          ['visits-today', () => h['visits.today']({})],
          ['sync-status', () => h['sync.status']({})],
          ['retention-empty', () => purgeOlderThan(core.db, new Date(), 3650)],
        ];
        const results: BenchResult[] = [];
        for (const [what, call] of measures) {
          const times = await timed(samples, 10, call);
          results.push({
            name: `desk-${what}`,
            metric: `${what} through the core (${BOOKINGS} bookings, ${VISITS} visits)`,
            unit: 'ms',
            samples: times,
            target: { stat: 'p99', max: 2 },
          });
          log(`  ${what}: done`);
        }
        // sign-out by pass, each pass once: verify the pass, sign the command, one transaction (synchronous=FULL: an
        // fsync), and a sync run requested for after the reply (it fails fast here, no cloud; 50 ms between sign-outs
        // let it finish untimed, as the seconds between two visitors do). A write, so its bar is 10 ms, not 2.
        const signOut = await timed(tokens.length - 10, 10, (i) => h['visits.checkout']({ passToken: tokens[i]! }), 50);
        results.push({
          name: 'desk-signout-by-pass',
          metric: `visits.checkout by pass token (${VISITS} visits)`,
          unit: 'ms',
          samples: signOut,
          target: { stat: 'p99', max: 10 },
        });
        return results;
      } finally {
        await core.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
export default bench;
