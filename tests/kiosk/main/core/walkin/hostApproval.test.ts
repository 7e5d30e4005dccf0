/**
 * Host approval of a walk-in (issue 9 item 5) on a real core (SQLite) against the real cloud: the registration is
 * pushed at once, pending; the core waits on the cloud's long-poll and publishes `walkin.decision`; approved → each
 * person checked in (signed checkin commands, a pass each); rejected → the host's words; the cloud lost → said so,
 * with the site's offline rule.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { dispatchIpcCall } from '../../../../../src/main/core/ipcHandlers';
import type { KioskCore } from '../../../../../src/main/core/kioskCore';
import { allCommands } from '../../../../../src/main/core/db/outboxStore';
import { idCheckCharacter } from '../../../../../src/shared/idNumber';
import { ipcCalls, type IpcInput, type WalkInDecisionEvent, type WalkInDecisionState } from '../../../../../src/shared/ipc';
import { useCloudKiosks } from '../../../../support/kiosk/cloudKiosks';
import { output } from '../../../../support/kiosk/helpers';
import { DEMO_HOST, useHostApprovalSite } from '../../../../support/kiosk/hostWalkIns';

let serial = 100;
/** a valid resident ID number, a new one each time (each test registers new people) */
const newId = (): string => {
  const id17 = `110105199001${String(10 + (serial % 18)).padStart(2, '0')}${String(serial++).padStart(3, '0')}`;
  return id17 + idCheckCharacter(id17);
};

