import type { StateCreator } from 'zustand/vanilla';
import type { AdminCardTest, AdminDeviceSetup, AdminScannerTest } from '../../../shared/contract/adminDevices';
import type { DeviceChoice } from '../../../shared/deviceSetup';
import type { KioskState, StoreDeps, UiError } from '../../state/types';
import { callWithAdminSession } from './sessionCall';

/** What a device test of the devices section answered (the thermometer's and printer's are the admin slice's). */
export type DeviceTestResult = { kind: 'idReader'; card: AdminCardTest } | { kind: 'scanner'; scans: AdminScannerTest['scans'] };

export interface AdminDevicesState {
  /** every device's settings, states and what the machine has (loaded when the section opens) */
  setup: AdminDeviceSetup | null;
  busy: boolean;
  error: UiError | null;
  /** the device whose choice was just saved */
  saved: DeviceChoice['kind'] | null;
  test: DeviceTestResult | null;
}

export interface AdminDevicesSlice {
  adminDevices: AdminDevicesState;
  loadDeviceSetup(): Promise<void>;
  /** saves one device's choice; the core reopens the device with it before answering */
  saveDeviceChoice(choice: DeviceChoice): Promise<void>;
  testIdReader(): Promise<void>;
  testScanner(): Promise<void>;
}

export const initialAdminDevices = (): AdminDevicesState => ({ setup: null, busy: false, error: null, saved: null, test: null });

/**
 * The admin home's devices section in the renderer (issue 11): detection, each device's choice and the tests that
 * need the core. Every call carries the admin session the admin slice holds (callWithAdminSession, like every admin
 * section): a locked session shows the PIN pad again.
 */
export const createAdminDevicesSlice =
  (deps: StoreDeps): StateCreator<KioskState, [], [], AdminDevicesSlice> =>
  (set, get) => {
    const { api } = deps;
    const patch = (changes: Partial<AdminDevicesState>): void => set((state) => ({ adminDevices: { ...state.adminDevices, ...changes } }));
    const withSession = (work: (token: string) => Promise<Partial<AdminDevicesState>>): Promise<void> =>
      callWithAdminSession(get, { current: () => get().adminDevices, patch, reset: { saved: null } }, work);
    return {
      adminDevices: initialAdminDevices(),
      loadDeviceSetup: () => withSession(async (session) => ({ setup: await api.call('admin.deviceSetup', { session }), test: null })),
      saveDeviceChoice: (device) =>
        withSession(async (session) => {
          const saved = await api.call('admin.saveDevice', { session, device });
          const setup = get().adminDevices.setup;
          // the camera's choice is the renderer's: settings read again so face capture opens it
          if (device.kind === 'camera') await get().refreshSystem();
          return { setup: setup ? { ...setup, ...saved } : setup, saved: device.kind };
        }),
      testIdReader: () => withSession(async (session) => ({ test: { kind: 'idReader', card: await api.call('admin.testIdReader', { session }) } })),
      testScanner: () => withSession(async (session) => ({ test: { kind: 'scanner', scans: (await api.call('admin.testScanner', { session })).scans } })),
    };
  };
