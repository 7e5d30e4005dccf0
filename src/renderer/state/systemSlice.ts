import type { StateCreator } from 'zustand/vanilla';
import { DEFAULT_LANGUAGE } from '../i18n/translate';
import { sortDevices, upsertDevice } from '../features/devices/devices';
import type { KioskState, StoreDeps, SystemSlice } from './types';
import { uiErrorFrom } from './uiError';

/** Connection, kiosk identity, settings/language, sync and device states: what the status bar shows. */
export const createSystemSlice =
  (deps: StoreDeps): StateCreator<KioskState, [], [], SystemSlice> =>
  (set, get) => ({
    connection: deps.connection.current(),
    appInfo: null,
    settings: null,
    language: DEFAULT_LANGUAGE,
    systemError: null,

    start: () => {
      const { api } = deps;
      const unsubscribers = [
        api.on('sync.state', (sync) => {
          const before = get().sync?.conflicts;
          set({ sync });
          // a new conflict (or one acknowledged elsewhere) while staff look at the list: show it as it is now
          if (get().screen === 'conflicts' && before !== sync.conflicts) void get().loadConflicts();
        }),
        api.on('device.state', (device) => set((state) => ({ devices: upsertDevice(state.devices, device) }))),
        api.on('device.qr', (scan) => get().receiveScan(scan.text)),
        api.on('device.idCard', (card) => {
          get().receiveWalkInCard(card);
          get().receiveIdCard(card);
        }),
        api.on('device.temperature', (reading) => get().receiveTemperature(reading)),
        deps.connection.subscribe((connection) => {
          const wasConnected = get().connection.status === 'connected';
          set({ connection });
          // Events were missed while disconnected: read the current states again.
          if (connection.status === 'connected' && !wasConnected) void get().refreshSystem();
        }),
      ];
      set({ connection: deps.connection.current() });
      void get().refreshSystem();
      return () => unsubscribers.forEach((unsubscribe) => unsubscribe());
    },

    refreshSystem: async () => {
      const { api } = deps;
      const results = await Promise.allSettled([
        api.call('app.info', {}).then((appInfo) => set({ appInfo })),
        api.call('settings.get', {}).then((settings) => set({ settings, language: settings.language })),
        api.call('sync.status', {}).then((sync) => set({ sync })),
        api.call('devices.list', {}).then(({ devices }) => set({ devices: sortDevices(devices) })),
      ]);
      const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      set({ systemError: failure ? uiErrorFrom(failure.reason) : null });
    },

    receiveScan: (text) => {
      const { screen } = get();
      if (screen === 'signOut') void get().signOutByToken(text);
      else if (screen === 'home' || screen === 'checkinSearch') {
        if (screen === 'home') get().openCheckin();
        void get().search(text);
      }
      // On other screens (details, pass, today's list) a scan is not what the visitor is doing: ignored.
    },

    setLanguage: async (language) => {
      // The visitor in front of the kiosk gets the language at once; the core keeps it as the setting.
      set({ language });
      try {
        const settings = await deps.api.call('settings.setLanguage', { language });
        set({ settings, language: settings.language });
      } catch (error) {
        console.warn(`[passdesk] settings.setLanguage failed: ${uiErrorFrom(error).code}`);
      }
    },
  });