describe('walk-in with host approval (real cloud)', () => {
  const kiosks = useCloudKiosks('Host approval desk');
  const site = useHostApprovalSite(kiosks);
  afterAll(() => undefined);

  const call = <N extends keyof typeof ipcCalls>(core: KioskCore, name: N, input: IpcInput<N>) => dispatchIpcCall(core, name, input);
  const register = (core: KioskCore, companions = 1): Promise<ReturnType<typeof output<'walkin.register'>>> =>
    call(core, 'walkin.register', {
      lead: { identity: { source: 'typed', name: '周八', idType: 'resident_id', idNumber: newId() }, phone: '13700002222' },
      companions: Array.from({ length: companions }, () => ({
        identity: { source: 'typed' as const, name: '吴九', idType: 'resident_id' as const, idNumber: newId() },
      })),
      hostId: DEMO_HOST,
      reason: '商务洽谈',
    }).then((r) => output('walkin.register', r));
  /** the next `walkin.decision` event in `state`, and when it came */
  const nextDecision = (core: KioskCore, state: WalkInDecisionState): Promise<{ event: WalkInDecisionEvent; at: number }> =>
    new Promise((resolve) => {
      const off = core.events.on('walkin.decision', (event) => {
        if (event.state !== state) return;
        off();
        resolve({ event, at: Date.now() });
      });
    });
  /** an enrolled core that pulled the site's settings (online: the cloud answered) */
  const onlineCore = async (tuning: { decisionWaitSeconds?: number; hostWaitRetryMs?: number } = {}): Promise<KioskCore> => {
    const core = await kiosks.enrolledCore({ syncTuning: tuning });
    await core.sync.now();
    expect(core.sync.state().online).toBe(true);
    return core;
  };

  it('approved: pushed at once pending, the event comes < 2 s after the host decides, every person checked in with a pass', async () => {
    const core = await onlineCore();
    const registered = await register(core);
    expect(registered).toMatchObject({ approval: 'host', passes: [], hostWait: { hostNameMasked: '李*', offlineFallback: 'desk' } });
    // pushed at once: the cloud has it, pending, main bill and sub-bill
    await expect.poll(async () => (await kiosks.cloud.booking(registered.bookingId).catch(() => undefined))?.status, { timeout: 5000 }).toBe('pending');
    const approved = nextDecision(core, 'approved');
    await new Promise((r) => setTimeout(r, 1500)); // the kiosk is inside a long-poll
    await site.api.decide(registered.bookingId, 'approve', site.hostToken);
    const decidedAt = Date.now();
    const { event, at } = await approved;
    expect(at - decidedAt).toBeLessThan(2000);
    expect(event.passes).toHaveLength(2);
    expect(event.passes?.map((p) => p.role)).toEqual(['lead', 'companion']);
    for (const p of event.passes ?? []) expect(p.pass.token).toMatch(/^PD2\./);
    const kinds = allCommands(core.db, core.identity()!.kioskId).map((c) => c.command.kind);
    expect(kinds).toEqual(['registerWalkIn', 'checkin', 'checkin']);
    await core.sync.now();
    expect((await kiosks.cloud.booking(registered.bookingId)).status).toBe('arrived');
    const sub = event.passes![1]!.bookingId;
    expect((await kiosks.cloud.booking(sub)).status).toBe('arrived');
    // the approved walk-in is the person's last visit
    const again = output('walkin.lookup', await call(core, 'walkin.lookup', { phone: '13700002222' }));
    expect(again.lastVisit?.visitId).toBe(event.passes![0]!.visit.id);
  });

  it('rejected: the host’s reason in words, no visit, no pass, nothing to check in', async () => {
    const core = await onlineCore();
    const registered = await register(core, 0);
    await expect.poll(async () => (await kiosks.cloud.booking(registered.bookingId).catch(() => undefined))?.status, { timeout: 5000 }).toBe('pending');
    const rejected = nextDecision(core, 'rejected');
    await site.api.decide(registered.bookingId, 'reject', site.hostToken, '今天不在公司');
    const { event } = await rejected;
    expect(event).toMatchObject({ bookingId: registered.bookingId, reason: '今天不在公司', hostNameMasked: '李*' });
    expect(event.passes).toBeUndefined();
    expect((core.db.prepare('SELECT count(*) AS n FROM visits').get() as { n: number }).n).toBe(0);
    expect(allCommands(core.db, core.identity()!.kioskId).map((c) => c.command.kind)).toEqual(['registerWalkIn']);
  });

  it('a long-poll that times out is followed by the next: the host approving later still reaches the kiosk', async () => {
    const core = await onlineCore({ decisionWaitSeconds: 1 });
    const registered = await register(core, 0);
    let events = 0;
    core.events.on('walkin.decision', () => (events += 1));
    await new Promise((r) => setTimeout(r, 3500)); // three waits of 1 s ended without a decision
    expect(events).toBe(0);
    expect(core.walkIn.hostApprovals.isWaiting(registered.registrationId)).toBe(true);
    const approved = nextDecision(core, 'approved');
    await site.api.decide(registered.bookingId, 'approve', site.hostToken);
    const decidedAt = Date.now();
    const { event, at } = await approved;
    expect(at - decidedAt).toBeLessThan(2000);
    expect(event.passes).toHaveLength(1);
  });

  it('cancelled at the desk: the wait stops (walkin_not_waiting after), a decision later changes nothing here', async () => {
    const core = await onlineCore();
    const registered = await register(core, 0);
    expect(output('walkin.cancelWait', await call(core, 'walkin.cancelWait', { registrationId: registered.registrationId }))).toEqual({ cancelled: true });
    expect(await call(core, 'walkin.cancelWait', { registrationId: registered.registrationId })).toMatchObject({
      ok: false,
      error: { code: 'walkin_not_waiting' },
    });
  });

  it('the cloud lost while waiting: connection_lost with the offline rule; the desk applies it and gets the passes', async () => {
    const core = await onlineCore({ hostWaitRetryMs: 200 });
    const registered = await register(core, 1);
    await expect.poll(async () => (await kiosks.cloud.booking(registered.bookingId).catch(() => undefined))?.status, { timeout: 5000 }).toBe('pending');
    const lost = nextDecision(core, 'connection_lost');
    await kiosks.cloud.stop();
    try {
      const { event } = await lost;
      expect(event.offlineFallback).toBe('desk');
      const r = output('walkin.applyOfflineRule', await call(core, 'walkin.applyOfflineRule', { registrationId: registered.registrationId }));
      expect(r.approval).toBe('desk_offline_fallback');
      expect(r.passes).toHaveLength(2);
    } finally {
      await kiosks.cloud.restart();
    }
  });
});
