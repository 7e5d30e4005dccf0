/**
 * The face photo's consent and bytes as they cross the contract (issue 10): the visitor's separate consent
 * (granted or refused, the consent text's version, when) and, only when granted, the photo the kiosk took: a JPEG
 * of at most FACE_PHOTO_MAX_BYTES, base64. The core checks the bytes themselves (src/main/core/walkin/facePhotos.ts).
 */
import { z } from 'zod';
import { Instant } from './domain';

/** A stored face photo is at most 100 KB. */
export const FACE_PHOTO_MAX_BYTES = 100 * 1024;
/** base64 of FACE_PHOTO_MAX_BYTES */
const MAX_BASE64 = Math.ceil(FACE_PHOTO_MAX_BYTES / 3) * 4;

/**
 * A consent text that tells the visitor the photo also goes to the site's visitor library in the cloud has a version
 * starting with this: only a consent to such a text lets the kiosk upload the photo (src/main/core/walkin/photoUpload.ts),
 * whatever the policy says.
 */
export const FACE_CONSENT_UPLOAD_PREFIX = 'face-consent-upload-';
export const consentCoversUpload = (textVersion: string): boolean => textVersion.startsWith(FACE_CONSENT_UPLOAD_PREFIX);

export const FaceConsentDecision = z.enum(['granted', 'refused']);
export type FaceConsentDecision = z.infer<typeof FaceConsentDecision>;

export const FaceConsentInput = z
  .object({
    decision: FaceConsentDecision,
    /** the version of the consent text the visitor was shown (faceConsentVersionOf, src/shared/visitPolicy.ts) */
    textVersion: z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]{0,39}$/)
      .describe('the consent text shown'),
    decidedAt: Instant,
    /** granted only: the photo, JPEG, base64 */
    photoJpegBase64: z
      .string()
      .max(MAX_BASE64)
      .regex(/^[A-Za-z0-9+/]+={0,2}$/)
      .optional(),
  })
  .strict()
  .refine((f) => f.photoJpegBase64 === undefined || f.decision === 'granted', { error: 'a photo only with consent' });
export type FaceConsentInput = z.infer<typeof FaceConsentInput>;

/** What staff see of a registration's face photo (walkin.facePhoto). */
export const FacePhotoView = z.object({
  decision: FaceConsentDecision,
  textVersion: z.string(),
  decidedAt: Instant,
  kioskId: z.string(),
  /** the photo as a data: URL (image/jpeg), when one was taken */
  photoDataUrl: z.string().optional(),
});
export type FacePhotoView = z.infer<typeof FacePhotoView>;
