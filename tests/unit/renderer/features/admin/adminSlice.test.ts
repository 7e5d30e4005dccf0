/** The admin feature's renderer logic: the PIN pad's steps, the session held only on the admin home, the gesture. */
import { describe, expect, it } from 'vitest';
import type { AdminSession, AdminStatus } from '../../../../../src/shared/contract/admin';
import { IpcCallError } from '../../../../../src/shared/ipc';
import { alwaysConnected } from '../../../../../src/renderer/bridge/connectionState';
import { createTapCounter, isAdminShortcut } from '../../../../../src/renderer/features/admin/tapGesture';
import { createKioskStore } from '../../../../../src/renderer/state/kioskStore';
import { adminScreenApi, flush } from '../../../../support/renderer/inMemoryApi';

const TOKEN = 'T'.repeat(43);
const session = (role: AdminSession['role'] = 'admin'): AdminSession => ({ token: TOKEN, role, expiresAt: '2030-01-01T00:00:00.000Z' });

function setup(status: Partial<AdminStatus> = {}) {
  const api = adminScreenApi(status).handle('admin.overview', () => {
    throw new IpcCallError('admin_locked', 'locked');
  });
  const store = createKioskStore({ api, connection: alwaysConnected, newVisitId: () => 'x' });
  return { api, store };
}

describe('admin PIN pad and session in the store', () => {
  it('first use: a weak PIN is refused before the core is asked, then the PIN typed twice sets it', async () => {
    const { api, store } = setup({ adminPinSet: false });
    api.handle('admin.setupPin', () => session());
    await store.getState().openAdmin();
    expect(store.getState()).toMatchObject({ screen: 'adminPin', admin: { mode: 'setup', step: 'enter' } });
    store.getState().setAdminPin('123456');
    await store.getState().submitAdminPin();
    expect(store.getState().admin).toMatchObject({ notice: 'weak', pin: '', step: 'enter' });
    store.getState().setAdminPin('20a48-17');
    expect(store.getState().admin.pin).toBe('204817');
    await store.getState().submitAdminPin();
    expect(store.getState().admin).toMatchObject({ step: 'confirm', pin: '' });
    store.getState().setAdminPin('204818');
    await store.getState().submitAdminPin();
    expect(store.getState().admin).toMatchObject({ notice: 'mismatch', step: 'enter' });
    expect(api.callsOf('admin.setupPin')).toEqual([]);
    for (const pin of ['204817', '204817']) {
      store.getState().setAdminPin(pin);
      await store.getState().submitAdminPin();
    }
    expect(api.callsOf('admin.setupPin')).toEqual([{ pin: '204817' }]);
    expect(store.getState()).toMatchObject({ screen: 'adminHome', admin: { session: { role: 'admin' }, section: 'devices', pin: '' } });
  });

  it('a wrong PIN shows the wait and holds further attempts until it has passed', async () => {
    const { api, store } = setup();
    const retryAt = new Date(Date.now() + 60_000).toISOString();
    api.handle('admin.unlock', () => ({ ok: false, reason: 'wrong_pin', retryAt }));
    await store.getState().openAdmin();
    store.getState().setAdminPin('999111');
    await store.getState().submitAdminPin();
    expect(store.getState().admin).toMatchObject({ notice: 'wrong_pin', waitUntil: Date.parse(retryAt), pin: '' });
    store.getState().setAdminPin('204817');
    await store.getState().submitAdminPin();
    expect(api.callsOf('admin.unlock')).toHaveLength(1);
    expect(store.getState().admin.notice).toBe('wait');
  });

  it('a staff session opens on the sync section only; leaving the admin home locks the session in the core', async () => {
    const { api, store } = setup();
    api.handle('admin.unlock', () => ({ ok: true, session: session('staff') }));
    await store.getState().openAdmin();
    store.getState().setAdminPin('551093');
    await store.getState().submitAdminPin();
    expect(store.getState()).toMatchObject({ screen: 'adminHome', admin: { section: 'sync', session: { role: 'staff' } } });
    store.getState().showAdminSection('policy');
    expect(store.getState().admin.section).toBe('sync');
    expect(api.callsOf('admin.overview')).toEqual([]);
    store.getState().lockAdmin();
    await flush();
    expect(store.getState()).toMatchObject({ screen: 'home', admin: { session: null } });
    expect(api.callsOf('admin.lock')).toEqual([{ session: TOKEN }]);
  });

  it('a call the core refuses as locked (its idle lock) returns to the PIN pad', async () => {
    const { store } = setup();
    store.setState({ screen: 'adminHome', admin: { ...store.getState().admin, session: session() } });
    await store.getState().loadAdminOverview();
    await flush();
    expect(store.getState()).toMatchObject({ screen: 'adminPin', admin: { session: null, mode: 'unlock' } });
  });

  it("the session's idle lock (lockAdminToPad) releases the session and shows the PIN pad", async () => {
    const { api, store } = setup();
    store.setState({ screen: 'adminHome', admin: { ...store.getState().admin, session: session('staff') } });
    store.getState().lockAdminToPad();
    await flush();
    expect(store.getState()).toMatchObject({ screen: 'adminPin', admin: { session: null, pin: '' } });
    expect(api.callsOf('admin.lock')).toEqual([{ session: TOKEN }]);
  });
});

describe('the way in', () => {
  it('opens on the fifth tap within 3 s, not on slower taps', () => {
    const taps = createTapCounter();
    expect([0, 500, 1000, 1500].map((t) => taps.tap(t))).toEqual([false, false, false, false]);
    expect(taps.tap(2000)).toBe(true);
    expect(taps.tap(2100)).toBe(false);
    const slow = createTapCounter();
    expect([0, 800, 1600, 2400, 3200, 4000].some((t) => slow.tap(t))).toBe(false);
  });

  it('knows Ctrl+Alt+A', () => {
    expect(isAdminShortcut({ ctrlKey: true, altKey: true, code: 'KeyA', key: 'a' })).toBe(true);
    expect(isAdminShortcut({ ctrlKey: true, altKey: false, code: 'KeyA', key: 'a' })).toBe(false);
    expect(isAdminShortcut({ ctrlKey: true, altKey: true, code: 'KeyB', key: 'b' })).toBe(false);
  });
});
