import type { StateCreator } from 'zustand/vanilla';
import { initialCheckin, initialPassPrint } from './initialState';
import type { KioskState, StoreDeps } from '../../state/types';
import type { CheckinSlice } from './types';
import { bodyTemperatureC } from './temperatureSlice';
import { isTransportError, uiErrorFrom } from '../../state/uiError';
import { needsAcknowledgement } from './staffNote';
import { faceConsentInput } from '../face/answer';

/** Booked visitor check-in: search → choose → confirm arrival → pass. */
export const createCheckinSlice =
  (deps: StoreDeps): StateCreator<KioskState, [], [], CheckinSlice> =>
  (set, get) => {
    const patch = (changes: Partial<KioskState['checkin']>): void => set((state) => ({ checkin: { ...state.checkin, ...changes } }));
    /** true while the visitor is still in the flow that started at `flowId` */
    const stillCurrent = (flowId: number): boolean => get().flowId === flowId;

    return {
      checkin: initialCheckin(),

      setQuery: (query) => patch({ query, error: null }),

      search: async (override) => {
        const query = (override ?? get().checkin.query).trim();
        if (!query || get().checkin.searching) return;
        const flowId = get().flowId;
        set((state) => ({
          screen: 'checkinSearch',
          checkin: { ...state.checkin, query, searching: true, error: null, results: null, selected: null, card: null },
        }));
        try {
          const { bookings } = await deps.api.call('bookings.find', { query });
          if (stillCurrent(flowId)) patch({ searching: false, results: bookings });
        } catch (error) {
          if (stillCurrent(flowId)) patch({ searching: false, error: uiErrorFrom(error) });
        }
      },

      selectBooking: (booking) => {
        set((state) => ({
          screen: 'bookingDetails',
          checkin: {
            ...state.checkin,
            selected: booking,
            staffAcknowledged: false,
            visitId: null,
            error: null,
            issued: null,
            temperature: null,
            face: null,
            measuring: false,
          },
        }));
      },

      backToResults: () => {
        set((state) => ({
          screen: 'checkinSearch',
          checkin: { ...state.checkin, selected: null, staffAcknowledged: false, visitId: null, error: null, temperature: null, face: null, measuring: false },
        }));
      },

      acknowledgeStaffNote: () => patch({ staffAcknowledged: true, error: null }),

      setCheckinFace: (face) => patch({ face, error: null }),

      confirmArrival: async () => {
        const { selected, confirming, visitId: existingVisitId, temperature, staffAcknowledged, face } = get().checkin;
        if (!selected || confirming || !selected.checkIn.allowed || temperature?.abnormal) return;
        if (needsAcknowledgement(selected.staffWarnings) && !staffAcknowledged) return;
        const flowId = get().flowId;
        const visitId = existingVisitId ?? deps.newVisitId();
        patch({ confirming: true, visitId, error: null });
        try {
          const reading = bodyTemperatureC(temperature);
          const issued = await deps.api.call('checkin.confirm', {
            bookingId: selected.id,
            visitId,
            ...(reading === undefined ? {} : { temperatureC: reading }),
            ...(staffAcknowledged ? { staffAcknowledged: true } : {}),
            // the face photo's answer, when the visitor gave one: never required (不拍照 or no answer checks in alike)
            ...(face ? { face: faceConsentInput(face) } : {}),
          });
          if (!stillCurrent(flowId)) return;
          set((state) => ({ screen: 'pass', checkin: { ...state.checkin, confirming: false, issued, print: initialPassPrint() } }));
        } catch (error) {
          if (!stillCurrent(flowId)) return;
          const uiError = uiErrorFrom(error);
          patch({ confirming: false, error: uiError });
          // The booking may have changed (cancelled, already arrived): show what it is now.
          if (!isTransportError(uiError)) await refreshSelected(selected.id, flowId);
        }
      },
    };

    async function refreshSelected(bookingId: string, flowId: number): Promise<void> {
      try {
        const booking = await deps.api.call('bookings.get', { bookingId });
        if (stillCurrent(flowId) && get().checkin.selected?.id === bookingId) patch({ selected: booking });
      } catch {
        // keep what is shown; the error banner already explains the failure
      }
    }
  };
