/**
 * The devices section's store logic: its calls go through the admin session like every admin section's — a session
 * the core locked (idle) shows the PIN pad again, never the home screen — and a refusal keeps its own code.
 */
import { describe, expect, it } from 'vitest';
import type { AdminSession } from '../../../../../src/shared/contract/admin';
import { KioskDeviceSettings } from '../../../../../src/shared/domain';
import { IpcCallError } from '../../../../../src/shared/ipc';
import { alwaysConnected } from '../../../../../src/renderer/bridge/connectionState';
import { createKioskStore } from '../../../../../src/renderer/state/kioskStore';
import { adminScreenApi, flush } from '../../../../support/renderer/inMemoryApi';

const TOKEN = 'D'.repeat(43);
const session: AdminSession = { token: TOKEN, role: 'admin', expiresAt: '2030-01-01T00:00:00.000Z' };
const locked = () => {
  throw new IpcCallError('admin_locked', 'the admin session is locked');
};

function onDevicesSection() {
  const api = adminScreenApi();
  const store = createKioskStore({ api, connection: alwaysConnected, newVisitId: () => 'x' });
  store.setState({ screen: 'adminHome', admin: { ...store.getState().admin, session, section: 'devices' } });
  return { api, store };
}

describe('the devices section in the store', () => {
  it.each([
    ['loading the setup', 'admin.deviceSetup', (s: ReturnType<typeof onDevicesSection>['store']) => s.getState().loadDeviceSetup()],
    [
      'saving a choice',
      'admin.saveDevice',
      (s: ReturnType<typeof onDevicesSection>['store']) => s.getState().saveDeviceChoice({ kind: 'scanner', enabled: false }),
    ],
    ['the ID reader test', 'admin.testIdReader', (s: ReturnType<typeof onDevicesSection>['store']) => s.getState().testIdReader()],
    ['the scanner test', 'admin.testScanner', (s: ReturnType<typeof onDevicesSection>['store']) => s.getState().testScanner()],
  ] as const)('a session the core locked while %s shows the PIN pad again (not the home screen)', async (_what, name, act) => {
    const { api, store } = onDevicesSection();
    api.handle(name, locked);
    await act(store);
    await flush();
    expect(store.getState()).toMatchObject({ screen: 'adminPin', admin: { session: null, mode: 'unlock' }, adminDevices: { busy: false, error: null } });
    expect(api.callsOf('admin.lock')).toEqual([{ session: TOKEN }]);
  });

  it("keeps the core's own refusal code for the section to word (a port another device has)", async () => {
    const { api, store } = onDevicesSection();
    api.handle('admin.saveDevice', () => {
      throw new IpcCallError('admin_device_port_taken', "the port /dev/ttyUSB0 is already the scanner's");
    });
    await store.getState().saveDeviceChoice({ kind: 'thermometer', enabled: true, model: 'gy', port: '/dev/ttyUSB0' });
    expect(store.getState()).toMatchObject({ screen: 'adminHome', adminDevices: { busy: false, saved: null, error: { code: 'admin_device_port_taken' } } });
  });

  it('a choice saved: the setup takes the saved settings and says which device was saved', async () => {
    const { api, store } = onDevicesSection();
    const before = KioskDeviceSettings.parse({});
    api.handle('admin.deviceSetup', () => ({
      settings: before,
      states: [],
      detection: { serialPorts: { ok: true, items: [] }, hidDevices: { ok: true, items: [] }, systemPrinters: { items: [] } },
    }));
    api.handle('admin.saveDevice', ({ device }) => ({ settings: { ...before, scanner: { enabled: device.kind === 'scanner' } }, states: [] }));
    await store.getState().loadDeviceSetup();
    await store.getState().saveDeviceChoice({ kind: 'scanner', enabled: true });
    expect(store.getState().adminDevices).toMatchObject({ busy: false, saved: 'scanner', setup: { settings: { scanner: { enabled: true } } } });
  });
});
