import type { StateCreator } from 'zustand/vanilla';
import type { KioskState, StoreDeps } from '../../state/types';
import { uiErrorFrom } from '../../state/uiError';
import type { VisitPhotosSlice, VisitPhotosState } from './types';

export const initialVisitPhotos = (): VisitPhotosState => ({ visits: null, open: null, face: undefined, loading: false, error: null });

/**
 * The staff's view of today's visits at this kiosk with the photo taken at the desk (walkin.facePhoto: the staff
 * session's token goes with it, the core refuses it otherwise). One visit's photo at a time, forgotten when closed.
 */
export const createVisitPhotosSlice =
  (deps: StoreDeps): StateCreator<KioskState, [], [], VisitPhotosSlice> =>
  (set, get) => {
    const patch = (changes: Partial<VisitPhotosState>): void => set((state) => ({ visitPhotos: { ...state.visitPhotos, ...changes } }));
    const failed = (error: unknown): void => {
      const uiError = uiErrorFrom(error);
      if (uiError.code === 'walkin_staff_only' || uiError.code === 'admin_locked') get().lockAdminToPad();
      else patch({ loading: false, error: uiError });
    };
    return {
      visitPhotos: initialVisitPhotos(),

      loadVisitPhotos: async () => {
        patch({ ...initialVisitPhotos(), loading: true });
        try {
          const { visits } = await deps.api.call('visits.today', {});
          patch({ loading: false, visits: [...visits].sort((a, b) => b.checkedInAt.localeCompare(a.checkedInAt)) });
        } catch (error) {
          failed(error);
        }
      },

      openVisitPhoto: async (visitId) => {
        const session = get().admin.session;
        const visit = get().visitPhotos.visits?.find((v) => v.id === visitId);
        if (!session || !visit) return;
        patch({ open: visitId, face: undefined, error: null });
        if (visit.bookingId === undefined) {
          patch({ face: null });
          return;
        }
        try {
          const { face } = await deps.api.call('walkin.facePhoto', { session: session.token, bookingId: visit.bookingId });
          if (get().visitPhotos.open === visitId) patch({ face });
        } catch (error) {
          failed(error);
        }
      },

      closeVisitPhoto: () => patch({ open: null, face: undefined }),

      forgetVisitPhotos: () => set({ visitPhotos: initialVisitPhotos() }),
    };
  };
