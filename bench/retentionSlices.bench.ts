/**
 * The kiosk's retention purge with a large backlog (issue 12: no event-loop block over 50 ms on the kiosk): the core's
 * own retention (src/main/core/dataRetention.ts, in slices) removes a year of visits, bookings and answered commands
 * past the retention days while a 1 ms timer measures how late each of its ticks comes (the longest gap is the longest
 * block of the event loop; `monitorEventLoopDelay`'s maximum noted beside it). Target: the longest block ≤ 50 ms.
 * Env: PASSDESK_BENCH_RETENTION_VISITS (default 300,000), _BOOKINGS (30,000), _COMMANDS (100,000); the data folder
 * lives in PASSDESK_BENCH_DIR (default the OS temp folder).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createDataRetention } from '../src/main/core/dataRetention';
import { kioskDbPath, openKioskDb, type KioskDb } from '../src/main/core/db/openDb';
import type { Bench } from './types';

const VISITS = Number(process.env.PASSDESK_BENCH_RETENTION_VISITS ?? 300_000);
const BOOKINGS = Number(process.env.PASSDESK_BENCH_RETENTION_BOOKINGS ?? 30_000);
const COMMANDS = Number(process.env.PASSDESK_BENCH_RETENTION_COMMANDS ?? 100_000);
const DAY = 86_400_000;
/** PASSDESK_BENCH_RETENTION_CHUNK / _SLICE_MS: try other slice sizes than the core's defaults */
const SLICES =
  process.env.PASSDESK_BENCH_RETENTION_CHUNK || process.env.PASSDESK_BENCH_RETENTION_SLICE_MS
    ? {
        ...(process.env.PASSDESK_BENCH_RETENTION_CHUNK ? { chunk: Number(process.env.PASSDESK_BENCH_RETENTION_CHUNK) } : {}),
        ...(process.env.PASSDESK_BENCH_RETENTION_SLICE_MS ? { maxMs: Number(process.env.PASSDESK_BENCH_RETENTION_SLICE_MS) } : {}),
      }
    : undefined;
const RETENTION_DAYS = 180;

/** The backlog: everything older than the retention days, spread over the year before them. */
function seed(db: KioskDb, now: Date): void {
  const at = (i: number, n: number) => new Date(now.getTime() - (RETENTION_DAYS + 1) * DAY - Math.floor((i / n) * 365 * DAY)).toISOString();
  const visit = db.prepare(
    `INSERT INTO visits (id, kiosk_id, booking_id, visitor_name, visitor_phone_masked, host_name, checked_in_at, pass_id, pass_token)
     VALUES (?, 'kiosk_bench', ?, '张三', '138****0000', '李四', ?, ?, 'PD2.X')`,
  );
  const booking = db.prepare(
    `INSERT INTO bookings (id, code, visitor_phone, status, host_id, window_start, window_end, updated_at, json)
     VALUES (?, ?, '13800000000', 'left', 'host_bench', ?, ?, ?, '{}')`,
  );
  const command = db.prepare(`INSERT INTO outbox (id, kind, payload, at, signature, state) VALUES (?, 'checkout', '{}', ?, 'sig', 'sent')`);
  db.transaction(() => {
    for (let i = 0; i < BOOKINGS; i++) booking.run(`b_old_${i}`, `R${String(i).padStart(7, '0')}`, at(i, BOOKINGS), at(i, BOOKINGS), at(i, BOOKINGS));
    for (let i = 0; i < VISITS; i++) {
      const id = randomUUID();
      visit.run(id, `b_old_${i % BOOKINGS}`, at(i, VISITS), id);
    }
    for (let i = 0; i < COMMANDS; i++) command.run(randomUUID(), at(i, COMMANDS));
  })();
  db.pragma('optimize');
}

const bench: Bench = {
  name: 'retention-slices',
  description: `the kiosk's retention purge of ${VISITS} visits, ${BOOKINGS} bookings and ${COMMANDS} commands, in slices, the event loop watched`,
  async run({ log }) {
    const dataDir = mkdtempSync(join(process.env.PASSDESK_BENCH_DIR ?? tmpdir(), 'passdesk-bench-retention-'));
    const now = new Date();
    const db = openKioskDb(kioskDbPath(dataDir));
    try {
      seed(db, now);
      log(`  seeded ${VISITS} visits, ${BOOKINGS} bookings, ${COMMANDS} commands past the retention days`);
      const gaps: number[] = [];
      let last = performance.now();
      const probe = setInterval(() => {
        const t = performance.now();
        gaps.push(t - last);
        last = t;
      }, 1);
      const histogram = monitorEventLoopDelay({ resolution: 1 });
      histogram.enable();
      const started = performance.now();
      const info: string[] = [];
      const retention = createDataRetention({
        db,
        dataDir,
        now: () => now,
        retentionDays: () => RETENTION_DAYS,
        log: { info: (l) => info.push(l), error: log },
        ...(SLICES ? { slices: SLICES } : {}),
      });
      await retention.settled();
      const tookMs = performance.now() - started;
      histogram.disable();
      clearInterval(probe);
      gaps.push(performance.now() - last);
      retention.stop();
      const left = db.prepare('SELECT (SELECT count(*) FROM visits) + (SELECT count(*) FROM bookings) + (SELECT count(*) FROM outbox) AS n').get() as {
        n: number;
      };
      log(`  ${info.join('; ')}; ${left.n} rows left`);
      return {
        name: 'retention-slices-longest-block',
        metric: `gap between 1 ms timer ticks while the purge ran (${VISITS} visits, ${BOOKINGS} bookings, ${COMMANDS} commands due)`,
        unit: 'ms',
        samples: gaps,
        target: { stat: 'max', max: 50 },
        notes: { purgeMs: Math.round(tookMs), loopDelayMaxMs: Math.round(histogram.max / 1e6), rowsLeft: left.n },
      };
    } finally {
      db.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
export default bench;
