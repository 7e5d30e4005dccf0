import type { StateCreator } from 'zustand/vanilla';
import type { RegisteredPhotoLookup } from '../../../shared/contract/walkin';
import { Phone } from '../../../shared/domain';
import type { KioskState, StoreDeps } from '../../state/types';
import { uiErrorFrom } from '../../state/uiError';
import { FACE_CONSENT_TEXT_VERSION } from '../face/messages';
import { initialReplacePhoto } from './initialState';
import type { ReplacePhotoSlice, ReplacePhotoState } from './types';

/** The session is gone (locked by idle or by another path): the staff unlock again. */
const SESSION_GONE = new Set(['walkin_staff_only', 'admin_locked']);

/**
 * 替换注册照片 in the renderer: the staff session's token goes with every call; the core checks it, the consent and
 * the photo. Nothing is written before 确认替换; an answer to an earlier look-up (another card, another phone) is
 * dropped.
 */
export const createReplacePhotoSlice =
  (deps: StoreDeps): StateCreator<KioskState, [], [], ReplacePhotoSlice> =>
  (set, get) => {
    const patch = (changes: Partial<ReplacePhotoState>): void => set((state) => ({ replacePhoto: { ...state.replacePhoto, ...changes } }));
    let generation = 0;

    const failed = (error: unknown): void => {
      const uiError = uiErrorFrom(error);
      if (SESSION_GONE.has(uiError.code)) get().lockAdminToPad();
      else patch({ busy: false, error: uiError });
    };

    const find = async (lookup: RegisteredPhotoLookup): Promise<void> => {
      const session = get().admin.session;
      if (!session) return;
      const mine = ++generation;
      patch({ ...initialReplacePhoto(), phone: get().replacePhoto.phone, lookup, busy: true });
      try {
        const view = await deps.api.call('walkin.registeredPhoto', { session: session.token, ...lookup });
        if (mine === generation) patch({ busy: false, view, step: 'current' });
      } catch (error) {
        if (mine === generation) failed(error);
      }
    };

    return {
      replacePhoto: initialReplacePhoto(),

      setReplacePhotoPhone: (phone) => patch({ phone: phone.replace(/\D/g, '').slice(0, 11), error: null }),

      findReplacePhotoByPhone: async () => {
        const phone = Phone.safeParse(get().replacePhoto.phone);
        if (phone.success) await find({ phone: phone.data });
      },

      receiveReplacePhotoCard: (card) => {
        const { screen, admin, replacePhoto } = get();
        if (screen !== 'adminHome' || admin.section !== 'photo' || !admin.session) return;
        if (replacePhoto.step !== 'find' && replacePhoto.step !== 'current') return;
        void find({ cardRef: card.cardRef });
      },

      askReplacePhotoConsent: () => {
        if (get().replacePhoto.view) patch({ step: 'consent', refused: false, error: null });
      },

      agreeReplacePhoto: (textVersion) => patch({ step: 'capture', agreedAt: new Date().toISOString(), agreedTo: textVersion, error: null }),

      refuseReplacePhoto: () => patch({ step: 'current', agreedAt: null, agreedTo: null, photo: null, refused: true }),

      takeReplacePhoto: ({ jpegBase64, dataUrl }) => {
        const agreedAt = get().replacePhoto.agreedAt;
        if (agreedAt !== null) patch({ step: 'preview', photo: { jpegBase64, dataUrl, decidedAt: agreedAt } });
      },

      retakeReplacePhoto: () => patch({ step: 'capture', photo: null, error: null }),

      confirmReplacePhoto: async () => {
        const { lookup, photo, busy } = get().replacePhoto;
        const session = get().admin.session;
        if (!session || !lookup || !photo || busy) return;
        const mine = generation;
        patch({ busy: true, error: null });
        try {
          const done = await deps.api.call('walkin.replacePhoto', {
            session: session.token,
            ...lookup,
            face: {
              decision: 'granted',
              textVersion: get().replacePhoto.agreedTo ?? FACE_CONSENT_TEXT_VERSION,
              decidedAt: photo.decidedAt,
              photoJpegBase64: photo.jpegBase64,
            },
          });
          if (mine === generation) patch({ busy: false, step: 'done', replaced: done.replaced, photo: null });
        } catch (error) {
          if (mine === generation) failed(error);
        }
      },

      cancelReplacePhoto: () => {
        generation++;
        set({ replacePhoto: initialReplacePhoto() });
      },
    };
  };
