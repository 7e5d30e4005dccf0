/**
 * The check-in write path on the kiosk's real SQLite file (WAL): CheckInDesk.confirmCheckIn — sign the pass and
 * the outbox command, then one transaction writing the visit, the booking and the outbox command — timed per call,
 * under a given `synchronous` setting. The database lives in PASSDESK_BENCH_DIR (default the OS temp folder): put
 * it on the disk the kiosk uses, since on tmpfs fsync costs nothing. Shared by the checkin-write-* benches.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Booking } from '../src/shared/domain';
import { CheckInDesk } from '../src/main/core/checkin';
import { upsertBooking } from '../src/main/core/db/bookingsStore';
import { kioskDbPath, openKioskDb } from '../src/main/core/db/openDb';
import { KioskEventBus } from '../src/main/core/events';
import { facePhotoDir } from '../src/main/core/face/facePhotos';
import { enrolBenchKiosk } from './benchKiosk';
import type { BenchOptions, BenchResult } from './types';

export type Synchronous = 'NORMAL' | 'FULL';

const HOUR = 3_600_000;

function booking(i: number, now: Date): Booking {
  const t = now.getTime();
  return {
    id: `b_bench_${i}`,
    code: `BENCH${String(i).padStart(3, '0')}`,
    siteId: 'site_bench',
    hostId: 'host_bench',
    source: 'self',
    status: 'approved',
    visitor: { name: '张三', phone: '13812345678', idType: 'resident_id', idNumber: '11010519491231002X' },
    companions: [],
    groupSize: 1,
    reason: 'meeting',
    windowStart: new Date(t - HOUR).toISOString(),
    windowEnd: new Date(t + 2 * HOUR).toISOString(),
    createdAt: new Date(t - 24 * HOUR).toISOString(),
    updatedAt: new Date(t - 24 * HOUR).toISOString(),
  };
}

export async function benchCheckinWrites(name: string, synchronous: Synchronous, { samples = 200, log }: BenchOptions): Promise<BenchResult> {
  const dir = mkdtempSync(join(process.env.PASSDESK_BENCH_DIR ?? tmpdir(), 'passdesk-bench-'));
  const db = openKioskDb(kioskDbPath(dir));
  try {
    db.pragma(`synchronous = ${synchronous}`);
    const now = new Date();
    const signer = await enrolBenchKiosk(db, now);
    const warmup = 10;
    for (let i = 0; i < samples + warmup; i++) upsertBooking(db, booking(i, now));
    const desk = new CheckInDesk({
      db,
      events: new KioskEventBus(),
      now: () => new Date(),
      timeZone: () => 'Asia/Shanghai',
      signer: () => signer,
      earlyArrivalMinutes: () => 0,
      temperatureThresholdC: () => 37.3,
      facePhotoDir: facePhotoDir(dir),
      faceUploadAllowed: () => false,
      requestSync: () => undefined,
    });
    const times: number[] = [];
    for (let i = 0; i < samples + warmup; i++) {
      const t0 = performance.now();
      await desk.confirmCheckIn({ bookingId: `b_bench_${i}` });
      if (i >= warmup) times.push(performance.now() - t0);
      if ((i + 1) % 100 === 0) log(`  ${synchronous}: ${i + 1} check-ins`);
    }
    const check = db.pragma('synchronous', { simple: true });
    return {
      name,
      metric: `confirmCheckIn (sign pass + command, write visit + booking + outbox), synchronous=${synchronous}`,
      unit: 'ms',
      samples: times,
      notes: {
        synchronous: `${synchronous} (pragma ${String(check)})`,
        journal: String(db.pragma('journal_mode', { simple: true })),
        dir: process.env.PASSDESK_BENCH_DIR ?? tmpdir(),
      },
    };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
