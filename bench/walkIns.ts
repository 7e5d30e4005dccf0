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
import { VISIT_POLICY_DEFAULTS } from '../src/shared/visitPolicy';
import { enrolBenchKiosk } from './benchKiosk';
import type { BenchOptions } from './types';

/** a valid resident ID number for person `i` */
export function personId(i: number): string {
  const first17 = `110105${String(19500101 + (i % 20) * 10000 + (Math.floor(i / 20) % 12) * 100 + (Math.floor(i / 240) % 28))}${String(i % 1000).padStart(3, '0')}`;
  return first17 + idCheckCharacter(first17);
}
const keyOf = (s: string): string => createHash('sha256').update(s).digest('hex');

/**
 * Seeds `visits` walk-in visits of distinct people (a third as many people, each thrice) over the last 180 days, then
 * one recent visit for each of `also` (people the bench will read the card of): one transaction, one prepared
 * statement, ids in order, the table's indexes built once after the rows, a large page cache and no fsync while it
 * runs.
 */
export function seedWalkInVisits(
  db: KioskDb,
  visits: number,
  now: Date,
  log: (line: string) => void,
  also: readonly { idKey: string; phoneKey: string }[] = [],
): void {
  const insert = db.prepare(
    `INSERT INTO visits (id, kiosk_id, booking_id, visitor_name, visitor_phone_masked, host_name, checked_in_at, pass_id, pass_token, walk_in, id_key,
       phone_key, id_masked, company, host_id, reason)
     VALUES (?, 'kiosk_bench', NULL, '张三', '138****0000', '李四', ?, ?, 'PD2.X', 1, ?, ?, '110***********0000', '某公司', 'host_bench', '洽谈')`,
  );
  const start = now.getTime() - 179 * 86_400_000; // inside the default retention (180 days)
  const people = Math.max(1, Math.floor(visits / 3));
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  const synchronous = db.pragma('synchronous', { simple: true }) as number;
  db.pragma('cache_size = -262144');
  db.pragma('synchronous = OFF');
  // the visits' indexes are dropped while seeding and built again after (a sort, not a million random inserts)
  const indexes = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'visits' AND sql IS NOT NULL`).all() as {
    name: string;
    sql: string;
  }[];
  const t0 = performance.now();
  db.transaction(() => {
    for (const ix of indexes) db.exec(`DROP INDEX "${ix.name}"`);
    for (let i = 0; i < visits; i++) {
      // ids in insertion order (a valid v4 form): the primary key grows at its end
      const id = `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
      const person = i % people;
      insert.run(id, new Date(start + i * 10_000).toISOString(), id, keyOf(personId(person)), keyOf(`139${String(person).padStart(8, '0')}`));
      if ((i + 1) % 250_000 === 0) log(`  seeded ${i + 1} visits`);
    }
    also.forEach((p, j) => {
      const id = randomUUID();
      insert.run(id, new Date(now.getTime() - (j + 1) * 60_000).toISOString(), id, p.idKey, p.phoneKey);
    });
    for (const ix of indexes) db.exec(ix.sql);
  })();
  db.pragma(`cache_size = ${cacheSize}`);
  db.pragma(`synchronous = ${synchronous}`);
  log(`  seeded ${visits + also.length} visits in ${Math.round(performance.now() - t0)} ms (one transaction)`);
}

/** A seeded kiosk database and a walk-in desk on it; `close()` removes it. */
export async function walkInBenchKiosk(
  visits: number,
  { log }: BenchOptions,
): Promise<{ db: KioskDb; desk: WalkInDesk; card(i: number): string; close(): void }> {
  const dir = mkdtempSync(join(process.env.PASSDESK_BENCH_DIR ?? tmpdir(), 'passdesk-bench-walkin-'));
  const db = openKioskDb(kioskDbPath(dir));
  const now = new Date();
  const signer = await enrolBenchKiosk(db, now);

  seedWalkInVisits(db, visits, now, log);
  db.pragma('optimize');

  const cards = new Map<string, HeldIdCard>();
  const desk = createWalkInDesk({
    db,
    events: new KioskEventBus(),
    now: () => new Date(),
    timeZone: () => 'Asia/Shanghai',
    cloudSettings: () => undefined,
    visitPolicy: () => VISIT_POLICY_DEFAULTS,
    temperatureThresholdC: () => 37.3,
    faceUploadAllowed: () => false,
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
