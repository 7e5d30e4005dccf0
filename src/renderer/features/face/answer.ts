/**
 * The visitor's answer to the face photo's consent and the photo taken, as the desk keeps it until the visit is
 * recorded (walk-in registration, booked check-in), and as the core's `face` input (the photo only with consent).
 */
import type { FaceConsentInput, PassThumbnail } from '../../../shared/facePhoto';
import { FACE_CONSENT_TEXT_VERSION } from './messages';

export interface FaceAnswer {
  decision: 'granted' | 'refused';
  decidedAt: string;
  textVersion: string;
  photo: { jpegBase64: string; dataUrl: string; passThumbnail?: PassThumbnail } | null;
}

/** The visitor answered now: granted with the photo taken, or refused (no photo). */
export function answerFace(decision: FaceAnswer['decision'], photo: { jpegBase64: string; dataUrl: string; passThumbnail: PassThumbnail } | null): FaceAnswer {
  return {
    decision,
    decidedAt: new Date().toISOString(),
    textVersion: FACE_CONSENT_TEXT_VERSION,
    photo: photo ? { jpegBase64: photo.jpegBase64, dataUrl: photo.dataUrl, passThumbnail: photo.passThumbnail } : null,
  };
}

/** The answer as the core records it: the photo and its pass thumbnail only with consent. */
export function faceConsentInput(f: FaceAnswer): FaceConsentInput {
  const photo =
    f.decision === 'granted' && f.photo
      ? { photoJpegBase64: f.photo.jpegBase64, ...(f.photo.passThumbnail ? { passThumbnail: f.photo.passThumbnail } : {}) }
      : {};
  return { decision: f.decision, textVersion: f.textVersion, decidedAt: f.decidedAt, ...photo };
}
