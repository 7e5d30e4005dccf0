/**
 * The face photo's consent and bytes as they cross the contract (issue 10): the visitor's separate consent
 * (granted or refused, the consent text's version, when) and, only when granted, the photo the kiosk took: a JPEG
 * of at most FACE_PHOTO_MAX_BYTES, base64, and its small grayscale thumbnail for the printed pass (PassThumbnail:
 * the renderer has the photo as an image already, so the core never decodes a JPEG). The core checks the JPEG's
 * bytes itself (src/main/core/face/facePhotos.ts). Walk-in registration and booked check-in send the same input.
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

/** The printed pass's thumbnail: 8-bit gray, row-major, 0 = black; the printer dithers it to its own width. */
export const PASS_THUMBNAIL_WIDTH = 120;
export const PASS_THUMBNAIL_HEIGHT = 160;

/** decoded length of a padded base64 string */
const base64Bytes = (s: string): number => (s.length / 4) * 3 - (s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0);

export const PassThumbnail = z
  .object({
    width: z.number().int().min(96).max(160),
    height: z.number().int().min(96).max(240),
    /** width × height gray bytes, base64 */
    grayBase64: z
      .string()
      .max(Math.ceil((160 * 240) / 3) * 4)
      .regex(/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/),
  })
  .strict()
  .refine((t) => base64Bytes(t.grayBase64) === t.width * t.height, { error: 'the thumbnail holds width × height gray bytes' });
export type PassThumbnail = z.infer<typeof PassThumbnail>;

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
    /** with the photo only: its thumbnail for the printed pass (printers with raster) */
    passThumbnail: PassThumbnail.optional(),
  })
  .strict()
  .refine((f) => f.photoJpegBase64 === undefined || f.decision === 'granted', { error: 'a photo only with consent' })
  .refine((f) => f.passThumbnail === undefined || f.photoJpegBase64 !== undefined, { error: 'a thumbnail only with its photo' });
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
