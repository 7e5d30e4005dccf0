/** Test helpers for the kiosk suite: temp data dirs, bookings written into the real local store. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Booking } from '../../../src/shared/domain';
import { addDays, DEFAULT_TIMEZONE, localDate, startOfLocalDay } from '../../../src/shared/siteDay';
import { ipcCalls, type IpcOutput } from '../../../src/shared/ipc';
import { generatePassKeyPair } from '../../../src/shared/pass';
import type { IpcCallResult } from '../../../src/main/core/ipcHandlers';
import { createKioskCore, type KioskCore, type KioskCoreOptions } from '../../../src/main/core/kioskCore';
import { writeIdentity, type KioskIdentity } from '../../../src/main/core/db/identityStore';
import type { KioskDb } from '../../../src/main/core/db/openDb';
import { upsertBooking } from '../../../src/main/core/db/bookingsStore';
import { upsertHost, upsertPassKey } from '../../../src/main/core/db/referenceStore';
import { saveSecrets } from '../../../src/main/core/settings';

export function tempDir(prefix = 'passdesk-kiosk-'): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A closed port: a core pointed here is offline and can never reach a cloud someone runs on the default 8787. */
export const OFFLINE_CLOUD_URL = 'http://127.0.0.1:9';

/**
 * Gives a data dir an identity and secrets exactly as enrolment stores them, for tests of local rules that
 * need no cloud (check-in refusals, idempotency). The cloud URL points at a closed port: the kiosk is offline.
 */
export async function writeLocalIdentity(db: KioskDb, dataDir: string): Promise<KioskIdentity> {
  const pair = await generatePassKeyPair();
  const identity: KioskIdentity = {
    kioskId: 'kiosk_local',
    siteId: 'site_local',
    keyId: 'kidlocal0001',
    publicKey: pair.publicKey,
    name: 'Test desk',
    cloudUrl: OFFLINE_CLOUD_URL,
    enrolledAt: new Date().toISOString(),
  };
  writeIdentity(db, identity);
  upsertPassKey(db, { kid: identity.keyId, issuer: `kiosk:${identity.kioskId}`, publicKey: pair.publicKey, revoked: false, site: identity.siteId });
  saveSecrets(dataDir, { version: 1, privateKey: pair.privateKey, credential: 'c'.repeat(40) });
  return identity;
}

/**
 * A core (autoSync off) on `dataDir` after writeLocalIdentity: a first core creates the database and settings
 * (cloud URL: OFFLINE_CLOUD_URL), the identity is written into it, and the core is opened again so that it starts
 * enrolled.
 */
export async function locallyEnrolledCore(dataDir: string, options: Omit<KioskCoreOptions, 'dataDir' | 'autoSync'> = {}): Promise<KioskCore> {
  const first = await createKioskCore({ dataDir, autoSync: false, cloudUrl: OFFLINE_CLOUD_URL });
  await writeLocalIdentity(first.db, dataDir);
  await first.close();
  return createKioskCore({ dataDir, autoSync: false, ...options });
}

/** A successful call's output, checked against the contract (the parse is by the call's own output schema). */
export function output<N extends keyof typeof ipcCalls>(name: N, r: IpcCallResult): IpcOutput<N> {
  if (!r.ok) throw new Error(`${name} failed: ${r.error.code} ${r.error.message}`);
  return ipcCalls[name].output.parse(r.output) as IpcOutput<N>;
}

export const HOUR = 3_600_000;

/**
 * An approved booking open at `now`: from an hour before to two hours after, kept inside `now`'s site day (the kiosk's
 * zone, Asia/Shanghai): a window across the site's midnight is a visit of two days, whose sign-out is an exit, not the
 * end of the visit (from 22:00 in Shanghai a test that signs out failed).
 */
export function makeBooking(over: Partial<Booking> & { id: string; code: string }, now: Date): Booking {
  const t = now.getTime();
  const day = localDate(now, DEFAULT_TIMEZONE);
  const dayStart = startOfLocalDay(day, DEFAULT_TIMEZONE).getTime();
  const dayEnd = startOfLocalDay(addDays(day, 1), DEFAULT_TIMEZONE).getTime() - 1000;
  return {
    siteId: 'site_local',
    hostId: 'host_1',
    source: 'self',
    status: 'approved',
    visitor: { name: '张三', phone: '13812345678', idType: 'resident_id', idNumber: '11010519491231002X' },
    companions: [],
    groupSize: 1,
    reason: 'meeting',
    windowStart: new Date(Math.max(t - HOUR, dayStart)).toISOString(),
    windowEnd: new Date(Math.min(t + 2 * HOUR, dayEnd)).toISOString(),
    createdAt: new Date(t - 24 * HOUR).toISOString(),
    updatedAt: new Date(t - 24 * HOUR).toISOString(),
    ...over,
  };
}

export function seedHostAndBookings(db: KioskDb, bookings: Booking[], now: Date): void {
  upsertHost(db, {
    id: 'host_1',
    siteId: 'site_local',
    name: '李四',
    phone: '13900001111',
    department: 'R&D',
    canReceiveVisitors: true,
    updatedAt: now.toISOString(),
  });
  for (const b of bookings) upsertBooking(db, b);
}

/** Day 1 of the multi-day fixture: 10:00 in Asia/Shanghai. */
export const MULTI_DAY_1 = new Date('2026-11-22T02:00:00.000Z');

/**
 * A locally enrolled core on its clock holding two bookings: `b_multi` (MDAY2345), 09:00 on day 1 to 18:00 on day 3
 * site time, and `b_one` (SNGE2345), a one-day visit on day 1.
 */
export async function multiDayCore(dataDir: string, now: () => Date): Promise<KioskCore> {
  const core = await locallyEnrolledCore(dataDir, { now });
  seedHostAndBookings(
    core.db,
    [
      makeBooking({ id: 'b_multi', code: 'MDAY2345', windowStart: '2026-11-22T01:00:00.000Z', windowEnd: '2026-11-24T10:00:00.000Z' }, MULTI_DAY_1),
      makeBooking({ id: 'b_one', code: 'SNGE2345' }, MULTI_DAY_1),
    ],
    MULTI_DAY_1,
  );
  return core;
}

/** The local desk's host `host_1`, 李四 of 研发部 in A-301 (phone 13900001111), who receives visitors. */
export function addDeskHost(db: KioskDb): void {
  upsertHost(db, {
    id: 'host_1',
    siteId: 'site_local',
    name: '李四',
    phone: '13900001111',
    department: '研发部',
    office: 'A-301',
    canReceiveVisitors: true,
    updatedAt: new Date().toISOString(),
  });
}
