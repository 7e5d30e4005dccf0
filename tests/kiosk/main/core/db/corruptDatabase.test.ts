/**
 * Fault drill (issue 12 item 3): the kiosk's database file is damaged while the kiosk is off (a page overwritten, or
 * its header gone). At the next start the integrity check (PRAGMA quick_check, src/main/core/db/integrity.ts) finds
 * it; the core refuses to start with KioskDatabaseDamagedError, the file is kept for recovery byte for byte (renamed
 * aside with the time, never deleted), no fresh database is made over it — not at this start nor at the next — and
 * the start-up error screen says so in zh-CN and English. Once the administrator removes the marker the kiosk starts
 * on a new database, unenrolled. What the kiosk had pushed before the damage is in the cloud exactly once.
 */
import { createHash } from 'node:crypto';
import { existsSync, openSync, readFileSync, readdirSync, rmSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DAMAGED_MARKER, KioskDatabaseDamagedError } from '../../../../../src/main/core/db/integrity';
import { kioskDbPath } from '../../../../../src/main/core/db/openDb';
import { createKioskCore } from '../../../../../src/main/core/kioskCore';
import { serveStartupError, startupErrorLines } from '../../../../../src/main/launch/startupErrorPage';
import { approvedBookings } from '../../../../support/drills/bookings';
import { useCloudKiosks } from '../../../../support/kiosk/cloudKiosks';
import { tempDir } from '../../../../support/kiosk/helpers';

const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

/** overwrites `length` bytes at `offset` of the file with a repeating pattern */
function overwrite(path: string, offset: number, length: number): void {
  const fd = openSync(path, 'r+');
  try {
    writeSync(fd, Buffer.alloc(length, 0xa5), 0, length, offset);
  } finally {
    closeSync(fd);
  }
}

describe('fault drill: a corrupt kiosk database at start', () => {
  const kiosks = useCloudKiosks('Damaged desk');

  it.each([
    { damage: 'a page overwritten', corrupt: (path: string) => overwrite(path, 4096 * 3, 4096) },
    { damage: 'its header overwritten', corrupt: (path: string) => overwrite(path, 0, 100) },
  ])(
    '$damage: found at start, kept for recovery, said in both languages, never silently replaced',
    async ({ corrupt }) => {
      const data = tempDir('passdesk-drill-damaged-');
      kiosks.afterThisTest(() => data.cleanup());
      const bookingIds = await approvedBookings(kiosks.cloud, 3, { signsOut: false });
      const core = await kiosks.enrolledCore({ dataDir: data.dir });
      await core.sync.now();
      const kioskId = core.identity()!.kioskId;
      for (const bookingId of bookingIds) await core.checkIn.confirmCheckIn({ bookingId });
      expect((await core.sync.now()).pendingCommands).toBe(0);
      await core.close();

      const path = kioskDbPath(data.dir);
      corrupt(path);
      const damagedHash = sha256(path);

      const failed = await createKioskCore({ dataDir: data.dir, autoSync: false }).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(failed).toBeInstanceOf(KioskDatabaseDamagedError);
      const { damage } = failed as KioskDatabaseDamagedError;
      expect(damage.problems.length).toBeGreaterThan(0);
      expect(damage.keptAs).toMatch(/kiosk\.sqlite\.damaged-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z$/);
      expect(sha256(damage.keptAs), 'the damaged file kept byte for byte').toBe(damagedHash);
      expect(existsSync(path), 'no fresh database made over it').toBe(false);
      expect(JSON.parse(readFileSync(join(data.dir, DAMAGED_MARKER), 'utf8'))).toEqual(damage);

      // a restart (the service manager's) refuses again: still no fresh database, the kept file untouched
      await expect(createKioskCore({ dataDir: data.dir, autoSync: false })).rejects.toBeInstanceOf(KioskDatabaseDamagedError);
      expect(existsSync(path)).toBe(false);
      expect(readdirSync(data.dir).filter((f) => f.includes('.damaged-') && !f.endsWith('-wal') && !f.endsWith('-shm'))).toHaveLength(1);

      // the start-up error screen, in both languages, naming the kept file
      const lines = startupErrorLines(failed)!;
      expect(lines.join('\n')).toContain('访客机数据库已损坏');
      expect(lines.join('\n')).toContain('database is damaged');
      const screen = await serveStartupError(failed as KioskDatabaseDamagedError, 0);
      try {
        const res = await fetch(screen.url);
        expect(res.status).toBe(503);
        const html = await res.text();
        for (const words of ['访客机数据库已损坏,暂停使用', 'The kiosk’s database is damaged', 'data-error="database_damaged"', damage.keptAs])
          expect(html).toContain(words);
      } finally {
        await new Promise((resolve) => screen.server.close(resolve));
      }

      // what the kiosk pushed before the damage is in the cloud, once each
      const applied = await kiosks.cloud.server.db.kysely
        .selectFrom('applied_commands')
        .select(['booking_id', 'status'])
        .where('kiosk_id', '=', kioskId)
        .where('kind', '=', 'checkin')
        .execute();
      expect(applied.map((a) => a.booking_id).sort()).toEqual([...bookingIds].sort());
      expect(new Set(applied.map((a) => a.status))).toEqual(new Set(['applied']));

      // the administrator has taken the kept file and removes the marker: a new database, unenrolled; the kept file stays
      rmSync(join(data.dir, DAMAGED_MARKER));
      const fresh = await createKioskCore({ dataDir: data.dir, autoSync: false });
      kiosks.afterThisTest(() => fresh.close());
      expect(fresh.identity()).toBeUndefined();
      expect(sha256(damage.keptAs)).toBe(damagedHash);
    },
    60_000,
  );
});
