/**
 * The visitor's answer to the face photo's consent and the photo taken, as the desk keeps it until the visit is
 * recorded (walk-in registration, booked check-in), and as the core's `face` input (the photo only with consent).
 */
import type { FaceConsentInput, PassThumbnail } from '../../../shared/facePhoto';

export interface FaceAnswer {
  decision: 'granted' | 'refused';
  decidedAt: string;
  textVersion: string;
  photo: { jpegBase64: string; dataUrl: string; passThumbnail?: PassThumbnail } | null;
}

/** The visitor answered now, to the consent text of `textVersion` (useFaceConsentText): granted with the photo taken, or refused (no photo). */
export function answerFace(
  decision: FaceAnswer['decision'],
  photo: { jpegBase64: string; dataUrl: string; passThumbnail: PassThumbnail } | null,
  textVersion: string,
): FaceAnswer {
  return {
    decision,
    decidedAt: new Date().toISOString(),
    textVersion,
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
