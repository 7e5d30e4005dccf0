import type { StateCreator } from 'zustand/vanilla';
import { DEFAULT_LANGUAGE } from '../i18n/translate';
import type { IpcEventName } from '../../shared/ipc';
import { sortDevices } from '../features/devices/devices';
import { react, reactedEvents, type FeatureStore, type RendererFeature } from './feature';
import type { KioskState, StoreDeps, SystemSlice } from './types';
import { uiErrorFrom } from './uiError';

/**
 * Connection, kiosk identity, settings/language, sync and device states: what the status bar shows. Core events go
 * to the features that declare a reaction to them (`features`), a keyboard-wedge scan as a `device.qr`.
 */
export const createSystemSlice =
  (deps: StoreDeps, features: readonly RendererFeature[]): StateCreator<KioskState, [], [], SystemSlice> =>
  (set, get) => {
    const store: FeatureStore = { get, set: (changes) => set(changes) };
    const subscribe = (name: IpcEventName): (() => void) => deps.api.on(name, (payload) => react(features, name, payload, store));
    return {
      connection: deps.connection.current(),
      appInfo: null,
      settings: null,
      language: DEFAULT_LANGUAGE,
      systemError: null,

      start: () => {
        const unsubscribers = [
          ...reactedEvents(features).map(subscribe),
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
          api.call('settings.get', {}).then((settings) => {
            set({ settings, language: settings.language });
            // the kiosk's start screen, once, before anyone used it (a reconnect later leaves the screen alone)
            if (settings.startScreen === 'gate' && get().screen === 'home' && get().flowId === 0) set({ screen: 'gate' });
          }),
          api.call('sync.status', {}).then((sync) => set({ sync })),
          api.call('devices.list', {}).then(({ devices }) => set({ devices: sortDevices(devices) })),
        ]);
        const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
        set({ systemError: failure ? uiErrorFrom(failure.reason) : null });
      },

      // the features whose screen it concerns react to it; elsewhere (details, pass, today's list) it is ignored
      receiveScan: (text) => react(features, 'device.qr', { text, source: 'keyboard', at: new Date().toISOString() }, store),

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
    };
  };
