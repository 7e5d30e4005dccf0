import type { RendererFeature } from '../../state/feature';
import { initialConflicts } from './initialState';

/** Sync's reactions: the sync state kept current, the conflicts list reloaded while staff look at it. */
export const syncFeature: RendererFeature = {
  name: 'sync',
  on: {
    'sync.state': (sync, { get, set }) => {
      const before = get().sync?.conflicts;
      set({ sync });
      // a new conflict (or one acknowledged elsewhere) while staff look at the list: show it as it is now
      if (get().screen === 'conflicts' && before !== sync.conflicts) void get().loadConflicts();
    },
  },
  resetOnSessionEnd: () => ({ conflicts: initialConflicts() }),
};
