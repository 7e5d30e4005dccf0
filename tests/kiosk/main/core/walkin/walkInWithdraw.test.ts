/**
 * The visitor gives up waiting for the host ("取消" on 等待受访人确认): the core withdraws the walk-in — its bills
 * cancelled here and one signed `cancelWalkIn` command that cancels the main bill and its sub-bills in the cloud, sent
 * at once when online, kept in the outbox while offline and applied exactly once when the cloud is back. The host
 * deciding afterwards is refused (booking_not_pending). Real core (SQLite), real cloud.
 */
import { describe, expect, it } from 'vitest';
import { allCommands } from '../../../../../src/main/core/db/outboxStore';
import { getBooking } from '../../../../../src/main/core/db/bookingsStore';
import { dispatchIpcCall } from '../../../../../src/main/core/ipcHandlers';
import type { KioskCore } from '../../../../../src/main/core/kioskCore';
import { useCloudKiosks } from '../../../../support/kiosk/cloudKiosks';
import { output } from '../../../../support/kiosk/helpers';
import { cloudCommands, nextDecision, registerWalkIn, useHostApprovalSite } from '../../../../support/kiosk/hostWalkIns';

describe('withdrawing a walk-in that waits for its host (real cloud)', () => {
  const kiosks = useCloudKiosks('Withdrawing desk');
  const site = useHostApprovalSite(kiosks);

  const withdrawals = (core: KioskCore) => allCommands(core.db, core.identity()!.kioskId).filter((c) => c.command.kind === 'cancelWalkIn');
  const cancelWait = async (core: KioskCore, registrationId: string) =>
    output('walkin.cancelWait', await dispatchIpcCall(core, 'walkin.cancelWait', { registrationId }));
  /** an online core with a walk-in (lead and one companion) pending in the cloud */
  const pendingWalkIn = async (syncTuning: { hostWaitRetryMs?: number } = {}) => {
    const core = await kiosks.enrolledCore({ syncTuning });
    await core.sync.now();
    const registered = await registerWalkIn(core, { companions: 1 });
    await expect.poll(async () => (await kiosks.cloud.booking(registered.bookingId).catch(() => undefined))?.status, { timeout: 5000 }).toBe('pending');
    const subs = await kiosks.cloud.server.db.kysely.selectFrom('bookings').select('id').where('main_booking_id', '=', registered.bookingId).execute();
    expect(subs).toHaveLength(1);
    return { core, registered, sub: subs[0]!.id };
  };

  it('online: one command, the main bill and its sub-bill cancelled in the cloud and here; the host is refused after', async () => {
    const { core, registered, sub } = await pendingWalkIn();
    const before = await cloudCommands(kiosks.cloud, 'cancelWalkIn');
    const cancelled = nextDecision(core, 'cancelled');
    expect(await cancelWait(core, registered.registrationId)).toEqual({ cancelled: true });
    expect((await cancelled).event.bookingId).toBe(registered.bookingId);
    await expect.poll(async () => (await kiosks.cloud.booking(registered.bookingId)).status, { timeout: 5000 }).toBe('cancelled');
    expect((await kiosks.cloud.booking(sub)).status).toBe('cancelled');
    expect(getBooking(core.db, registered.bookingId)?.status).toBe('cancelled');
    expect(getBooking(core.db, sub)?.status).toBe('cancelled');
    // synced again: still exactly one command in the cloud
    await core.sync.now();
    await core.sync.now();
    expect(await cloudCommands(kiosks.cloud, 'cancelWalkIn')).toBe(before + 1);
    expect(withdrawals(core).map((c) => c.state)).toEqual(['sent']);
    // the host's view: cancelled; a decision now is refused in words
    const late = await site.api.request('POST', `/bookings/${registered.bookingId}/decision`, { action: 'approve' }, site.hostToken);
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ error: 'booking_not_pending' });
    expect((await kiosks.cloud.booking(registered.bookingId)).status).toBe('cancelled');
    // a second cancel: nothing waits any more, no second command
    expect(await dispatchIpcCall(core, 'walkin.cancelWait', { registrationId: registered.registrationId })).toMatchObject({
      ok: false,
      error: { code: 'walkin_not_waiting' },
    });
    expect(withdrawals(core)).toHaveLength(1);
    expect(output('walkin.waits', await dispatchIpcCall(core, 'walkin.waits', {})).waits[0]).toMatchObject({ state: 'cancelled' });
  });

  it('the host approved meanwhile (the kiosk had not heard it yet): the cancel still withdraws it, cancelled in the cloud', async () => {
    const { core, registered, sub } = await pendingWalkIn({ hostWaitRetryMs: 60_000 });
    // the kiosk loses the cloud and waits a minute before asking again: it cannot hear the host's decision meanwhile
    const lost = nextDecision(core, 'connection_lost');
    await kiosks.cloud.stop();
    await lost;
    await kiosks.cloud.restart();
    await site.api.booking(registered.bookingId).catch(() => undefined); // the test client's connection to the stopped cloud is dropped here
    await site.api.decide(registered.bookingId, 'approve', site.hostToken);
    expect(await cancelWait(core, registered.registrationId)).toEqual({ cancelled: true });
    await expect.poll(async () => (await kiosks.cloud.booking(registered.bookingId)).status, { timeout: 5000 }).toBe('cancelled');
    expect((await kiosks.cloud.booking(sub)).status).toBe('cancelled');
    expect(withdrawals(core).map((c) => c.state)).toEqual(['sent']);
  });

  it('offline: the withdrawal waits in the outbox, the bills are cancelled here; the cloud back, applied exactly once', async () => {
    const { core, registered, sub } = await pendingWalkIn();
    const before = await cloudCommands(kiosks.cloud, 'cancelWalkIn');
    await kiosks.cloud.stop();
    try {
      expect(await cancelWait(core, registered.registrationId)).toEqual({ cancelled: true });
      await core.sync.now().catch(() => undefined);
      expect(withdrawals(core).map((c) => c.state)).toEqual(['pending']);
      expect(getBooking(core.db, registered.bookingId)?.status).toBe('cancelled');
      expect(getBooking(core.db, sub)?.status).toBe('cancelled');
    } finally {
      await kiosks.cloud.restart();
    }
    await core.sync.now();
    await core.sync.now();
    expect(withdrawals(core).map((c) => c.state)).toEqual(['sent']);
    expect(await cloudCommands(kiosks.cloud, 'cancelWalkIn')).toBe(before + 1);
    expect((await kiosks.cloud.booking(registered.bookingId)).status).toBe('cancelled');
    expect((await kiosks.cloud.booking(sub)).status).toBe('cancelled');
    // a pull after the sync keeps it cancelled here
    expect(getBooking(core.db, registered.bookingId)?.status).toBe('cancelled');
  });
});
