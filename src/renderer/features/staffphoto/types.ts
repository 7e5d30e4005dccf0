import type { RegisteredPhotoLookup, RegisteredPhotoView } from '../../../shared/contract/walkin';
import type { Visit } from '../../../shared/domain';
import type { FacePhotoView } from '../../../shared/facePhoto';
import type { IdCardRead } from '../../../shared/ipc';
import type { UiError } from '../../state/types';

/**
 * 替换注册照片, step by step: find the visitor (card or phone) → their current photo → their consent → the camera →
 * old beside new → replaced. Cancel, at any step before the confirmation, changes nothing.
 */
export type ReplacePhotoStep = 'find' | 'current' | 'consent' | 'capture' | 'preview' | 'done';

/** The new photo as taken (never kept past the flow). */
export interface NewPhoto {
  jpegBase64: string;
  dataUrl: string;
  /** when the visitor agreed (the consent's time) */
  decidedAt: string;
}

export interface ReplacePhotoState {
  step: ReplacePhotoStep;
  /** the phone typed on the find step */
  phone: string;
  /** whose photo: the card read or the phone, as the core is asked */
  lookup: RegisteredPhotoLookup | null;
  view: RegisteredPhotoView | null;
  /** the consent given (agreed) at this time, before the camera opens */
  agreedAt: string | null;
  /** the version of the consent text the visitor agreed to (useFaceConsentText: the site's, the upload one or the kiosk's own) */
  agreedTo: string | null;
  photo: NewPhoto | null;
  /** done: whether a photo was replaced (false: the visitor had none, now has one) */
  replaced: boolean | null;
  /** the visitor refused consent: back on the current photo, nothing changed */
  refused: boolean;
  busy: boolean;
  error: UiError | null;
}

export interface ReplacePhotoSlice {
  replacePhoto: ReplacePhotoState;
  setReplacePhotoPhone(phone: string): void;
  findReplacePhotoByPhone(): Promise<void>;
  /** an ID card read while the find step is open */
  receiveReplacePhotoCard(card: IdCardRead): void;
  askReplacePhotoConsent(): void;
  agreeReplacePhoto(textVersion: string): void;
  refuseReplacePhoto(): void;
  takeReplacePhoto(photo: { jpegBase64: string; dataUrl: string }): void;
  retakeReplacePhoto(): void;
  confirmReplacePhoto(): Promise<void>;
  /** back to the find step: nothing kept, nothing changed */
  cancelReplacePhoto(): void;
}

/** Today's visits for the staff, and the one whose desk photo is open. */
export interface VisitPhotosState {
  visits: Visit[] | null;
  /** the visit whose details are open */
  open: string | null;
  /** its face consent and photo: undefined while loading, null when none was asked */
  face: FacePhotoView | null | undefined;
  loading: boolean;
  error: UiError | null;
}

export interface VisitPhotosSlice {
  visitPhotos: VisitPhotosState;
  loadVisitPhotos(): Promise<void>;
  openVisitPhoto(visitId: string): Promise<void>;
  closeVisitPhoto(): void;
  forgetVisitPhotos(): void;
}

export type ReplacePhotoFeatureState = ReplacePhotoSlice & VisitPhotosSlice;
