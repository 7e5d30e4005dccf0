import type { StateCreator } from 'zustand/vanilla';
import type { TemperatureReading } from '../../shared/ipc';
import type { KioskState, StoreDeps, TemperatureSlice } from './types';
import { uiErrorFrom } from './uiError';

/** What check-in accepts as a body temperature (the contract's range); other readings are no measurement. */
export const BODY_RANGE_C = { min: 30, max: 45 } as const;

export const isBodyReading = (reading: TemperatureReading): boolean => reading.celsius >= BODY_RANGE_C.min && reading.celsius <= BODY_RANGE_C.max;

/** The reading to send with checkin.confirm, when there is one of a body. */
export const bodyTemperatureC = (reading: TemperatureReading | null): number | undefined =>
  reading && isBodyReading(reading) ? reading.celsius : undefined;

/** The thermometer on booking details: measure on request; readings pushed by the core show too. */
export const createTemperatureSlice =
  (deps: StoreDeps): StateCreator<KioskState, [], [], TemperatureSlice> =>
  (set, get) => {
    const patch = (changes: Partial<KioskState['checkin']>): void => set((state) => ({ checkin: { ...state.checkin, ...changes } }));
    const onDetailsOf = (bookingId: string): boolean => get().screen === 'bookingDetails' && get().checkin.selected?.id === bookingId;

    return {
      receiveTemperature: (reading) => {
        if (get().screen === 'bookingDetails') patch({ temperature: reading });
      },

      takeTemperature: async () => {
        const { selected, measuring } = get().checkin;
        if (!selected || measuring) return;
        patch({ measuring: true, error: null });
        try {
          const reading = await deps.api.call('devices.readTemperature', {});
          if (onDetailsOf(selected.id)) patch({ measuring: false, temperature: reading });
        } catch (error) {
          if (onDetailsOf(selected.id)) patch({ measuring: false, error: uiErrorFrom(error) });
        }
      },
    };
  };
