/**
 * The blacklist key is one rule (src/shared/blacklistKey.ts) on both sides of the kiosk/cloud boundary: the same
 * person's ID number and phone, spelled as people type them (a lower-case x, spaces, +86), give the cloud's entry
 * (POST /admin/blacklist through the API) and the kiosk's check-in refusal the same key, whichever spelling each
 * side saw.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, CloudTestEnv } from '../../support/cloud/harness';
import type { KioskCore } from '../../../src/main/core/kioskCore';
import { upsertBlacklistEntry } from '../../../src/main/core/db/referenceStore';
import { blacklistKeysOf } from '../../../src/shared/blacklistKey';
import { BlacklistEntry } from '../../../src/shared/sync';
import { locallyEnrolledCore, makeBooking, seedHostAndBookings, tempDir } from '../../support/kiosk/helpers';

const NOW = new Date('2026-11-22T02:00:00.000Z');
const ID_SPELLINGS = ['11010519491231002X', '11010519491231002x', ' 110105 19491231 002x ', '110105\u300019491231\u3000002X'];
const PHONE_SPELLINGS = ['13912345678', '139 1234 5678', '139-1234-5678', '+8613912345678', '+86 139 1234 5678', '0086 13912345678'];
const OTHER = { idNumber: '110105194912310029', phone: '13700001111' };

describe('the blacklist key: the cloud and the kiosk agree on every spelling', () => {
  let cloud: CloudTestEnv;
  let core: KioskCore;
  const t = tempDir();

  beforeAll(async () => {
    cloud = await CloudTestEnv.create('sqlite');
    core = await locallyEnrolledCore(t.dir, { now: () => NOW });
  });
  afterAll(async () => {
    await core.close();
    await cloud.dispose();
    t.cleanup();
  });

  const addAtCloud = async (body: { idNumber?: string; phone?: string }): Promise<BlacklistEntry> => {
    const res = await cloud.request('POST', '/admin/blacklist', { token: ADMIN_TOKEN, body: { ...body, reason: '冒用他人证件' } });
    expect(res.statusCode, `${JSON.stringify(body)}: ${res.body}`).toBe(201);
    return BlacklistEntry.parse(res.json());
  };

  /** The kiosk's decision for a booking whose visitor has these numbers, with only `entry` on its blacklist. */
  const kioskRefuses = async (entry: BlacklistEntry, visitor: { idNumber: string; phone: string }, n: number): Promise<boolean> => {
    core.db.prepare('DELETE FROM blacklist').run();
    upsertBlacklistEntry(core.db, entry); // what a pull stores
    const id = `b_${n}`;
    const code = `BK${String(n).padStart(6, '0')}`;
    seedHostAndBookings(core.db, [makeBooking({ id, code, visitor: { name: '张三', idType: 'resident_id', ...visitor } }, NOW)], NOW);
    const view = core.checkIn.getBookingView(id);
    if (view.checkIn.allowed) return false;
    expect(view.checkIn.reason).toBe('blacklisted');
    await expect(core.checkIn.confirmCheckIn({ bookingId: id })).rejects.toMatchObject({ code: 'blacklisted' });
    return true;
  };

  it('an ID number: every spelling at the cloud gives one key, and the kiosk refuses every spelling of it', async () => {
    const entries = [];
    for (const idNumber of ID_SPELLINGS) entries.push(await addAtCloud({ idNumber }));
    const keys = new Set(entries.map((e) => e.idNumberHash));
    expect(keys.size).toBe(1);
    expect([...keys][0]).toBe(blacklistKeysOf({ idNumber: '11010519491231002X' }).idNumberHash);
    let n = 0;
    for (const idNumber of ID_SPELLINGS) expect(await kioskRefuses(entries[0]!, { idNumber, phone: OTHER.phone }, n++), idNumber).toBe(true);
    for (const idNumber of ID_SPELLINGS) expect(await kioskRefuses(entries.at(-1)!, { idNumber, phone: OTHER.phone }, n++), idNumber).toBe(true);
    expect(await kioskRefuses(entries[0]!, OTHER, n)).toBe(false);
  });

  it('a phone number: every spelling at the cloud gives one key, and the kiosk refuses every spelling of it', async () => {
    const entries = [];
    for (const phone of PHONE_SPELLINGS) entries.push(await addAtCloud({ phone }));
    const keys = new Set(entries.map((e) => e.phoneHash));
    expect(keys.size).toBe(1);
    expect([...keys][0]).toBe(blacklistKeysOf({ phone: '13912345678' }).phoneHash);
    let n = 100;
    for (const entry of [entries[0]!, entries.at(-1)!]) {
      for (const phone of PHONE_SPELLINGS) expect(await kioskRefuses(entry, { idNumber: OTHER.idNumber, phone }, n++), phone).toBe(true);
    }
    expect(await kioskRefuses(entries[0]!, OTHER, n)).toBe(false);
  });
});
