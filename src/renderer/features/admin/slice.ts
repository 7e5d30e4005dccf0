import type { StateCreator } from 'zustand/vanilla';
import { PIN_MAX_DIGITS, pinWeakness, SECTIONS_BY_ROLE } from '../../../shared/adminPin';
import type { AdminSession } from '../../../shared/contract/admin';
import type { IpcInput, IpcOutput } from '../../../shared/ipc';
import type { KioskState, StoreDeps } from '../../state/types';
import { uiErrorFrom } from '../../state/uiError';
import { initialAdmin } from './initialState';
import { callWithAdminSession } from './sessionCall';
import type { AdminSlice, AdminState } from './types';

const KEEP_ALIVE_EVERY_MS = 20_000;

/**
 * Kiosk administration in the renderer: the PIN pad and the admin home. The renderer holds the core's session token
 * only while the admin home is open; the core decides what the token may do and when it locks.
 */
export const createAdminFeatureSlice =
  (deps: StoreDeps): StateCreator<KioskState, [], [], AdminSlice> =>
  (set, get) => {
    const { api } = deps;
    const patch = (changes: Partial<AdminState>): void => set((state) => ({ admin: { ...state.admin, ...changes } }));
    let lastKeepAlive = 0;

    /** runs an admin call with the session (src/renderer/features/admin/sessionCall.ts) on the admin home's state */
    const withSession = (work: (token: string) => Promise<Partial<AdminState> | undefined>): Promise<void> =>
      callWithAdminSession(get, { current: () => get().admin, patch, reset: { result: null } }, work);

    const enter = (session: AdminSession): void => {
      // a kiosk the platform disabled: the admin comes to enrol it again
      const revoked = session.role === 'admin' && get().sync?.phase === 'revoked';
      const section = revoked ? 'enrolment' : (SECTIONS_BY_ROLE[session.role][0] ?? 'sync');
      patch({ session, section, pin: '', firstPin: '', step: 'enter', notice: null, waitUntil: null, busy: false, error: null });
      set({ screen: 'adminHome' });
      lastKeepAlive = Date.now();
      if (session.role === 'admin') void get().loadAdminOverview();
    };

    return {
      admin: initialAdmin(),

      openAdmin: async () => {
        const screen = get().screen;
        if (screen === 'adminPin' || screen === 'adminHome') return;
        get().goHome();
        set({ screen: 'adminPin' });
        patch({ busy: true });
        try {
          const status = await api.call('admin.status', {});
          if (get().screen !== 'adminPin') return;
          patch({
            busy: false,
            mode: status.adminPinSet ? 'unlock' : 'setup',
            staffPinSet: status.staffPinSet,
            lockAfterS: status.lockAfterS,
            waitUntil: status.waitUntil !== undefined ? Date.parse(status.waitUntil) : null,
            notice: status.waitUntil !== undefined ? 'wait' : null,
          });
        } catch (error) {
          patch({ busy: false, error: uiErrorFrom(error) });
        }
      },

      setAdminPin: (pin) => {
        const digits = pin.replace(/\D/g, '').slice(0, PIN_MAX_DIGITS);
        patch({ pin: digits, ...(get().admin.notice === 'wait' ? {} : { notice: null }), error: null });
      },

      submitAdminPin: async () => {
        const admin = get().admin;
        if (admin.busy || admin.pin === '') return;
        if (admin.waitUntil !== null && admin.waitUntil > Date.now()) {
          patch({ notice: 'wait', pin: '' });
          return;
        }
        if (admin.mode === 'setup') {
          if (admin.step === 'enter') {
            if (pinWeakness(admin.pin)) patch({ notice: 'weak', pin: '' });
            else patch({ step: 'confirm', firstPin: admin.pin, pin: '', notice: null });
            return;
          }
          if (admin.pin !== admin.firstPin) {
            patch({ step: 'enter', firstPin: '', pin: '', notice: 'mismatch' });
            return;
          }
        }
        patch({ busy: true, error: null, notice: null });
        try {
          if (admin.mode === 'setup') {
            enter(await api.call('admin.setupPin', { pin: admin.pin }));
            return;
          }
          const result = await api.call('admin.unlock', { pin: admin.pin });
          if (get().screen !== 'adminPin') return;
          if (result.ok) enter(result.session);
          else patch({ busy: false, pin: '', notice: result.reason, waitUntil: Date.parse(result.retryAt) });
        } catch (error) {
          patch({ busy: false, pin: '', firstPin: '', step: 'enter', error: uiErrorFrom(error) });
        }
      },

      lockAdmin: () => {
        const token = get().admin.session?.token;
        get().goHome();
        if (token !== undefined) get().releaseAdminSession(token);
      },

      lockAdminToPad: () => {
        get().lockAdmin();
        void get().openAdmin();
      },

      releaseAdminSession: (token) => {
        if (get().admin.session?.token === token) patch({ session: null, overview: null });
        api.call('admin.lock', { session: token }).catch((error: unknown) => {
          // the core locks it anyway once it has been idle for its lock time
          console.warn(`[passdesk] admin.lock failed: ${uiErrorFrom(error).code}`);
        });
      },

      adminActivity: () => {
        const session = get().admin.session;
        if (!session || Date.now() - lastKeepAlive < KEEP_ALIVE_EVERY_MS) return;
        lastKeepAlive = Date.now();
        api
          .call('admin.status', { session: session.token })
          .then((status) => {
            if (get().admin.session?.token !== session.token) return;
            if (status.session) patch({ session: { ...session, expiresAt: status.session.expiresAt } });
            else get().lockAdminToPad();
          })
          .catch((error: unknown) => console.warn(`[passdesk] admin.status failed: ${uiErrorFrom(error).code}`));
      },

      showAdminSection: (section) => {
        const role = get().admin.session?.role;
        if (role && SECTIONS_BY_ROLE[role].includes(section)) patch({ section, result: null, error: null });
      },

      loadAdminOverview: () =>
        withSession(async (session) => {
          const overview = await api.call('admin.overview', { session });
          return { overview };
        }),

      adminSyncNow: () =>
        withSession(async () => {
          set({ sync: await api.call('sync.now', {}) });
          return undefined;
        }),

      saveAdminPolicy: (policy) =>
        withSession(async (session) => {
          const saved = await api.call('admin.updatePolicy', { session, policy });
          // the language, the idle time and the threshold shown everywhere come from the settings: read them again
          await get().refreshSystem();
          const overview = get().admin.overview;
          return { result: { kind: 'policy' }, overview: overview ? { ...overview, policy: saved } : overview };
        }),

      testThermometer: () =>
        withSession(async (session) => ({ result: { kind: 'thermometer', reading: await api.call('admin.testThermometer', { session }) } })),

      testPrinter: () =>
        withSession(async (session) => {
          const r = await api.call('admin.testPrinter', { session });
          return { result: { kind: 'printer', printer: r.result === 'printed' ? r.printer : null } };
        }),

      checkDatabase: () =>
        withSession(async (session) => {
          const r = await api.call('admin.checkDatabase', { session });
          return { result: { kind: 'database', ...r } };
        }),

      changeAdminPin: (current, pin) =>
        withSession(async (session) => {
          await api.call('admin.changePin', { session, current, pin });
          return { result: { kind: 'pinChanged' } };
        }),

      adminSectionCall: async (name, input) => {
        let answer: IpcOutput<typeof name> | undefined;
        await withSession(async (session) => {
          answer = await api.call(name, { ...input, session } as IpcInput<typeof name>);
          return undefined;
        });
        return answer;
      },

      loadEnrolment: () => withSession(async (session) => ({ enrolment: await api.call('admin.enrolment', { session }) })),

      enrolKiosk: (input) =>
        withSession(async (session) => {
          const enrolment = await api.call('admin.enrol', { session, ...input });
          // the site's name and the kiosk's id shown everywhere: read them again
          await get().refreshSystem();
          return { enrolment, result: { kind: 'enrolled' } };
        }),

      leaveEnrolment: (discardPending) =>
        withSession(async (session) => {
          const enrolment = await api.call('admin.leaveEnrolment', { session, discardPending });
          await get().refreshSystem();
          return { enrolment, result: { kind: 'left' } };
        }),

      setStaffPin: (pin) =>
        withSession(async (session) => {
          const status = await api.call('admin.setStaffPin', { session, pin });
          return { result: { kind: 'staffPin' }, staffPinSet: status.staffPinSet };
        }),
    };
  };
