import type { StateCreator } from 'zustand/vanilla';
import { BodyTemperatureC } from '../../../shared/domain';
import type { TemperatureReading } from '../../../shared/ipc';
import type { KioskState, StoreDeps } from '../../state/types';
import type { TemperatureSlice } from './types';
import { uiErrorFrom } from '../../state/uiError';

/** Whether check-in accepts the reading as a body temperature (the contract's range); others are no measurement. */
export const isBodyReading = (reading: TemperatureReading): boolean => BodyTemperatureC.safeParse(reading.celsius).success;

/** The reading to send with checkin.confirm, when there is one of a body. */
export const bodyTemperatureC = (reading: TemperatureReading | null): number | undefined => (reading && isBodyReading(reading) ? reading.celsius : undefined);

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
