/**
 * Gate mode in the renderer's store (src/renderer/features/gate): the kiosk starts on the gate when its settings say
 * so, a scan (typed, or a serial scanner's device.qr on the gate screen) asks the core with the gate's direction and
 * keeps the verdict, the direction survives the end of a session, and the start screen is set through the core.
 */
import { describe, expect, it } from 'vitest';
import type { GateVerdict } from '../../../../../src/shared/ipc';
import { alwaysConnected } from '../../../../../src/renderer/bridge/connectionState';
import { createKioskStore } from '../../../../../src/renderer/state/kioskStore';
import { appInfo, settings, syncState } from '../../../../support/renderer/fixtures';
import { flush, InMemoryApi } from '../../../../support/renderer/inMemoryApi';

function setup(startScreen: 'home' | 'gate' = 'home') {
  let current = { ...settings('zh-CN'), startScreen };
  const api = new InMemoryApi()
    .handle('app.info', () => appInfo)
    .handle('settings.get', () => current)
    .handle('sync.status', () => syncState())
    .handle('devices.list', () => ({ devices: [] }))
    .handle('session.end', () => ({ releasedCards: 0 }))
    .handle('gate.scan', ({ text, direction }): GateVerdict =>
      text.startsWith('PD2.')
        ? { passed: true, direction, name: '张*', passageId: '00000000-0000-4000-8000-000000000001', at: '2026-11-22T02:00:00.000Z' }
        : { passed: false, direction, reason: 'gate_not_a_pass', at: '2026-11-22T02:00:00.000Z' },
    )
    .handle('gate.setStartScreen', ({ startScreen: s }) => (current = { ...current, startScreen: s }));
  const store = createKioskStore({ api, connection: alwaysConnected, newVisitId: () => 'x' });
  return { api, store };
}

describe('gate mode in the store', () => {
  it('starts on the gate when the settings say so, and on home otherwise', async () => {
    const gate = setup('gate');
    gate.store.getState().start();
    await flush();
    expect(gate.store.getState().screen).toBe('gate');
    const home = setup('home');
    home.store.getState().start();
    await flush();
    expect(home.store.getState().screen).toBe('home');
  });

  it('judges a typed scan and a scanner event with the gate’s direction; the direction outlives the session', async () => {
    const { api, store } = setup();
    store.getState().start();
    await flush();
    store.getState().openGate();
    store.getState().setGateDirection('exit');
    store.getState().setGateText('PD2.ABC');
    await store.getState().scanAtGate();
    expect(store.getState().gate.verdict).toMatchObject({ passed: true, direction: 'exit', name: '张*' });
    expect(api.calls.filter((c) => c.name === 'gate.scan').map((c) => c.input)).toEqual([{ text: 'PD2.ABC', direction: 'exit' }]);
    store.getState().clearGateVerdict();
    api.emit('device.qr', { text: 'hello', source: 'keyboard', at: '2026-11-22T02:00:00.000Z' });
    await flush();
    expect(store.getState().gate.verdict).toMatchObject({ passed: false, reason: 'gate_not_a_pass' });
    store.getState().goHome();
    expect(store.getState().gate.direction).toBe('exit');
  });

  it('sets the start screen through the core', async () => {
    const { store } = setup();
    await store.getState().setStartScreen('gate');
    expect(store.getState().settings?.startScreen).toBe('gate');
  });
});
