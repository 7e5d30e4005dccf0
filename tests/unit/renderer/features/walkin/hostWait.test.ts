/**
 * The walk-in slice while the host decides (src/renderer/features/walkin/slice.ts): the registration answered with
 * hostWait → the waiting state; `walkin.decision` events move it (connection lost with the offline rule, rejected with
 * the host's words, approved → the pass screen with every person's pass); cancel and the offline rule call the core.
 */
import { describe, expect, it } from 'vitest';
import type { IpcOutput, WalkInDecisionEvent } from '../../../../../src/shared/ipc';
import { alwaysConnected } from '../../../../../src/renderer/bridge/connectionState';
import { createKioskStore } from '../../../../../src/renderer/state/kioskStore';
import { appInfo, issued, settings, syncState } from '../../../../support/renderer/fixtures';
import { flush, InMemoryApi } from '../../../../support/renderer/inMemoryApi';

const REG = '00000000-0000-4000-8000-0000000000a1';
const HOST = { id: 'host_1', name: '李明', department: '行政部', phoneMasked: '138****8001' };

const passView = (visitId: string, role: 'lead' | 'companion') => ({ role, bookingId: `bk_${visitId.slice(-2)}`, nameMasked: '孙*美', ...issued(visitId) });
const LEAD = '00000000-0000-4000-8000-0000000000b1';
const COMPANION = '00000000-0000-4000-8000-0000000000b2';

/** what walkin.waits answers: set per test (a restart's leftovers) */
let waitsAnswer: IpcOutput<'walkin.waits'>['waits'] = [];

function setup() {
  const registered: IpcOutput<'walkin.register'> = {
    registrationId: REG,
    bookingId: 'bk_main',
    code: 'ABCD1234',
    approval: 'host',
    passes: [],
    staffWarnings: [],
    hostWait: { hostNameMasked: '李*', offlineFallback: 'desk' },
  };
  const api = new InMemoryApi()
    .handle('app.info', () => appInfo)
    .handle('settings.get', () => settings('zh-CN'))
    .handle('sync.status', () => syncState())
    .handle('devices.list', () => ({ devices: [] }))
    .handle('session.end', () => ({ releasedCards: 0 }))
    .handle('walkin.options', () => ({
      approval: 'host',
      visitTypes: [],
      visitReasons: [],
      areas: [],
      freeTextReason: true,
      earlyArrivalMinutes: 0,
      temperatureThresholdC: 37.3,
      defaultWindow: { start: '2026-11-26T01:00:00.000Z', end: '2026-11-26T16:00:00.000Z' },
    }))
    .handle('walkin.today', () => ({ visitors: [] }))
    .handle('walkin.waits', () => ({ waits: waitsAnswer }))
    .handle('walkin.screen', () => ({ refused: false, staffWarnings: [] }))
    .handle('walkin.register', () => registered)
    .handle('walkin.cancelWait', () => ({ cancelled: true as const }))
    .handle('walkin.applyOfflineRule', () => ({
      ...registered,
      approval: 'desk_offline_fallback' as const,
      hostWait: undefined,
      passes: [passView(LEAD, 'lead')],
    }));
  const store = createKioskStore({ api, connection: alwaysConnected, newVisitId: () => REG });
  const event = (e: Partial<WalkInDecisionEvent> & Pick<WalkInDecisionEvent, 'state'>): void =>
    api.emit('walkin.decision', { registrationId: REG, bookingId: 'bk_main', hostNameMasked: '李*', at: '2026-11-26T02:00:00.000Z', ...e });
  return { api, store, event };
}

async function submitted(s: ReturnType<typeof setup>): Promise<void> {
  s.store.getState().start();
  await flush();
  s.store.getState().openWalkIn();
  await flush();
  s.store.getState().setWalkInField('name', '孙小美');
  s.store.getState().setWalkInField('idNumber', '11010519491231002X');
  s.store.getState().setWalkInField('phone', '13655556666');
  s.store.getState().setWalkInField('reason', '送合同');
  s.store.getState().chooseHost(HOST);
  await s.store.getState().submitWalkIn();
}

