/**
 * The desk's look-ups on a kiosk core holding a busy site's data (issue 12: 100,000 bookings and 1,000,000 visits):
 * a booking by code, by phone, by a scanned pass, by an ID card's number; today's visits (as the desk asks again with
 * nothing changed, right after a write that touched no visit, and right after one that touched one of today's visits:
 * that visit read again); signing out by pass (the write and its sync request, not the
 * sync run); the sync state; an empty retention purge. Each through the core's own IPC handler table (what the
 * renderer calls; the ID card: the desk's call behind bookings.findByCard), timed per call. Then the same again with
 * PASSDESK_BENCH_OUTBOX (default 100,000) more commands pending in the outbox (`desk-outbox-*`, each noting its median
 * against the small outbox's): no look-up may grow with the outbox. Target: p99 ≤ 2 ms each (sign-out, a write with an
 * fsync: 10 ms). Env: PASSDESK_BENCH_BOOKINGS, PASSDESK_BENCH_VISITS; the data folder lives in PASSDESK_BENCH_DIR
 * (default the OS temp folder).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Booking } from '../src/shared/domain';
import { upsertBooking } from '../src/main/core/db/bookingsStore';
import { kioskDbPath, openKioskDb } from '../src/main/core/db/openDb';
import { purgeOlderThan } from '../src/main/core/db/retention';
import { createKioskCore, type KioskCore } from '../src/main/core/kioskCore';
import { idCheckCharacter } from '../src/shared/idNumber';
import { saveSecrets } from '../src/main/core/settings';
import { enrolBenchKiosk } from './benchKiosk';
import type { Bench, BenchResult } from './types';

const BOOKINGS = Number(process.env.PASSDESK_BENCH_BOOKINGS ?? 100_000);
const VISITS = Number(process.env.PASSDESK_BENCH_VISITS ?? 1_000_000);
const OUTBOX = Number(process.env.PASSDESK_BENCH_OUTBOX ?? 100_000);
/** bookings in today's window: the first half signed out with the small outbox, the second with the large one */
const TODAY = 200;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const phoneOf = (i: number): string => `138${String(i).padStart(8, '0')}`;
const codeOf = (i: number): string => `D${String(i).padStart(7, '0')}`;
/** a valid resident ID number of its own for each booking's visitor */
const idOf = (i: number): string => {
  const first17 = `${110000 + Math.floor(i / 1000)}19491231${String(i % 1000).padStart(3, '0')}`;
  return first17 + idCheckCharacter(first17);
};

/** Booking i: TODAY of them today (in the window now), the rest spread over the kiosk's 9 pulled days. */
function booking(i: number, now: Date): Booking {
  const start = i < TODAY ? now.getTime() - HOUR : now.getTime() + ((i % 8) - 1) * DAY + (i % 600) * 60_000;
  return {
    id: `b_desk_${i}`,
    code: codeOf(i),
    siteId: 'site_bench',
    hostId: 'host_bench',
    source: 'self',
    status: 'approved',
    visitor: { name: '张三', phone: phoneOf(i), idType: 'resident_id', idNumber: idOf(i) },
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

/**
 * Times each call; `pauseMs` between calls lets what a call started in the background (a sync run) finish untimed;
 * `before` runs untimed before each call.
 */
async function timed(samples: number, warmup: number, call: (i: number) => unknown, pauseMs = 0, before?: () => void): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < samples + warmup; i++) {
    before?.();
    const t0 = performance.now();
    await call(i);
    if (i >= warmup) out.push(performance.now() - t0);
    if (pauseMs > 0) await settle(pauseMs);
  }
  return out;
}

/** `count` commands pending in the outbox (a long outage's sign-outs of other bookings), written straight to the table. */
function fillOutbox(core: KioskCore, count: number, now: Date): void {
  const insert = core.db.prepare(`INSERT INTO outbox (id, kind, payload, at, signature, booking_id) VALUES (@id, 'checkout', @payload, @at, @sig, @bookingId)`);
  core.db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const bookingId = `b_desk_${TODAY + (i % (BOOKINGS - TODAY))}`;
      const id = randomUUID();
      const payload = JSON.stringify({ visitId: randomUUID(), bookingId });
      insert.run({ id, payload, at: new Date(now.getTime() - 6 * HOUR + i).toISOString(), sig: 'A'.repeat(86), bookingId });
    }
  })();
}

