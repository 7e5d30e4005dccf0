/**
 * Check-in rules on the real local store, with no cloud needed: the kiosk is enrolled locally (identity and
 * secrets stored as enrolment stores them) and offline.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { KioskCore } from '../../../../src/main/core/kioskCore';
import { allCommands } from '../../../../src/main/core/db/outboxStore';
import { getBooking, upsertBooking } from '../../../../src/main/core/db/bookingsStore';
import { upsertBlacklistEntry, upsertPassKey } from '../../../../src/main/core/db/referenceStore';
import { withPolicyValues } from '../../../../src/main/core/policy';
import { blacklistPhoneKey } from '../../../../src/shared/blacklistKey';
import { generatePassKeyPair, keyIdOf, signPassV2, verifyPass } from '../../../../src/shared/pass';
import { HOUR, locallyEnrolledCore, makeBooking, seedHostAndBookings, tempDir } from '../../../support/kiosk/helpers';

const NOW = new Date('2026-11-22T02:00:00.000Z'); // 10:00 in Asia/Shanghai

describe('check-in at the kiosk (local rules)', () => {
  let t: ReturnType<typeof tempDir>;
  let core: KioskCore;

  beforeEach(async () => {
    t = tempDir();
    core = await locallyEnrolledCore(t.dir, { now: () => NOW });
    const n = NOW.getTime();
    seedHostAndBookings(
      core.db,
      [
        makeBooking({ id: 'b_ok', code: 'ABCD2345' }, NOW),
        makeBooking({ id: 'b_pending', code: 'PEND2345', status: 'pending' }, NOW),
        makeBooking({ id: 'b_cancelled', code: 'CANC2345', status: 'cancelled' }, NOW),
        makeBooking({ id: 'b_rejected', code: 'REJC2345', status: 'rejected' }, NOW),
        makeBooking(
          { id: 'b_tomorrow', code: 'TMRW2345', windowStart: new Date(n + 24 * HOUR).toISOString(), windowEnd: new Date(n + 26 * HOUR).toISOString() },
          NOW,
        ),
        makeBooking(
          { id: 'b_yesterday', code: 'YSTD2345', windowStart: new Date(n - 26 * HOUR).toISOString(), windowEnd: new Date(n - 24 * HOUR).toISOString() },
          NOW,
        ),
        makeBooking(
          { id: 'b_later', code: 'XATR2345', windowStart: new Date(n + 3 * HOUR).toISOString(), windowEnd: new Date(n + 5 * HOUR).toISOString() },
          NOW,
        ),
        makeBooking(
          { id: 'b_soon', code: 'SNNA2345', windowStart: new Date(n + 50 * 60_000).toISOString(), windowEnd: new Date(n + 3 * HOUR).toISOString() },
          NOW,
        ),
        makeBooking({ id: 'b_closed', code: 'CXSD2345', windowStart: new Date(n - 3 * HOUR).toISOString(), windowEnd: new Date(n - HOUR).toISOString() }, NOW),
      ],
      NOW,
    );
  });
  afterEach(async () => {
    await core.close();
    t.cleanup();
  });

  it('finds a booking by code (any case) with phone and ID masked', async () => {
    const [view] = await core.checkIn.findBookings('abcd2345');
    expect(view).toMatchObject({
      id: 'b_ok',
      visitorName: '张三',
      visitorPhoneMasked: '138****5678',
      visitorIdMasked: '110***********002X',
      hostName: '李四',
      hostPhoneMasked: '139****1111',
      checkIn: { allowed: true },
    });
    expect(JSON.stringify(view)).not.toContain('13812345678');
  });

  it("finds by full phone number only today's bookings", async () => {
    const found = await core.checkIn.findBookings('138 1234 5678');
    const ids = found.map((b) => b.id).sort();
    expect(ids).toContain('b_ok');
    expect(ids).not.toContain('b_tomorrow');
    expect(ids).not.toContain('b_yesterday');
    expect(await core.checkIn.findBookings('1381234')).toEqual([]);
  });

  it.each([
    ['PEND2345', 'not_approved'],
    ['CANC2345', 'cancelled'],
    ['REJC2345', 'rejected'],
    ['XATR2345', 'too_early'],
    ['CXSD2345', 'window_closed'],
  ])('shows %s as not checkable: %s', async (code, reason) => {
    const [view] = await core.checkIn.findBookings(code);
    expect(view?.checkIn).toEqual({ allowed: false, reason });
  });

  it.each([
    ['b_pending', 'not_approved'],
    ['b_cancelled', 'cancelled'],
    ['b_tomorrow', 'too_early'],
    ['b_yesterday', 'window_closed'],
  ])('refuses to check in %s with %s and changes nothing', async (bookingId, code) => {
    await expect(core.checkIn.confirmCheckIn({ bookingId })).rejects.toMatchObject({ code });
    expect(allCommands(core.db, 'kiosk_local')).toHaveLength(0);
    expect(core.checkIn.visitsToday()).toHaveLength(0);
  });

  it('opens check-in at the window start by default (allowance 0): 50 minutes early is too early', async () => {
    const [view] = await core.checkIn.findBookings('SNNA2345');
    expect(view?.checkIn).toEqual({ allowed: false, reason: 'too_early' });
    await expect(core.checkIn.confirmCheckIn({ bookingId: 'b_soon' })).rejects.toMatchObject({ code: 'too_early' });
  });

  it('allows arriving as early as the site’s allowance (0 vs 30 vs 60 min; the hour was fixed before), the pass valid from the window start less it', async () => {
    const n = NOW.getTime();
    upsertBooking(
      core.db,
      makeBooking(
        { id: 'b_near', code: 'NEAR2345', windowStart: new Date(n + 20 * 60_000).toISOString(), windowEnd: new Date(n + 3 * HOUR).toISOString() },
        NOW,
      ),
    );
    expect((await core.checkIn.findBookings('NEAR2345'))[0]?.checkIn).toEqual({ allowed: false, reason: 'too_early' });
    await core.updateSettings((s) => withPolicyValues(s, { earlyArrivalMinutes: 30 }));
    expect((await core.checkIn.findBookings('NEAR2345'))[0]?.checkIn).toEqual({ allowed: true });
    await expect(core.checkIn.confirmCheckIn({ bookingId: 'b_soon' })).rejects.toMatchObject({ code: 'too_early' });
    const near = await core.checkIn.confirmCheckIn({ bookingId: 'b_near' });
    expect(near.pass.payload.nbf).toBe(Math.floor((n + 20 * 60_000 - 30 * 60_000) / 1000));
    await core.updateSettings((s) => withPolicyValues(s, { earlyArrivalMinutes: 60 }));
    const { visit, pass } = await core.checkIn.confirmCheckIn({ bookingId: 'b_soon' });
    expect(visit.bookingId).toBe('b_soon');
    const booking = getBooking(core.db, 'b_soon')!;
    expect(pass.payload.nbf).toBe(Math.floor((Date.parse(booking.windowStart) - 60 * 60_000) / 1000));
    expect(pass.payload.exp).toBe(Math.floor(Date.parse(booking.windowEnd) / 1000));
  });

  it('prints what the policy says the pass shows: the host by default; the unit, plate and reason once passShows turns them on', async () => {
    const n = NOW.getTime();
    upsertBooking(
      core.db,
      makeBooking(
        {
          id: 'b_print',
          code: 'PRNT2345',
          visitor: { name: '王五', phone: '13812340000', idType: 'resident_id', company: '星河科技', plate: '粤B12345' },
          reason: '商务洽谈',
          windowStart: new Date(n - HOUR).toISOString(),
          windowEnd: new Date(n + HOUR).toISOString(),
        },
        NOW,
      ),
    );
    const { visit } = await core.checkIn.confirmCheckIn({ bookingId: 'b_print' });
    const before = await core.checkIn.passToPrint(visit.id);
    expect(before).toMatchObject({ hostName: '李四', shows: { hostName: true, company: false, plate: false, reason: false } });
    expect(before).not.toHaveProperty('company');
    await core.updateSettings((s) => withPolicyValues(s, { passShows: { hostName: false, company: true, plate: true, reason: true } }));
    expect(await core.checkIn.passToPrint(visit.id)).toMatchObject({
      shows: { hostName: false, company: true, plate: true, reason: true },
      company: '星河科技',
      plate: '粤B12345',
      reason: '商务洽谈',
    });
  });

  it('issues a pass valid only inside the window: not before its start (allowance 0), not after its end (2 min clock skew allowed)', async () => {
    const { pass } = await core.checkIn.confirmCheckIn({ bookingId: 'b_ok' });
    const booking = getBooking(core.db, 'b_ok')!;
    const start = Date.parse(booking.windowStart);
    const end = Date.parse(booking.windowEnd);
    expect(pass.payload.nbf).toBe(start / 1000);
    await expect(core.checkIn.verifyPassToken(pass.token, start - 3 * 60_000)).rejects.toMatchObject({ code: 'pass_not_yet_valid' });
    await expect(core.checkIn.verifyPassToken(pass.token, start)).resolves.toMatchObject({ bid: 'b_ok' });
    await expect(core.checkIn.verifyPassToken(pass.token, end + 3 * 60_000)).rejects.toMatchObject({ code: 'pass_expired' });
  });

  it('checks in: a visit, the booking arrived, one signed command, a kiosk pass that verifies offline', async () => {
    const { visit, pass } = await core.checkIn.confirmCheckIn({ bookingId: 'b_ok', temperatureC: 36.5 });
    expect(visit).toMatchObject({ bookingId: 'b_ok', visitorPhoneMasked: '138****5678', hostName: '李四', temperatureC: 36.5, synced: false });
    expect(getBooking(core.db, 'b_ok')?.status).toBe('arrived');
    const commands = allCommands(core.db, 'kiosk_local');
    expect(commands).toHaveLength(1);
    expect(commands[0]).toMatchObject({
      state: 'pending',
      command: { kind: 'checkin', payload: { bookingId: 'b_ok', visitId: visit.id, partySize: 1, temperatureC: 36.5 } },
    });
    expect(pass.payload).toMatchObject({ pid: visit.id, bid: 'b_ok', name: '张*', host: '李四', n: 1, iss: 'kiosk:kiosk_local', kid: 'kidlocal0001' });
    expect(pass.payload.exp).toBe(Math.floor(Date.parse(getBooking(core.db, 'b_ok')!.windowEnd) / 1000));
    await expect(core.checkIn.verifyPassToken(pass.token)).resolves.toMatchObject({ pid: visit.id });
    // the pass finds its booking again when scanned
    const [view] = await core.checkIn.findBookings(pass.token);
    expect(view).toMatchObject({ id: 'b_ok', status: 'arrived', checkIn: { allowed: false, reason: 'already_arrived' } });
  });

  it('is idempotent for the same visitId: same visit and pass, one command', async () => {
    const visitId = randomUUID();
    const first = await core.checkIn.confirmCheckIn({ bookingId: 'b_ok', visitId });
    const again = await core.checkIn.confirmCheckIn({ bookingId: 'b_ok', visitId });
    expect(again.visit).toEqual(first.visit);
    expect(again.pass.token).toBe(first.pass.token);
    expect(allCommands(core.db, 'kiosk_local')).toHaveLength(1);
    await expect(core.checkIn.confirmCheckIn({ bookingId: 'b_ok', visitId: randomUUID() })).rejects.toMatchObject({ code: 'already_arrived' });
  });

  it('refuses an abnormal temperature', async () => {
    await expect(core.checkIn.confirmCheckIn({ bookingId: 'b_ok', temperatureC: 38.2 })).rejects.toMatchObject({ code: 'temperature_abnormal' });
    expect(getBooking(core.db, 'b_ok')?.status).toBe('approved');
  });

  it('refuses a blacklisted visitor', async () => {
    upsertBlacklistEntry(core.db, {
      id: 'bl1',
      phoneHash: blacklistPhoneKey('13812345678'),
      reason: 'x',
      level: 'refuse',
      active: true,
      updatedAt: NOW.toISOString(),
    });
    const [view] = await core.checkIn.findBookings('ABCD2345');
    expect(view?.checkIn).toEqual({ allowed: false, reason: 'blacklisted' });
    await expect(core.checkIn.confirmCheckIn({ bookingId: 'b_ok' })).rejects.toMatchObject({ code: 'blacklisted' });
  });

  it('checks out by visit id or by pass, once', async () => {
    const { visit, pass } = await core.checkIn.confirmCheckIn({ bookingId: 'b_ok' });
    const out = await core.checkIn.checkOut({ passToken: pass.token });
    expect(out.id).toBe(visit.id);
    expect(out.checkedOutAt).toBe(NOW.toISOString());
    await core.checkIn.checkOut({ visitId: visit.id });
    expect(allCommands(core.db, 'kiosk_local').map((c) => c.command.kind)).toEqual(['checkin', 'checkout']);
    expect(getBooking(core.db, 'b_ok')?.status).toBe('left');
    expect(core.checkIn.visitsToday().map((v) => v.id)).toEqual([visit.id]);
  });

  it('finds a booking offline by a compact cloud pass (its subject is the booking) and lets its holder leave with it', async () => {
    const cloud = await generatePassKeyPair();
    const kid = await keyIdOf(cloud.publicKey);
    upsertPassKey(core.db, { kid, issuer: 'cloud', publicKey: cloud.publicKey, revoked: false });
    const booking = getBooking(core.db, 'b_ok')!;
    const window = { nbf: Date.parse(booking.windowStart) / 1000, exp: Date.parse(booking.windowEnd) / 1000 };
    const token = await signPassV2({ subject: { kind: 'booking', bookingId: 'b_ok' }, site: 'site_local', ...window, kid }, cloud.privateKey);
    await expect(core.checkIn.verifyPassToken(token)).resolves.toEqual({
      v: 2,
      pid: 'b_ok',
      bid: 'b_ok',
      site: 'site_local',
      name: '张*',
      host: '李四',
      n: 1,
      ...window,
      iss: 'cloud',
      kid,
    });
    const [view] = await core.checkIn.findBookings(`scan: ${token}\r\n`);
    expect(view).toMatchObject({ id: 'b_ok', checkIn: { allowed: true } });
    const elsewhere = await signPassV2({ subject: { kind: 'booking', bookingId: 'b_ok' }, site: 'site_other', ...window, kid }, cloud.privateKey);
    await expect(core.checkIn.findBookings(elsewhere)).rejects.toMatchObject({ code: 'pass_wrong_site' });
    const { visit } = await core.checkIn.confirmCheckIn({ bookingId: 'b_ok' });
    expect((await core.checkIn.checkOut({ passToken: token })).id).toBe(visit.id);
  });

  it('signs commands the kiosk key verifies', async () => {
    const { pass } = await core.checkIn.confirmCheckIn({ bookingId: 'b_ok' });
    const keys = [{ kid: 'kidlocal0001', issuer: 'kiosk:kiosk_local', publicKey: core.identity()!.publicKey, revoked: false, site: 'site_local' }];
    await expect(verifyPass(pass.token, keys, { nowMs: NOW.getTime() })).resolves.toBeTruthy();
  });
});
