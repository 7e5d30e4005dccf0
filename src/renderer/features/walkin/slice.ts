import type { StateCreator } from 'zustand/vanilla';
import type { KioskState, StoreDeps } from '../../state/types';
import { uiErrorFrom } from '../../state/uiError';
import { initialPassPrint } from '../checkin/initialState';
import { isBodyReading } from '../checkin/temperatureSlice';
import { initialWalkIn } from './initialState';
import { registrationInput } from './request';
import type { WalkInPassView } from '../../../shared/ipc';
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

    /** the pass screen with the lead's pass, the companions' below it */
    const showPasses = (passes: readonly WalkInPassView[]): void => {
      const lead = passes[0];
      if (!lead) return;
      set((state) => ({
        screen: 'pass',
        walkin: { ...state.walkin, submitting: false, hostWait: null, companionPasses: passes.slice(1), companionPrint: {} },
        checkin: { ...state.checkin, issued: { visit: lead.visit, pass: lead.pass }, print: initialPassPrint() },
      }));
    };

    return {
      walkin: initialWalkIn(),

      openWalkIn: () => {
        // a new flow in the same visitor's session: a card read on home or check-in stays held for the form
        get().beginFlow('walkin');
        const flowId = get().flowId;
        later(flowId, deps.api.call('walkin.options', {}), (options) => patch({ options }));
        later(flowId, deps.api.call('walkin.today', {}), ({ visitors }) => patch({ today: visitors }));
        void get().refreshWalkInWaits();
      },

      openWalkInWithCard: (card) => {
        get().openWalkIn();
        get().receiveWalkInCard(card);
      },

      receiveWalkInCard: (card) => {
        // the form is behind the waiting screen while the host decides: a card read then changes nothing
        if (get().screen !== 'walkin' || get().walkin.hostWait !== null) return;
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

      setWalkInFace: (face) => patch({ face, error: null }),

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
          // a visit the cloud found (another kiosk's) gives no phone to reuse: it is typed
          ...(last.visitId !== undefined ? { reusedPhone: { visitId: last.visitId, phoneMasked: last.phoneMasked } } : {}),
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
            const screening = await deps.api.call('walkin.screen', registrationInput(get().walkin, registrationId, { face: false }));
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
          if (registered.hostWait) {
            const { hostWait } = registered;
            // a decision event may have come first: it stands
            set((state) => ({
              walkin: {
                ...state.walkin,
                submitting: false,
                hostWait: state.walkin.hostWait ?? {
                  registrationId,
                  bookingId: registered.bookingId,
                  hostNameMasked: hostWait.hostNameMasked,
                  offlineFallback: hostWait.offlineFallback,
                  state: 'waiting',
                  since: Date.now(),
                  busy: false,
                },
              },
            }));
            return;
          }
          showPasses(registered.passes);
        } catch (error) {
          if (inFlow(flowId)) patch({ submitting: false, error: uiErrorFrom(error) });
        }
      },

      receiveWalkInDecision: (event) => {
        const w = get().walkin;
        if (get().screen !== 'walkin') return;
        // the 等待中的访客 list follows every wait's event
        if (w.waits?.some((x) => x.registrationId === event.registrationId)) {
          const ended = event.state !== 'waiting' && event.state !== 'connection_lost';
          patch({
            waits: w.waits.map((x) => (x.registrationId === event.registrationId ? { ...x, state: event.state, ...(ended ? { outcome: event } : {}) } : x)),
          });
        }
        if (w.registrationId !== event.registrationId) return;
        if (event.state === 'approved') {
          showPasses(event.passes ?? []);
          return;
        }
        const current = w.hostWait;
        patch({
          submitting: false,
          hostWait: {
            registrationId: event.registrationId,
            bookingId: event.bookingId,
            hostNameMasked: event.hostNameMasked,
            since: current?.since ?? Date.now(),
            state: event.state,
            busy: false,
            ...((event.offlineFallback ?? current?.offlineFallback) !== undefined
              ? { offlineFallback: event.offlineFallback ?? current?.offlineFallback }
              : {}),
            ...(event.reason !== undefined ? { reason: event.reason } : {}),
            ...(event.code !== undefined ? { code: event.code } : {}),
          },
        });
      },

      cancelHostWait: async () => {
        const wait = get().walkin.hostWait;
        if (!wait || wait.busy) return;
        patch({ hostWait: { ...wait, busy: true } });
        // a wait that already ended (decided meanwhile) is no error here: the desk goes home either way
        await deps.api.call('walkin.cancelWait', { registrationId: wait.registrationId }).catch(() => undefined);
        get().goHome();
      },

      refreshWalkInWaits: async () => {
        const flowId = get().flowId;
        try {
          const { waits } = await deps.api.call('walkin.waits', {});
          if (inFlow(flowId)) patch({ waits });
        } catch {
          // the list is a convenience: without it the form works as before (nothing to show)
          if (inFlow(flowId)) patch({ waits: null });
        }
      },

      resumeWalkInWait: (registrationId) => {
        const item = get().walkin.waits?.find((x) => x.registrationId === registrationId);
        if (!item || get().screen !== 'walkin') return;
        const passes = item.outcome?.passes ?? [];
        if (item.state === 'approved' && passes.length > 0) {
          patch({ registrationId });
          showPasses(passes);
          return;
        }
        const outcome = item.outcome;
        patch({
          registrationId,
          error: null,
          hostWait: {
            registrationId,
            bookingId: item.bookingId,
            hostNameMasked: item.hostNameMasked,
            offlineFallback: item.offlineFallback,
            state: item.state,
            since: Date.parse(item.registeredAt),
            busy: false,
            ...(outcome?.reason !== undefined ? { reason: outcome.reason } : {}),
            ...(outcome?.code !== undefined ? { code: outcome.code } : {}),
          },
        });
      },

      applyWalkInOfflineRule: async () => {
        const wait = get().walkin.hostWait;
        if (!wait || wait.busy) return;
        const flowId = get().flowId;
        patch({ hostWait: { ...wait, busy: true }, error: null });
        try {
          const registered = await deps.api.call('walkin.applyOfflineRule', { registrationId: wait.registrationId });
          if (inFlow(flowId)) showPasses(registered.passes);
        } catch (error) {
          if (inFlow(flowId)) patch({ hostWait: { ...wait, busy: false }, error: uiErrorFrom(error) });
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