/** Each look-up, timed: one result per look-up, named `desk-<prefix><what>`. */
async function lookups(core: KioskCore, tokens: readonly string[], samples: number, prefix: string, log: (l: string) => void): Promise<BenchResult[]> {
  const h = core.handlers;
  // a write that touches no visit (the sync engine's state), and one that touches one of today's visits (what a
  // check-in or a sign-out does to the list: one visit's row), a different visit each time
  const touchOther = () => void core.db.prepare('UPDATE sync_state SET id = id').run();
  const todayIds = core.checkIn.visitsToday().map((v) => v.id);
  let nextVisit = 0;
  const touchVisit = () =>
    void core.db.prepare('UPDATE visits SET temperature_c = temperature_c WHERE id = ?').run(todayIds[nextVisit++ % Math.max(1, todayIds.length)] ?? '');
  const measures: [string, (i: number) => unknown, (() => void)?][] = [
    ['by-code', (i) => h['bookings.find']({ query: codeOf(TODAY + (i % 1000)) })],
    ['by-phone', (i) => h['bookings.find']({ query: phoneOf(TODAY + (i % 1000)) })],
    ['by-pass', (i) => h['bookings.find']({ query: tokens[i % tokens.length]! })],
    ['by-id-card', (i) => core.checkIn.findBookingsByIdNumber(idOf(TODAY + (i % 1000)))],
    ['visits-today', () => h['visits.today']({})],
    ['visits-today-after-other-write', () => h['visits.today']({}), touchOther],
    ['visits-today-after-visit-write', () => h['visits.today']({}), touchVisit],
    ['sync-status', () => h['sync.status']({})],
    ['retention-empty', () => purgeOlderThan(core.db, new Date(), 3650)],
  ];
  const results: BenchResult[] = [];
  for (const [what, call, before] of measures) {
    const times = await timed(samples, 10, call, 0, before);
    results.push({
      name: `desk-${prefix}${what}`,
      metric: `${what} through the core (${BOOKINGS} bookings, ${VISITS} visits${prefix ? `, ${OUTBOX} more commands pending` : ''})`,
      unit: 'ms',
      samples: times,
      target: { stat: 'p99', max: 2 },
    });
    log(`  ${prefix}${what}: done`);
  }
  return results;
}

/**
 * Sign-out by pass, each pass once: verify the pass, sign the command, one transaction (synchronous=FULL: an fsync),
 * and a sync run requested for after the reply (it fails fast here, no cloud; 50 ms between sign-outs let it finish
 * untimed, as the seconds between two visitors do). A write, so its bar is 10 ms, not 2.
 */
async function signOuts(core: KioskCore, tokens: readonly string[], prefix: string): Promise<BenchResult> {
  const times = await timed(tokens.length - 10, 10, (i) => core.handlers['visits.checkout']({ passToken: tokens[i]! }), 50);
  return {
    name: `desk-${prefix}signout-by-pass`,
    metric: `visits.checkout by pass token (${VISITS} visits${prefix ? `, ${OUTBOX} more commands pending` : ''})`,
    unit: 'ms',
    samples: times,
    target: { stat: 'p99', max: 10 },
  };
}

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

const bench: Bench = {
  name: 'desk-lookups',
  description: `the desk's look-ups through the core's handlers, ${BOOKINGS} bookings and ${VISITS} visits held, then ${OUTBOX} commands pending`,
  async run(options) {
    const { samples = 300, log } = options;
    const dataDir = mkdtempSync(join(process.env.PASSDESK_BENCH_DIR ?? tmpdir(), 'passdesk-bench-desk-'));
    const now = new Date();
    try {
      await seed(dataDir, now, log);
      const core = await createKioskCore({ dataDir, cloudUrl: 'http://127.0.0.1:9', autoSync: false });
      try {
        // passes to sign out with: check in today's bookings first (each gives a pass token)
        const tokens: string[] = [];
        for (let i = 0; i < TODAY; i++) {
          const r = await core.handlers['checkin.confirm']({ bookingId: `b_desk_${i}` });
          tokens.push(r.pass.token);
        }
        const [first, second] = [tokens.slice(0, TODAY / 2), tokens.slice(TODAY / 2)];
        const small = [...(await lookups(core, second, samples, '', log)), await signOuts(core, first, '')];
        fillOutbox(core, OUTBOX, now);
        log(`  ${OUTBOX} commands pending in the outbox`);
        const large = [...(await lookups(core, second, samples, 'outbox-', log)), await signOuts(core, second, 'outbox-')];
        // how each look-up's median moved with the outbox (the p99 bar holds either way)
        large.forEach((r, i) => {
          const before = median(small[i]!.samples);
          r.notes = { smallOutboxMedianMs: Math.round(before * 1000) / 1000, medianRatio: Math.round((median(r.samples) / before) * 100) / 100 };
        });
        return [...small, ...large];
      } finally {
        await core.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
export default bench;
