import type { StateCreator } from 'zustand/vanilla';
import type { KioskState, StoreDeps } from '../../state/types';
import { uiErrorFrom } from '../../state/uiError';
import { initialGate } from './initialState';
import type { GateFeatureState } from './types';

/** Gate mode: scans judged by the core (offline), the verdict shown full screen, then scanning again. */
export const createGateFeatureSlice =
  (deps: StoreDeps): StateCreator<KioskState, [], [], GateFeatureState> =>
  (set, get) => {
    const patch = (changes: Partial<KioskState['gate']>): void => set((state) => ({ gate: { ...state.gate, ...changes } }));
    return {
      gate: initialGate(),

      openGate: () => {
        get().goHome();
        set({ screen: 'gate' });
      },

      setGateText: (text) => patch({ text, error: null }),

      setGateDirection: (direction) => patch({ direction, verdict: null, error: null }),

      scanAtGate: async (given) => {
        const text = (given ?? get().gate.text).trim();
        if (!text || get().gate.busy) return;
        const flowId = get().flowId;
        patch({ text, busy: true, verdict: null, error: null });
        try {
          const verdict = await deps.api.call('gate.scan', { text, direction: get().gate.direction });
          if (get().flowId === flowId) patch({ busy: false, verdict, text: '' });
        } catch (error) {
          if (get().flowId === flowId) patch({ busy: false, error: uiErrorFrom(error), text: '' });
        }
      },

      clearGateVerdict: () => patch({ verdict: null, error: null, text: '' }),

      setStartScreen: async (startScreen) => {
        try {
          const settings = await deps.api.call('gate.setStartScreen', { startScreen });
          set({ settings });
        } catch (error) {
          patch({ error: uiErrorFrom(error) });
        }
      },
    };
  };
