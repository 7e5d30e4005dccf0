/** Enrolment, pull, check-in → push, and the offline round trip, against the real cloud API. */
import axios from 'axios';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { enrolKiosk } from '../../../../../src/main/core/enrolment';
import { allCommands } from '../../../../../src/main/core/db/outboxStore';
import { getBooking } from '../../../../../src/main/core/db/bookingsStore';
import { kioskDbPath, openKioskDb } from '../../../../../src/main/core/db/openDb';
import { readIdentity } from '../../../../../src/main/core/db/identityStore';
import { CloudRequestError } from '../../../../../src/main/core/sync/cloudClient';
import { loadSecrets } from '../../../../../src/main/core/settings';
import { VerifyPassResponse } from '../../../../../src/shared/sync';
import type { IpcEventPayload } from '../../../../../src/shared/ipc';
import { useCloudKiosks } from '../../../../support/kiosk/cloudKiosks';
import { tempDir } from '../../../../support/kiosk/helpers';
import { clockAtQuarterToSiteMidnight, oneDayBooking } from '../../../../support/kiosk/oneDayBooking';

describe('kiosk ↔ real cloud', () => {
  const kiosks = useCloudKiosks('Lobby kiosk');
  const { enrolledCore, afterThisTest } = kiosks;

  it('enrols with a code: identity stored, secrets 0600, own key and cloud keys known', async () => {
    const t = tempDir();
    afterThisTest(() => t.cleanup());
    const code = await kiosks.cloud.enrolmentCode();
    const identity = await enrolKiosk({ dataDir: t.dir, cloudUrl: kiosks.cloud.url, code: code.toLowerCase(), name: 'Lobby kiosk' });
    expect(identity).toMatchObject({ siteId: 'site_demo', name: 'Lobby kiosk', cloudUrl: kiosks.cloud.url });
    const db = openKioskDb(kioskDbPath(t.dir));
    expect(readIdentity(db)).toEqual(identity);
    const kids = (db.prepare('SELECT kid, issuer FROM pass_keys').all() as { kid: string; issuer: string }[]).map((k) => k.issuer);
    expect(kids).toContain(`kiosk:${identity.kioskId}`);
    expect(kids).toContain('cloud');
    db.close();
    // the code is one-time
    const t2 = tempDir();
    afterThisTest(() => t2.cleanup());
    await expect(enrolKiosk({ dataDir: t2.dir, cloudUrl: kiosks.cloud.url, code, name: 'Second' })).rejects.toBeInstanceOf(CloudRequestError);
  });

  it('refuses a wrong code with a clear error and stores nothing', async () => {
    const t = tempDir();
    afterThisTest(() => t.cleanup());
    const err = await enrolKiosk({ dataDir: t.dir, cloudUrl: kiosks.cloud.url, code: 'ZZZZ-ZZZZ', name: 'Lobby' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CloudRequestError);
    expect((err as CloudRequestError).kind).toBe('refused');
    expect((err as CloudRequestError).message).toMatch(/enrol/);
    expect(existsSync(join(t.dir, 'secrets.json'))).toBe(false);
    expect(readdirSync(t.dir)).toEqual([]);
  });

  it('pulls bookings, hosts and the site; the sync state says so', async () => {
    const core = await enrolledCore();
    const state = core.sync.state();
    expect(state).toMatchObject({ online: true, phase: 'idle', pendingCommands: 0, conflicts: 0 });
    expect(state.lastPullAt).toBeDefined();
    expect(core.info()).toMatchObject({ siteName: 'Passdesk 演示园区', kioskName: 'Lobby kiosk' });
    const [view] = await core.checkIn.findBookings('dem0a001');
    expect(view).toMatchObject({ id: 'bk_demo_a001', hostName: '李明', visitorPhoneMasked: '139****5678', checkIn: { allowed: true } });
    const [pending] = await core.checkIn.findBookings('DEM0P001');
    expect(pending?.checkIn).toEqual({ allowed: false, reason: 'not_approved' });
    await expect(core.checkIn.confirmCheckIn({ bookingId: 'bk_demo_p001' })).rejects.toMatchObject({ code: 'not_approved' });
  });

  it('applies cloud settings once; a language switched at the kiosk stands', async () => {
    const core = await enrolledCore();
    expect(core.settings()).toMatchObject({ language: 'zh-CN', temperatureThresholdC: 37.3 });
    core.setLanguage('en');
    await core.sync.now();
    await core.sync.now();
    expect(core.settings().language).toBe('en');
  });

  it('checks in → outbox → push → the cloud booking is arrived; the kiosk pass verifies at the cloud', async () => {
    const core = await enrolledCore();
    const states: IpcEventPayload<'sync.state'>[] = [];
    core.events.on('sync.state', (s) => states.push(s));
    const { visit, pass } = await core.checkIn.confirmCheckIn({ bookingId: 'bk_demo_a002', temperatureC: 36.4 });
    const after = await core.sync.now();
    expect(after).toMatchObject({ online: true, phase: 'idle', pendingCommands: 0, conflicts: 0 });
    expect(allCommands(core.db, core.identity()!.kioskId).map((c) => c.state)).toEqual(['sent']);
    expect(core.checkIn.visitsToday().find((v) => v.id === visit.id)?.synced).toBe(true);
    const booking = await kiosks.cloud.booking('bk_demo_a002');
    expect(booking.status).toBe('arrived');
    expect(states.some((s) => s.phase === 'syncing')).toBe(true);

    const verified = await axios.post(`${kiosks.cloud.url}/api/v1/passes/verify`, { token: pass.token }, { proxy: false });
    expect(VerifyPassResponse.parse(verified.data)).toMatchObject({ payload: { pid: visit.id, bid: 'bk_demo_a002', n: 3 }, bookingStatus: 'arrived' });
  });

  it('a conflicting command is kept and counted, never dropped', async () => {
    // a booking of one day (late in the day a demo booking is of two days, a second check-in a re-entry), at kiosks
    // whose clocks read 23:45 in the site's zone
    const now = clockAtQuarterToSiteMidnight();
    const { id: bookingId } = await oneDayBooking(kiosks.cloud, now());
    const a = await enrolledCore({ now });
    const b = await enrolledCore({ now });
    // both kiosks see it approved; both check the visitor in while b is behind
    await a.checkIn.confirmCheckIn({ bookingId });
    await a.sync.now();
    await b.checkIn.confirmCheckIn({ bookingId });
    const state = await b.sync.now();
    expect(state.pendingCommands).toBe(0);
    expect(state.conflicts).toBe(1);
    const [cmd] = allCommands(b.db, b.identity()!.kioskId);
    expect(cmd?.state).toBe('conflict');
    expect(cmd?.lastError).toBeTruthy();
    expect(cmd?.result?.status).toBe('conflict');
  });

  it('works offline and catches up when the cloud is back: arrived exactly once', async () => {
    const core = await enrolledCore();
    const bookingId = 'bk_demo_a001';
    await kiosks.cloud.stop();
    try {
      const visitId = randomUUID();
      const first = await core.checkIn.confirmCheckIn({ bookingId, visitId });
      const again = await core.checkIn.confirmCheckIn({ bookingId, visitId });
      expect(again.visit.id).toBe(first.visit.id);
      const offline = await core.sync.now();
      expect(offline).toMatchObject({ online: false, phase: 'offline', pendingCommands: 1 });
      expect(offline.lastError).toMatch(/unreachable/);
      expect(getBooking(core.db, bookingId)?.status).toBe('arrived');
    } finally {
      await kiosks.cloud.restart();
    }
    const back = await core.sync.now();
    expect(back).toMatchObject({ online: true, phase: 'idle', pendingCommands: 0, conflicts: 0 });
    expect((await kiosks.cloud.booking(bookingId)).status).toBe('arrived');
    // the cloud replays a re-sent command as a duplicate, not a second arrival
    const [entry] = allCommands(core.db, core.identity()!.kioskId);
    const replay = await axios.post(
      `${kiosks.cloud.url}/api/v1/sync/push`,
      { commands: [entry!.command] },
      { headers: { authorization: `Bearer ${loadSecrets(core.dataDir)!.credential}` }, proxy: false },
    );
    expect((replay.data as { results: { status: string }[] }).results[0]!.status).toBe('duplicate');
    expect(allCommands(core.db, core.identity()!.kioskId)).toHaveLength(1);
  });
});
