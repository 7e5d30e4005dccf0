/**
 * Conflicts shown to staff, against the real cloud: two kiosks (two cores, two data dirs) check in the same
 * booking, a booking cancelled while the kiosk was offline, a batch the cloud refuses. Each is listed through
 * the IPC contract with its code and local booking, acknowledged, and stays recorded until the retention purge.
 */
import axios from 'axios';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dispatchIpcCall } from '../../../../../src/main/core/ipcHandlers';
import type { KioskCore } from '../../../../../src/main/core/kioskCore';
import { allCommands, enqueueCommand } from '../../../../../src/main/core/db/outboxStore';
import { purgeOlderThan } from '../../../../../src/main/core/db/retention';
import { signCommand } from '../../../../../src/main/core/sync/commands';
import { generatePassKeyPair } from '../../../../../src/shared/pass';
import { SyncConflict, SyncState, type IpcEventPayload } from '../../../../../src/shared/ipc';
import { useCloudKiosks } from '../../../../support/kiosk/cloudKiosks';
import { clockAtQuarterToSiteMidnight, oneDayBooking } from '../../../../support/kiosk/oneDayBooking';

const DAY = 86_400_000;

describe('sync conflicts for staff (real cloud)', () => {
  const kiosks = useCloudKiosks('Conflict kiosk');
  const { enrolledCore } = kiosks;

  async function conflictsOf(core: KioskCore): Promise<SyncConflict[]> {
    const r = await dispatchIpcCall(core, 'sync.conflicts', {});
    if (!r.ok) throw new Error(`sync.conflicts failed: ${r.error.code} ${r.error.message}`);
    const { conflicts } = r.output as { conflicts: unknown[] };
    return conflicts.map((c) => SyncConflict.parse(c));
  }

  async function acknowledge(core: KioskCore, commandId: string): Promise<SyncState> {
    const r = await dispatchIpcCall(core, 'sync.acknowledgeConflict', { commandId });
    if (!r.ok) throw new Error(`sync.acknowledgeConflict failed: ${r.error.code} ${r.error.message}`);
    return SyncState.parse(r.output);
  }

  it('the same booking checked in at two kiosks: the second is a conflict, listed, acknowledged, kept', async () => {
    // a booking of one day (a demo booking is of two days late in the day: a second check-in would be a re-entry), at
    // kiosks whose clocks read 23:45 in the site's zone, when that was so
    const now = clockAtQuarterToSiteMidnight();
    const booking = await oneDayBooking(kiosks.cloud, now());
    const a = await enrolledCore({ now });
    const b = await enrolledCore({ now });
    // both kiosks hold it as approved; a checks in and syncs first, b is behind
    const first = await a.checkIn.confirmCheckIn({ bookingId: booking.id });
    expect(await a.sync.now()).toMatchObject({ pendingCommands: 0, conflicts: 0 });
    const second = await b.checkIn.confirmCheckIn({ bookingId: booking.id });
    const state = await b.sync.now();
    expect(state).toMatchObject({ pendingCommands: 0, conflicts: 1 });
    expect((await kiosks.cloud.booking(booking.id)).status).toBe('arrived');

    const [cmd] = allCommands(b.db, b.identity()!.kioskId);
    const listed = await conflictsOf(b);
    expect(listed).toEqual([
      {
        commandId: cmd!.command.id,
        kind: 'checkin',
        at: cmd!.command.at,
        status: 'conflict',
        code: 'already_arrived',
        message: expect.stringContaining('already checked in'),
        bookingId: booking.id,
        bookingCode: booking.code,
        visitorName: `${booking.visitorName[0]}*`,
      },
    ]);
    expect(second.visit.visitorName).toBe(booking.visitorName);
    expect(JSON.stringify(listed)).not.toContain(booking.visitorName);
    // the kiosk that went first has nothing to show
    expect(await conflictsOf(a)).toEqual([]);
    expect(first.visit.bookingId).toBe(booking.id);

    const events: IpcEventPayload<'sync.state'>[] = [];
    b.events.on('sync.state', (s) => events.push(s));
    const acked = await acknowledge(b, cmd!.command.id);
    expect(acked).toMatchObject({ conflicts: 0, pendingCommands: 0 });
    expect(events.at(-1)).toMatchObject({ conflicts: 0 });

    const [kept] = await conflictsOf(b);
    expect(kept).toMatchObject({ commandId: cmd!.command.id, code: 'already_arrived', bookingCode: booking.code });
    expect(Date.parse(kept!.acknowledgedAt!)).toBeLessThanOrEqual(now().getTime());
    // acknowledging again keeps the first time; a sync does not bring the count back
    expect(await acknowledge(b, cmd!.command.id)).toMatchObject({ conflicts: 0 });
    expect((await conflictsOf(b))[0]!.acknowledgedAt).toBe(kept!.acknowledgedAt);
    expect(await b.sync.now()).toMatchObject({ conflicts: 0 });
    expect(allCommands(b.db, b.identity()!.kioskId).map((c) => c.state)).toEqual(['conflict']);

    // acknowledged survives a restart of the core on the same data dir
    const dir = b.dataDir;
    await b.close();
    const reopened = await enrolledCore({ dataDir: dir, now });
    expect(reopened.sync.state().conflicts).toBe(0);
    expect(await conflictsOf(reopened)).toEqual([kept]);

    // kept until the retention purge, then gone like every answered command
    const retentionDays = reopened.settings().retentionDays;
    expect(purgeOlderThan(reopened.db, new Date(), retentionDays).commands).toBe(0);
    expect(await conflictsOf(reopened)).toHaveLength(1);
    const later = new Date(Date.parse(cmd!.command.at) + (retentionDays + 1) * DAY);
    expect(purgeOlderThan(reopened.db, later, retentionDays).commands).toBe(1);
    expect(await conflictsOf(reopened)).toEqual([]);
  });

  it('a booking cancelled while the kiosk was offline: conflict booking_cancelled with the booking', async () => {
    const core = await enrolledCore();
    await axios.post(
      `${kiosks.cloud.url}/api/v1/bookings/bk_demo_a002/cancel`,
      {},
      { headers: { authorization: `Bearer ${kiosks.cloud.adminToken}` }, proxy: false },
    );
    await kiosks.cloud.stop();
    try {
      // the kiosk still holds the booking as approved and checks the visitor in offline
      await core.checkIn.confirmCheckIn({ bookingId: 'bk_demo_a002' });
      expect(await core.sync.now()).toMatchObject({ online: false, pendingCommands: 1, conflicts: 0 });
      expect(await conflictsOf(core)).toEqual([]);
    } finally {
      await kiosks.cloud.restart();
    }
    expect(await core.sync.now()).toMatchObject({ online: true, pendingCommands: 0, conflicts: 1 });
    const [conflict] = await conflictsOf(core);
    expect(conflict).toMatchObject({
      kind: 'checkin',
      status: 'conflict',
      code: 'booking_cancelled',
      bookingId: 'bk_demo_a002',
      bookingCode: 'DEM0A002',
      visitorName: '刘*',
    });
    expect(conflict!.acknowledgedAt).toBeUndefined();
  });

  it('a batch the cloud refuses keeps the cloud code (rejected command_bad_signature)', async () => {
    const core = await enrolledCore();
    const stranger = await generatePassKeyPair();
    const forged = await signCommand(
      { kind: 'checkin', payload: { bookingId: 'bk_demo_g001', visitId: randomUUID(), passId: 'x', partySize: 1 } },
      { kioskId: core.identity()!.kioskId, privateKey: stranger.privateKey },
      new Date(),
    );
    enqueueCommand(core.db, forged);
    expect(await core.sync.now()).toMatchObject({ pendingCommands: 0, conflicts: 1 });
    expect(await conflictsOf(core)).toEqual([
      {
        commandId: forged.id,
        kind: 'checkin',
        at: forged.at,
        status: 'rejected',
        code: 'command_bad_signature',
        message: expect.stringContaining('command_bad_signature'),
        bookingId: 'bk_demo_g001',
        bookingCode: 'DEM0G001',
        visitorName: '孙*',
      },
    ]);
  });

  it('unknown or non-conflict ids are not_found; bad input is bad_input and changes nothing', async () => {
    const core = await enrolledCore();
    await core.checkIn.confirmCheckIn({ bookingId: 'bk_demo_g001' });
    expect(await core.sync.now()).toMatchObject({ pendingCommands: 0, conflicts: 0 });
    const [sent] = allCommands(core.db, core.identity()!.kioskId);
    expect(sent?.state).toBe('sent');

    for (const commandId of [randomUUID(), sent!.command.id]) {
      expect(await dispatchIpcCall(core, 'sync.acknowledgeConflict', { commandId })).toEqual({
        ok: false,
        error: { code: 'not_found', message: expect.stringContaining(commandId) },
      });
    }
    for (const input of [{}, { commandId: 'not-a-uuid' }, { commandId: randomUUID(), extra: 1 }, { commandId: 42 }, null]) {
      const r = await dispatchIpcCall(core, 'sync.acknowledgeConflict', input);
      expect(r.ok ? 'ok' : r.error.code, JSON.stringify(input)).toBe('bad_input');
    }
    const bad = await dispatchIpcCall(core, 'sync.conflicts', { all: true });
    expect(bad.ok ? 'ok' : bad.error.code).toBe('bad_input');
    expect(allCommands(core.db, core.identity()!.kioskId).map((c) => c.state)).toEqual(['sent']);
    expect(await conflictsOf(core)).toEqual([]);
  });
});
