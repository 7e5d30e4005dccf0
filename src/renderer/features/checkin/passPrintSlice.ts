import type { StateCreator } from 'zustand/vanilla';
import type { KioskState, StoreDeps } from '../../state/types';
import type { PassPrintSlice, PassPrintState } from './types';
import { uiErrorFrom } from '../../state/uiError';

/**
 * The pass screen's "print pass" on the ESC/POS printer: one job at a time, the result (or the error's code) kept
 * for the screen. An answer for a pass no longer shown (the visitor went home meanwhile) is dropped.
 */
export const createPassPrintSlice =
  (deps: StoreDeps): StateCreator<KioskState, [], [], PassPrintSlice> =>
  (set, get) => {
    const patchPrint = (print: PassPrintState): void => set((state) => ({ checkin: { ...state.checkin, print } }));
    const stillShowing = (flowId: number, visitId: string): boolean =>
      get().flowId === flowId && get().screen === 'pass' && get().checkin.issued?.visit.id === visitId;

    return {
      printPass: async () => {
        const { issued, print } = get().checkin;
        if (!issued || print.status === 'printing') return;
        const flowId = get().flowId;
        const visitId = issued.visit.id;
        patchPrint({ status: 'printing', error: null });
        try {
          await deps.api.call('pass.print', { visitId });
          if (stillShowing(flowId, visitId)) patchPrint({ status: 'printed', error: null });
        } catch (error) {
          if (stillShowing(flowId, visitId)) patchPrint({ status: 'failed', error: uiErrorFrom(error) });
        }
      },
    };
  };
