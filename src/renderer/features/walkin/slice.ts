import type { StateCreator } from 'zustand/vanilla';
import type { KioskState, StoreDeps } from '../../state/types';
import { uiErrorFrom } from '../../state/uiError';
import { initialPassPrint } from '../checkin/initialState';
import { isBodyReading } from '../checkin/temperatureSlice';
import { initialWalkIn } from './initialState';
import { registrationInput } from './request';
import type { WalkInFeatureState } from './types';

/**
 * Walk-in registration (普通访客登记): the form, filled from the ID card, the visitor's last visit or one of today's
 * visitors; host search; companions by card or typed; temperature; submit → the pass screen with the lead's pass.
 */
export const createWalkInFeatureSlice =
  (deps: StoreDeps): StateCreator<KioskState, [], [], WalkInFeatureState> =>
  (set, get) => {
    const patch = (changes: Partial<KioskState['walkin']>): void => set((state) => ({ walkin: { ...state.walkin, ...changes } }));
    const patchForm = (changes: Partial<KioskState['walkin']['form']>): void =>
      set((state) => ({ walkin: { ...state.walkin, form: { ...state.walkin.form, ...changes }, error: null } }));
    /** the people changed: an earlier screening and its acknowledgement no longer hold */
    const unscreened = { screening: null, staffAcknowledged: false } as const;
    const inFlow = (flowId: number): boolean => get().flowId === flowId && get().screen === 'walkin';
    const later = <T>(flowId: number, promise: Promise<T>, then: (value: T) => void): void => {
      promise.then(
        (value) => {
          if (inFlow(flowId)) then(value);
        },
        (error: unknown) => {
          if (inFlow(flowId)) patch({ error: uiErrorFrom(error) });
        },
      );
    };

    return {
      walkin: initialWalkIn(),

      openWalkIn: () => {
        // a new flow in the same visitor's session: a card read on home or check-in stays held for the form
        get().beginFlow('walkin');
        const flowId = get().flowId;
        later(flowId, deps.api.call('walkin.options', {}), (options) => patch({ options }));
        later(flowId, deps.api.call('walkin.today', {}), ({ visitors }) => patch({ today: visitors }));
      },

      openWalkInWithCard: (card) => {
        get().openWalkIn();
        get().receiveWalkInCard(card);
      },

      receiveWalkInCard: (card) => {
        if (get().screen !== 'walkin') return;
        const w = get().walkin;
        if (w.companionCardNext) {
          patch({ companions: [...w.companions, { kind: 'card', card }], companionCardNext: false, error: null, ...unscreened });
          return;
        }
        patch({ card, lastVisit: null, reusedPhone: null, error: null, registrationId: null, ...unscreened });
        later(get().flowId, deps.api.call('walkin.lookup', { cardRef: card.cardRef }), ({ lastVisit }) => {
          if (get().walkin.card?.cardRef === card.cardRef) patch({ lastVisit });
        });
      },

      setWalkInField: (key, value) => patchForm({ [key]: value }),

      setHostQuery: (hostQuery) => patch({ hostQuery, hostResult: null }),

      searchHosts: async () => {
        const query = get().walkin.hostQuery.trim();
        if (!query) return;
        const flowId = get().flowId;
        try {
          const hostResult = await deps.api.call('hosts.search', { query });
          if (inFlow(flowId)) patch({ hostResult, ...(hostResult.result === 'found' && hostResult.hosts.length === 1 ? { host: hostResult.hosts[0] } : {}) });
        } catch (error) {
          if (inFlow(flowId)) patch({ error: uiErrorFrom(error) });
        }
      },

      chooseHost: (host) => patch({ host, error: null }),

      reuseLastVisit: () => {
        const last = get().walkin.lastVisit;
        if (!last) return;
        patch({
          reusedPhone: { visitId: last.visitId, phoneMasked: last.phoneMasked },
          ...(last.host ? { host: last.host } : {}),
        });
        patchForm({
          company: last.company ?? '',
          title: last.title ?? '',
          visitType: last.visitType ?? '',
          reason: last.reason ?? '',
          area: last.area ?? '',
          ...(last.plate ? { selfDrive: true, plate: last.plate } : {}),
        });
      },

      copyTodayVisitor: (v) => {
        if (v.host) patch({ host: v.host });
        patchForm({
          company: v.company ?? '',
          visitType: v.visitType ?? '',
          reason: v.reason,
          area: v.area ?? '',
          ...(v.plate ? { selfDrive: true, plate: v.plate } : {}),
        });
      },

      addTypedCompanion: () =>
        patch({ companions: [...get().walkin.companions, { kind: 'typed', name: '', idType: 'resident_id', idNumber: '' }], ...unscreened }),
      expectCompanionCard: () => {
        patch({ companionCardNext: true });
        // the core keeps the lead's card held when the companion's is read
        later(get().flowId, deps.api.call('walkin.companionCard', {}), () => undefined);
      },
      setCompanion: (index, companion) =>
        patch({ companions: get().walkin.companions.map((c, i) => (i === index ? companion : c)), error: null, ...unscreened }),
      removeCompanion: (index) => patch({ companions: get().walkin.companions.filter((_, i) => i !== index), ...unscreened }),

      takeWalkInTemperature: async () => {
        if (get().walkin.measuring) return;
        const flowId = get().flowId;
        patch({ measuring: true, error: null });
        try {
          const reading = await deps.api.call('devices.readTemperature', {});
          if (inFlow(flowId)) patch({ measuring: false, temperature: isBodyReading(reading) ? reading : null });
        } catch (error) {
          if (inFlow(flowId)) patch({ measuring: false, error: uiErrorFrom(error) });
        }
      },

      submitWalkIn: async () => {
        const w = get().walkin;
        if (w.submitting) return;
        if (!w.host) {
          patch({ error: { code: 'host_not_found' } });
          return;
        }
        const flowId = get().flowId;
        const registrationId = w.registrationId ?? deps.newVisitId();
        patch({ submitting: true, registrationId, error: null });
        try {
          // the blacklist first, for the staff only: a refusal reads 请联系前台 to the visitor, a warning waits for the staff
          if (!w.staffAcknowledged) {
            const screening = await deps.api.call('walkin.screen', registrationInput(get().walkin, registrationId));
            if (!inFlow(flowId)) return;
            if (screening.refused) {
              patch({ submitting: false, screening, error: { code: 'walkin_refused' } });
              return;
            }
            if (screening.staffWarnings.length > 0) {
              patch({ submitting: false, screening });
              return;
            }
            patch({ screening: null });
          }
          const input = registrationInput(get().walkin, registrationId);
          const registered = await deps.api.call('walkin.register', get().walkin.staffAcknowledged ? { ...input, staffAcknowledged: true } : input);
          if (!inFlow(flowId)) return;
          const lead = registered.passes[0];
          if (!lead) return;
          set((state) => ({
            screen: 'pass',
            walkin: { ...state.walkin, submitting: false, companionPasses: registered.passes.slice(1), companionPrint: {} },
            checkin: { ...state.checkin, issued: { visit: lead.visit, pass: lead.pass }, print: initialPassPrint() },
          }));
        } catch (error) {
          if (inFlow(flowId)) patch({ submitting: false, error: uiErrorFrom(error) });
        }
      },

      acknowledgeWalkInNote: async () => {
        const screening = get().walkin.screening;
        if (!screening || screening.refused) return;
        patch({ staffAcknowledged: true, error: null });
        await get().submitWalkIn();
      },

      printCompanionPass: async (visitId) => {
        if (get().walkin.companionPrint[visitId] === 'printing') return;
        const flowId = get().flowId;
        const mark = (status: 'printing' | 'printed' | 'failed'): void => {
          if (get().flowId === flowId) patch({ companionPrint: { ...get().walkin.companionPrint, [visitId]: status } });
        };
        mark('printing');
        try {
          await deps.api.call('pass.print', { visitId });
          mark('printed');
        } catch {
          mark('failed');
        }
      },
    };
  };
