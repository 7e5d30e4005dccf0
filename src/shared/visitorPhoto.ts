/**
 * A registered face photo sent to the cloud's visitor library (issue 10): only when the kiosk's policy in effect
 * allows it (faceUploadAllowed, off by default) at the time the photo is taken, as ONE signed `uploadVisitorPhoto`
 * command the cloud applies once by its id. The visitor is named by the visitor library's keys (blacklist keys:
 * SHA-256 hex of the normalised ID number, else of the phone; never the number), the consent by its text's version
 * and time (the kiosk is the command's). The cloud keeps one photo per visitor of a site: a newer one replaces the
 * older one's bytes. Runs everywhere: no Node, DOM or Electron imports.
 */
import { z } from 'zod';
import { Id, Instant } from './domain';
import { FACE_PHOTO_MAX_BYTES } from './facePhoto';
import { readJpegFrame } from './jpeg';
import { PersonKey } from './kioskDirectory';

/** A push's body is at most this many bytes (the cloud answers 413 body_too_large above it; the kiosk batches below it). */
export const PUSH_BODY_LIMIT = 1024 * 1024;

/** The cloud's bounds for a registered photo: at most FACE_PHOTO_MAX_BYTES decoded, sides in [min, max] pixels. */
export const VISITOR_PHOTO_MIN_SIDE = 100;
export const VISITOR_PHOTO_MAX_SIDE = 2000;

export const VisitorPhotoUpload = z
  .object({
    /** the key of the visitor's ID number: the library's entry tried first */
    idKey: PersonKey.optional(),
    /** the key of the visitor's phone number: tried when the ID key finds nobody */
    phoneKey: PersonKey.optional(),
    /**
     * walkin: taken at a walk-in's registration with the visitor's consent; checkin: at a booked visitor's check-in
     * (the cloud stores it for the visitor its applied check-in put in the library); replaced: staff replaced it
     */
    source: z.enum(['walkin', 'checkin', 'replaced']),
    /** the walk-in's main bill (source walkin); the booking checked in (source checkin: required) */
    bookingId: Id.optional(),
    /** the visitor's consent: the version of the text shown and when they gave it (at the command's kiosk) */
    consent: z
      .object({
        textVersion: z.string().regex(/^[a-z0-9][a-z0-9.-]{0,39}$/),
        decidedAt: Instant,
      })
      .strict(),
    /**
     * the photo, JPEG, base64; bounded here only by the push's size, so that the cloud refuses a photo too large,
     * not a JPEG or of absurd dimensions with its own code (photo_too_large, photo_not_jpeg, photo_dimensions)
     */
    photoJpegBase64: z
      .string()
      .max(PUSH_BODY_LIMIT)
      .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'base64'),
  })
  .strict()
  .refine((p) => p.idKey !== undefined || p.phoneKey !== undefined, { error: 'idKey or phoneKey is required' })
  .refine((p) => p.source !== 'checkin' || p.bookingId !== undefined, { error: 'a check-in photo names its booking (bookingId)' });
export type VisitorPhotoUpload = z.infer<typeof VisitorPhotoUpload>;

export type VisitorPhotoProblem = 'photo_not_jpeg' | 'photo_too_large' | 'photo_dimensions';

/** The photo's bytes and dimensions, or why the cloud refuses it (changing nothing). */
export function checkVisitorPhoto(bytes: Uint8Array): { ok: true; width: number; height: number } | { ok: false; code: VisitorPhotoProblem; message: string } {
  if (bytes.length > FACE_PHOTO_MAX_BYTES) {
    return { ok: false, code: 'photo_too_large', message: `the photo is ${bytes.length} bytes, more than ${FACE_PHOTO_MAX_BYTES}` };
  }
  const frame = readJpegFrame(bytes);
  if (!frame.ok) return { ok: false, code: 'photo_not_jpeg', message: `the photo is not a readable JPEG (${frame.problem})` };
  const { width, height } = frame;
  const sane = (side: number) => side >= VISITOR_PHOTO_MIN_SIDE && side <= VISITOR_PHOTO_MAX_SIDE;
  if (!sane(width) || !sane(height)) {
    return {
      ok: false,
      code: 'photo_dimensions',
      message: `the photo is ${width}×${height} pixels; each side must be ${VISITOR_PHOTO_MIN_SIDE} to ${VISITOR_PHOTO_MAX_SIDE}`,
    };
  }
  return { ok: true, width, height };
}
