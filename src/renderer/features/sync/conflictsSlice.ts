import type { StateCreator } from 'zustand/vanilla';
import { initialConflicts } from './initialState';
import type { KioskState, StoreDeps } from '../../state/types';
import type { ConflictsSlice } from './types';
import { uiErrorFrom } from '../../state/uiError';

/**
 * Sync conflicts for reception staff: what the cloud did not accept and why. Acknowledging one keeps it in
 * the list (marked seen) and takes it off the status bar's count.
 */
export const createConflictsSlice =
  (deps: StoreDeps): StateCreator<KioskState, [], [], ConflictsSlice> =>
  (set, get) => {
    const patch = (changes: Partial<KioskState['conflicts']>): void => set((state) => ({ conflicts: { ...state.conflicts, ...changes } }));

    const load = async (flowId: number): Promise<void> => {
      const { conflicts } = await deps.api.call('sync.conflicts', {});
      if (get().flowId === flowId) patch({ items: conflicts });
    };

    return {
      conflicts: initialConflicts(),

      loadConflicts: async () => {
        const flowId = get().flowId;
        patch({ loading: true, error: null });
        try {
          await load(flowId);
          if (get().flowId === flowId) patch({ loading: false });
        } catch (error) {
          if (get().flowId === flowId) patch({ loading: false, error: uiErrorFrom(error) });
        }
      },

      acknowledgeConflict: async (commandId) => {
        if (get().conflicts.busyCommandId !== null) return;
        const flowId = get().flowId;
        patch({ busyCommandId: commandId, error: null });
        try {
          const sync = await deps.api.call('sync.acknowledgeConflict', { commandId });
          set({ sync });
          await load(flowId);
          if (get().flowId === flowId) patch({ busyCommandId: null });
        } catch (error) {
          if (get().flowId === flowId) patch({ busyCommandId: null, error: uiErrorFrom(error) });
        }
      },
    };
  };
