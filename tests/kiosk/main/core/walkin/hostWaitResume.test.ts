/**
 * A walk-in waiting for its host survives a kiosk restart (issue 9 item 5) on a real core (SQLite) against the real
 * cloud: the core closed mid-wait and reopened on the same data folder waits again, lists the wait (masked) for the
 * desk to pick up, and publishes the host's decision as `walkin.decision` (approved: passes; rejected: the words).
 * The cloud unreachable at restart: connection_lost with the site's offline rule, which the desk may apply.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { dispatchIpcCall } from '../../../../../src/main/core/ipcHandlers';
import type { KioskCore } from '../../../../../src/main/core/kioskCore';
import { useCloudKiosks } from '../../../../support/kiosk/cloudKiosks';
import { output, tempDir } from '../../../../support/kiosk/helpers';
import { nextDecision, registerWalkIn, useHostApprovalSite } from '../../../../support/kiosk/hostWalkIns';

describe('a walk-in waiting for its host across a kiosk restart (real cloud)', () => {
  const kiosks = useCloudKiosks('Restarting desk');
  const site = useHostApprovalSite(kiosks);
  afterAll(() => undefined);

  const waits = async (core: KioskCore) => output('walkin.waits', await dispatchIpcCall(core, 'walkin.waits', {})).waits;

  /** a core on its own data folder (kept across the restart), online, with a walk-in waiting in the cloud; then closed */
  const registeredThenClosed = async (companions: number) => {
    const t = tempDir();
    kiosks.afterThisTest(() => t.cleanup());
    const before = await kiosks.enrolledCore({ dataDir: t.dir });
    await before.sync.now();
    const registered = await registerWalkIn(before, { companions });
    await expect.poll(async () => (await kiosks.cloud.booking(registered.bookingId).catch(() => undefined))?.status, { timeout: 5000 }).toBe('pending');
    expect(before.walkIn.hostApprovals.isWaiting(registered.registrationId)).toBe(true);
    await before.close();
    return { dir: t.dir, registered };
  };

  it('approved after the restart: the reopened core waits again, lists it masked, and the event brings the passes', async () => {
    const { dir, registered } = await registeredThenClosed(1);
    const after = await kiosks.enrolledCore({ dataDir: dir });
    expect(after.walkIn.hostApprovals.isWaiting(registered.registrationId)).toBe(true);
    const listed = await waits(after);
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({
      registrationId: registered.registrationId,
      bookingId: registered.bookingId,
      leadNameMasked: '周*',
      hostNameMasked: '李*',
      people: 2,
      state: 'waiting',
      offlineFallback: 'desk',
    });
    expect(JSON.stringify(listed)).not.toContain('周八');
    const approved = nextDecision(after, 'approved');
    await new Promise((r) => setTimeout(r, 1000)); // the reopened kiosk is inside a long-poll
    await site.api.decide(registered.bookingId, 'approve', site.hostToken);
    const decidedAt = Date.now();
    const { event, at } = await approved;
    expect(at - decidedAt).toBeLessThan(2000);
    expect(event.registrationId).toBe(registered.registrationId);
    expect(event.passes?.map((p) => p.role)).toEqual(['lead', 'companion']);
    // the desk finds it again in the list, with its passes (to show or print)
    const [done] = await waits(after);
    expect(done).toMatchObject({ state: 'approved', outcome: { state: 'approved' } });
    expect(done?.outcome?.passes?.map((p) => p.visit.id)).toEqual(event.passes?.map((p) => p.visit.id));
    await after.sync.now();
    expect((await kiosks.cloud.booking(registered.bookingId)).status).toBe('arrived');
  });

  it('rejected after the restart: the host’s words; the wait ends, not resumed again on the next start', async () => {
    const { dir, registered } = await registeredThenClosed(0);
    const after = await kiosks.enrolledCore({ dataDir: dir });
    const rejected = nextDecision(after, 'rejected');
    await site.api.decide(registered.bookingId, 'reject', site.hostToken, '今天不在公司');
    expect((await rejected).event).toMatchObject({ bookingId: registered.bookingId, reason: '今天不在公司' });
    expect((await waits(after))[0]).toMatchObject({ state: 'rejected', outcome: { reason: '今天不在公司' } });
    await after.close();
    const third = await kiosks.enrolledCore({ dataDir: dir });
    expect(third.walkIn.hostApprovals.isWaiting(registered.registrationId)).toBe(false);
    expect((await waits(third))[0]?.state).toBe('rejected');
  });

  it('decided while the kiosk was off: the reopened core hears it at once', async () => {
    const { dir, registered } = await registeredThenClosed(0);
    await site.api.decide(registered.bookingId, 'approve', site.hostToken);
    const t0 = Date.now();
    const after = await kiosks.enrolledCore({ dataDir: dir });
    const approved = nextDecision(after, 'approved');
    const { event } = await approved;
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(event.passes).toHaveLength(1);
  });

  it('the cloud unreachable at the restart: connection_lost with the site’s offline rule; the desk applies it', async () => {
    const { dir, registered } = await registeredThenClosed(1);
    await kiosks.cloud.stop();
    try {
      const after = await kiosks.enrolledCore({ dataDir: dir, syncTuning: { hostWaitRetryMs: 200 } });
      await expect.poll(async () => (await waits(after))[0]?.state, { timeout: 5000 }).toBe('connection_lost');
      const r = output('walkin.applyOfflineRule', await dispatchIpcCall(after, 'walkin.applyOfflineRule', { registrationId: registered.registrationId }));
      expect(r.approval).toBe('desk_offline_fallback');
      expect(r.passes).toHaveLength(2);
      expect((await waits(after))[0]).toMatchObject({ state: 'approved' });
    } finally {
      await kiosks.cloud.restart();
    }
  });
});
