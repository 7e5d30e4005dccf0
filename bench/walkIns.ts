/**
 * Walk-ins on a kiosk holding many visits (issue 9's figures): a kiosk SQLite file (WAL, synchronous=FULL as it runs)
 * seeded with `visits` walk-in visits of distinct people, then either the form's look-up on a card read (the last
 * visit by the ID number's key, plus the form's site lists) or a registration with desk approval (sign two passes and
 * the command, one transaction), timed per call. The card reader's own read time is not included (see
 * idcard-latency). The database lives in PASSDESK_BENCH_DIR (default the OS temp folder).
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { idCheckCharacter } from '../src/shared/idNumber';
import { kioskDbPath, openKioskDb, type KioskDb } from '../src/main/core/db/openDb';
import type { HeldIdCard } from '../src/main/core/devices';
import { KioskEventBus } from '../src/main/core/events';
import { createWalkInDesk, type WalkInDesk } from '../src/main/core/walkin';
import { enrolBenchKiosk } from './benchKiosk';
import type { BenchOptions } from './types';

/** a valid resident ID number for person `i` */
export function personId(i: number): string {
  const first17 = `110105${String(19500101 + (i % 20) * 10000 + (Math.floor(i / 20) % 12) * 100 + (Math.floor(i / 240) % 28))}${String(i % 1000).padStart(3, '0')}`;
  return first17 + idCheckCharacter(first17);
}
const keyOf = (s: string): string => createHash('sha256').update(s).digest('hex');

/** A seeded kiosk database and a walk-in desk on it; `close()` removes it. */
export async function walkInBenchKiosk(
  visits: number,
  { log }: BenchOptions,
): Promise<{ db: KioskDb; desk: WalkInDesk; card(i: number): string; close(): void }> {
  const dir = mkdtempSync(join(process.env.PASSDESK_BENCH_DIR ?? tmpdir(), 'passdesk-bench-walkin-'));
  const db = openKioskDb(kioskDbPath(dir));
  const now = new Date();
  const signer = await enrolBenchKiosk(db, now);

  const insert = db.prepare(
    `INSERT INTO visits (id, kiosk_id, booking_id, visitor_name, visitor_phone_masked, host_name, checked_in_at, pass_id, pass_token, walk_in, id_key,
       phone_key, id_masked, company, host_id, reason)
     VALUES (?, 'kiosk_bench', NULL, '张三', '138****0000', '李四', ?, ?, 'PD2.X', 1, ?, ?, '110***********0000', '某公司', 'host_bench', '洽谈')`,
  );
  const start = now.getTime() - 180 * 86_400_000;
  const batch = 50_000;
  for (let from = 0; from < visits; from += batch) {
    db.transaction(() => {
      for (let i = from; i < Math.min(visits, from + batch); i++) {
        const id = randomUUID();
        const person = i % Math.max(1, Math.floor(visits / 3));
        insert.run(id, new Date(start + i * 10_000).toISOString(), id, keyOf(personId(person)), keyOf(`139${String(person).padStart(8, '0')}`));
      }
    })();
    log(`  seeded ${Math.min(visits, from + batch)} visits`);
  }
  db.pragma('optimize');

  const cards = new Map<string, HeldIdCard>();
  const desk = createWalkInDesk({
    db,
    events: new KioskEventBus(),
    now: () => new Date(),
    timeZone: () => 'Asia/Shanghai',
    cloudSettings: () => undefined,
    temperatureThresholdC: () => 37.3,
    signer: () => signer,
    heldCard: (cardRef) => {
      const held = cards.get(cardRef);
      if (!held) throw new Error('no such card');
      return held;
    },
    releaseCards: () => cards.clear(),
    facePhotoDir: join(dir, 'face-photos'),
    requestSync: () => undefined,
    online: () => true,
    directory: () => undefined,
    syncNow: () => Promise.resolve(),
    checkIn: () => Promise.reject(new Error('the bench registers with desk approval')),
  });
  const card = (i: number): string => {
    const cardRef = randomUUID();
    cards.set(cardRef, {
      card: { idNumber: personId(i) },
      read: {
        cardRef,
        cardType: 'resident',
        name: '阿依古丽·㐀买提',
        sex: '女',
        birthDate: '19500101',
        idNumberMasked: '110***********0000',
        validFrom: '20150610',
        validUntil: '长期',
        warnings: [],
        hasPhoto: true,
        readAt: new Date().toISOString(),
      },
    });
    return cardRef;
  };
  return {
    db,
    desk,
    card,
    close: () => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
