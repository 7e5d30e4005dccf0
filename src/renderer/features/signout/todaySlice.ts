import type { StateCreator } from 'zustand/vanilla';
import { initialToday } from './initialState';
import type { KioskState, StoreDeps } from '../../state/types';
import type { TodaySlice } from './types';
import { uiErrorFrom } from '../../state/uiError';

/** Today's visits at this kiosk, newest first, with a two-tap sign-out per visit and staff's 结束访问 (end visit) with a confirmation. */
export const createTodaySlice =
  (deps: StoreDeps): StateCreator<KioskState, [], [], TodaySlice> =>
  (set, get) => {
    const patch = (changes: Partial<KioskState['today']>): void => set((state) => ({ today: { ...state.today, ...changes } }));

    /** an exit (endVisit: staff end the visit), the row replaced by the visit as the core now has it */
    const checkout = async (visitId: string, endVisit: boolean): Promise<void> => {
      if (get().today.busyVisitId) return;
      const flowId = get().flowId;
      patch({ busyVisitId: visitId, confirmingVisitId: null, confirmingEndVisitId: null, error: null });
      try {
        const { visit } = await deps.api.call('visits.checkout', endVisit ? { visitId, endVisit: true } : { visitId });
        if (get().flowId !== flowId) return;
        const visits = (get().today.visits ?? []).map((v) => (v.id === visit.id ? visit : v));
        patch({ busyVisitId: null, visits });
      } catch (error) {
        if (get().flowId === flowId) patch({ busyVisitId: null, error: uiErrorFrom(error) });
      }
    };

    return {
      today: initialToday(),

      loadToday: async () => {
        const flowId = get().flowId;
        patch({ loading: true, error: null });
        try {
          const { visits } = await deps.api.call('visits.today', {});
          const newestFirst = [...visits].sort((a, b) => b.checkedInAt.localeCompare(a.checkedInAt));
          if (get().flowId === flowId) patch({ loading: false, visits: newestFirst });
        } catch (error) {
          if (get().flowId === flowId) patch({ loading: false, error: uiErrorFrom(error) });
        }
      },

      askSignOutVisit: (visitId) => patch({ confirmingVisitId: visitId, confirmingEndVisitId: null, error: null }),

      signOutVisit: (visitId) => checkout(visitId, false),

      askEndVisit: (visitId) => patch({ confirmingEndVisitId: visitId, confirmingVisitId: null, error: null }),

      endVisit: (visitId) => checkout(visitId, true),
    };
  };
