/**
 * Booked check-in honours the blacklist's levels (issue 9 item 4), through the IPC contract on a real core (SQLite):
 * `refuse` refuses (the visitor-facing words neutral), `warn` carries a staff-only warning on the booking view and
 * needs `staffAcknowledged: true` on checkin.confirm (else checkin_warning_unacknowledged); companions count too.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatchIpcCall } from '../../../../src/main/core/ipcHandlers';
import type { KioskCore } from '../../../../src/main/core/kioskCore';
import { allCommands, rejectCommands } from '../../../../src/main/core/db/outboxStore';
import { countUnacknowledgedConflicts } from '../../../../src/main/core/db/conflictsStore';
import { refusalCommandId } from '../../../../src/main/core/blacklistReport';
import { getBooking } from '../../../../src/main/core/db/bookingsStore';
import { upsertBlacklistEntry } from '../../../../src/main/core/db/referenceStore';
import { blacklistIdNumberKey, blacklistPhoneKey } from '../../../../src/shared/blacklistKey';
import type { BlacklistLevel } from '../../../../src/shared/sync';
import type { ipcCalls, IpcInput } from '../../../../src/shared/ipc';
import { locallyEnrolledCore, makeBooking, output, seedHostAndBookings, tempDir } from '../../../support/kiosk/helpers';

const NOW = new Date('2026-11-22T02:00:00.000Z');
const VISITOR_ID = '11010519491231002X';

describe('booked check-in and the blacklist levels (real SQLite)', () => {
  let t: ReturnType<typeof tempDir>;
  let core: KioskCore;
  const call = <N extends keyof typeof ipcCalls>(name: N, input: IpcInput<N>) => dispatchIpcCall(core, name, input);
  const list = (id: string, level: BlacklistLevel, keys: { idNumberHash?: string; phoneHash?: string }, reason = '曾有违规') =>
    upsertBlacklistEntry(core.db, { id, ...keys, reason, level, active: true, updatedAt: NOW.toISOString() });

  beforeEach(async () => {
    t = tempDir();
    core = await locallyEnrolledCore(t.dir, { now: () => NOW });
    seedHostAndBookings(
      core.db,
      [
        makeBooking({ id: 'b_ok', code: 'ABCD2345' }, NOW),
        makeBooking({ id: 'b_group', code: 'GRPA2345', companions: [{ name: '钱七', phone: '13600002222' }], groupSize: 2 }, NOW),
      ],
      NOW,
    );
  });
  afterEach(async () => {
    await core.close();
    t.cleanup();
  });

  it('no entry: no staffWarnings field, check-in without acknowledgement', async () => {
    const view = output('bookings.get', await call('bookings.get', { bookingId: 'b_ok' }));
    expect(view.staffWarnings).toBeUndefined();
    const r = output('checkin.confirm', await call('checkin.confirm', { bookingId: 'b_ok' }));
    expect(r.staffWarnings).toBeUndefined();
  });

  it('refuse: the booking view refuses with a staff-only warning; confirm is refused even when acknowledged; nothing stored', async () => {
    list('bl_r', 'refuse', { idNumberHash: blacklistIdNumberKey(VISITOR_ID) });
    const view = output('bookings.get', await call('bookings.get', { bookingId: 'b_ok' }));
    expect(view.checkIn).toEqual({ allowed: false, reason: 'blacklisted' });
    expect(view.staffWarnings).toEqual([{ person: 'lead', nameMasked: '张*', level: 'refuse', reason: '曾有违规' }]);
    const refused = await call('checkin.confirm', { bookingId: 'b_ok', staffAcknowledged: true });
    expect(refused).toMatchObject({ ok: false, error: { code: 'blacklisted' } });
    if (!refused.ok) expect(refused.error.message).not.toMatch(/blacklist|黑名单|曾有违规/i);
    expect(getBooking(core.db, 'b_ok')?.status).toBe('approved');
    // nothing but the refusal itself, reported to the cloud once however often the visitor is looked up or tries
    output('bookings.find', await call('bookings.find', { query: 'ABCD2345' }));
    expect(await call('checkin.confirm', { bookingId: 'b_ok' })).toMatchObject({ ok: false, error: { code: 'blacklisted' } });
    await expect.poll(() => allCommands(core.db, 'kiosk_local').length).toBe(1);
    const [report] = allCommands(core.db, 'kiosk_local');
    expect(report?.command).toMatchObject({
      kind: 'blacklistHit',
      payload: { context: 'checkin', bookingId: 'b_ok', hits: [{ entryId: 'bl_r', nameMasked: '张*' }] },
    });
    expect(JSON.stringify(report)).not.toMatch(new RegExp(`${VISITOR_ID}|13812345678|张三`));
    // an older cloud refuses the kind: the report is kept, acknowledged (nothing for the staff to do)
    rejectCommands(core.db, [report!.command.id], 'unknown command kind', 'command_malformed');
    expect(countUnacknowledgedConflicts(core.db)).toBe(0);
  });

  it('a refusal is reported again on another site day, never for a warn hit', async () => {
    list('bl_w', 'warn', { phoneHash: blacklistPhoneKey('138 1234 5678') });
    output('bookings.find', await call('bookings.find', { query: 'ABCD2345' }));
    await new Promise((r) => setTimeout(r, 10));
    expect(allCommands(core.db, 'kiosk_local')).toHaveLength(0);
    const day = (at: string) => refusalCommandId('kiosk_local', { context: 'checkin', bookingId: 'b_ok', hits: [{ entryId: 'bl_r', nameMasked: '张*' }] }, at);
    expect(day('2026-11-22')).toBe(day('2026-11-22'));
    expect(day('2026-11-23')).not.toBe(day('2026-11-22'));
    expect(day('2026-11-22')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('warn: allowed with a staff-only warning; confirm needs the acknowledgement, then checks in and says the warning', async () => {
    list('bl_w', 'warn', { phoneHash: blacklistPhoneKey('138 1234 5678') }, '需前台陪同');
    const [view] = output('bookings.find', await call('bookings.find', { query: 'ABCD2345' })).bookings;
    expect(view?.checkIn).toEqual({ allowed: true });
    const warning = { person: 'lead', nameMasked: '张*', level: 'warn', reason: '需前台陪同' };
    expect(view?.staffWarnings).toEqual([warning]);

    expect(await call('checkin.confirm', { bookingId: 'b_ok' })).toMatchObject({ ok: false, error: { code: 'checkin_warning_unacknowledged' } });
    expect(await call('checkin.confirm', { bookingId: 'b_ok', staffAcknowledged: false })).toMatchObject({
      ok: false,
      error: { code: 'checkin_warning_unacknowledged' },
    });
    expect(getBooking(core.db, 'b_ok')?.status).toBe('approved');
    expect(allCommands(core.db, 'kiosk_local')).toHaveLength(0);

    const r = output('checkin.confirm', await call('checkin.confirm', { bookingId: 'b_ok', staffAcknowledged: true }));
    expect(r.staffWarnings).toEqual([warning]);
    expect(getBooking(core.db, 'b_ok')?.status).toBe('arrived');
    expect(allCommands(core.db, 'kiosk_local')).toHaveLength(1);
  });

  it('a warn and a refuse entry for the same person: refuse wins', async () => {
    list('bl_w', 'warn', { phoneHash: blacklistPhoneKey('13812345678') });
    list('bl_r', 'refuse', { idNumberHash: blacklistIdNumberKey(VISITOR_ID) });
    const view = output('bookings.get', await call('bookings.get', { bookingId: 'b_ok' }));
    expect(view.checkIn).toEqual({ allowed: false, reason: 'blacklisted' });
    expect(view.staffWarnings?.map((w) => w.level).sort()).toEqual(['refuse', 'warn']);
  });

  it("a companion's phone on the list: the warning names the companion (masked); refuse refuses the booking", async () => {
    list('bl_c', 'warn', { phoneHash: blacklistPhoneKey('13600002222') });
    const view = output('bookings.get', await call('bookings.get', { bookingId: 'b_group' }));
    expect(view.staffWarnings).toEqual([{ person: 0, nameMasked: '钱*', level: 'warn', reason: '曾有违规' }]);
    list('bl_c', 'refuse', { phoneHash: blacklistPhoneKey('13600002222') });
    expect(output('bookings.get', await call('bookings.get', { bookingId: 'b_group' })).checkIn).toEqual({ allowed: false, reason: 'blacklisted' });
  });

  it('an inactive entry is no hit', async () => {
    upsertBlacklistEntry(core.db, {
      id: 'bl_off',
      idNumberHash: blacklistIdNumberKey(VISITOR_ID),
      reason: 'x',
      level: 'refuse',
      active: false,
      updatedAt: NOW.toISOString(),
    });
    const view = output('bookings.get', await call('bookings.get', { bookingId: 'b_ok' }));
    expect(view.checkIn).toEqual({ allowed: true });
    expect(view.staffWarnings).toBeUndefined();
  });
});