describe('walk-in waiting for its host (renderer store)', () => {
  it('waits (host masked), then approved: the pass screen with the lead’s pass and the companion’s', async () => {
    const s = setup();
    await submitted(s);
    expect(s.store.getState().screen).toBe('walkin');
    expect(s.store.getState().walkin.hostWait).toMatchObject({ registrationId: REG, hostNameMasked: '李*', state: 'waiting', offlineFallback: 'desk' });
    s.event({ state: 'approved', passes: [passView(LEAD, 'lead'), passView(COMPANION, 'companion')] });
    expect(s.store.getState().screen).toBe('pass');
    expect(s.store.getState().checkin.issued?.visit.id).toBe(LEAD);
    expect(s.store.getState().walkin.companionPasses.map((p) => p.visit.id)).toEqual([COMPANION]);
    expect(s.store.getState().walkin.hostWait).toBeNull();
  });

  it('rejected: the host’s words stay on screen; another registration’s event changes nothing', async () => {
    const s = setup();
    await submitted(s);
    s.event({ state: 'rejected', registrationId: '00000000-0000-4000-8000-0000000000ff', reason: 'not mine' });
    expect(s.store.getState().walkin.hostWait?.state).toBe('waiting');
    s.event({ state: 'rejected', reason: '今天不在公司' });
    expect(s.store.getState().walkin.hostWait).toMatchObject({ state: 'rejected', reason: '今天不在公司' });
  });

  it('the connection lost: the offline rule is offered; applying it shows the passes', async () => {
    const s = setup();
    await submitted(s);
    s.event({ state: 'connection_lost', offlineFallback: 'desk' });
    expect(s.store.getState().walkin.hostWait).toMatchObject({ state: 'connection_lost', offlineFallback: 'desk' });
    await s.store.getState().applyWalkInOfflineRule();
    expect(s.api.callsOf('walkin.applyOfflineRule')).toEqual([{ registrationId: REG }]);
    expect(s.store.getState().screen).toBe('pass');
  });

  it('after a restart: the waiting visitors are listed (masked); one picked up shows its wait, its decision moves it', async () => {
    waitsAnswer = [
      {
        registrationId: REG,
        bookingId: 'bk_main',
        code: 'ABCD1234',
        leadNameMasked: '孙*美',
        people: 2,
        hostNameMasked: '李*',
        offlineFallback: 'desk',
        registeredAt: '2026-11-26T01:30:00.000Z',
        state: 'waiting',
      },
    ];
    const s = setup();
    s.store.getState().start();
    await flush();
    s.store.getState().openWalkIn();
    await flush();
    expect(s.store.getState().walkin.waits?.map((w) => [w.leadNameMasked, w.state])).toEqual([['孙*美', 'waiting']]);
    expect(s.store.getState().walkin.hostWait).toBeNull();
    s.store.getState().resumeWalkInWait(REG);
    expect(s.store.getState().walkin.hostWait).toMatchObject({ registrationId: REG, state: 'waiting', hostNameMasked: '李*', offlineFallback: 'desk' });
    s.event({ state: 'approved', passes: [passView(LEAD, 'lead'), passView(COMPANION, 'companion')] });
    expect(s.store.getState().screen).toBe('pass');
    expect(s.store.getState().checkin.issued?.visit.id).toBe(LEAD);
    waitsAnswer = [];
  });

  it('an approved wait of the list (decided while nobody watched): its passes on the pass screen, to show or print', async () => {
    waitsAnswer = [
      {
        registrationId: REG,
        bookingId: 'bk_main',
        code: 'ABCD1234',
        leadNameMasked: '孙*美',
        people: 1,
        hostNameMasked: '李*',
        offlineFallback: 'desk',
        registeredAt: '2026-11-26T01:30:00.000Z',
        state: 'approved',
        outcome: {
          registrationId: REG,
          bookingId: 'bk_main',
          state: 'approved',
          hostNameMasked: '李*',
          passes: [passView(LEAD, 'lead')],
          at: '2026-11-26T01:40:00.000Z',
        },
      },
    ];
    const s = setup();
    s.store.getState().start();
    await flush();
    s.store.getState().openWalkIn();
    await flush();
    s.store.getState().resumeWalkInWait(REG);
    expect(s.store.getState().screen).toBe('pass');
    expect(s.store.getState().checkin.issued?.visit.id).toBe(LEAD);
    waitsAnswer = [];
  });

  it('cancel: the core withdraws the walk-in and the desk goes home', async () => {
    const s = setup();
    await submitted(s);
    await s.store.getState().cancelHostWait();
    expect(s.api.callsOf('walkin.cancelWait')).toEqual([{ registrationId: REG }]);
    expect(s.store.getState().screen).toBe('home');
    expect(s.store.getState().walkin.hostWait).toBeNull();
  });
});
