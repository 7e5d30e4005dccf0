/**
 * Face photos at the kiosk (issue 10): the consent recorded with the walk-in (granted or refused, the text's version,
 * when, which kiosk) and the photo as a file in the kiosk's data folder (`face-photos/`, folder 0700, file 0600: the
 * renderer's static files never reach it), named by a random id; shown to staff only (walkin.facePhoto); removed by
 * retention with the visit and booking it belongs to. Uploaded to the cloud only where the policy allows it
 * (photoUpload.ts: faceUploadAllowed, off by default). A photo must be a real JPEG of at most 100 KB with sane dimensions, else walkin_photo_invalid.
 */
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FACE_PHOTO_MAX_BYTES, type FaceConsentInput, type FacePhotoView } from '../../../shared/facePhoto';
import { IpcCallError } from '../../../shared/ipc';
import { readJpegFrame } from '../../../shared/jpeg';
import { ensurePrivateDir, PRIVATE_FILE_MODE, tightenFile } from '../../../platform/privateFiles';
import { blacklistKeysOf } from '../../../shared/blacklistKey';
import type { SignedCommand } from '../../../shared/sync';
import type { KioskDb } from '../db/openDb';
import { enqueueCommand } from '../db/outboxStore';
import { photoUploadCommand, type PhotoUploadDeps } from './photoUpload';

export type { PhotoUploadDeps };

export const facePhotoDir = (dataDir: string): string => join(dataDir, 'face-photos');

const MIN_SIDE = 64;
const MAX_SIDE = 2048;
const FILE_NAME = /^[0-9a-f-]{36}\.jpg$/;

/** The JPEG's dimensions from its frame header; walkin_photo_invalid for anything else. */
export function checkJpeg(bytes: Buffer): { width: number; height: number } {
  const bad = (why: string) => new IpcCallError('walkin_photo_invalid', `the face photo is refused: ${why}`);
  if (bytes.length > FACE_PHOTO_MAX_BYTES) throw bad(`${bytes.length} bytes, more than ${FACE_PHOTO_MAX_BYTES}`);
  const frame = readJpegFrame(bytes);
  if (!frame.ok) throw bad(frame.problem === 'not_jpeg' ? 'not a JPEG' : frame.problem === 'truncated' ? 'a truncated JPEG' : 'a JPEG without a frame header');
  const { width, height } = frame;
  if (width < MIN_SIDE || height < MIN_SIDE || width > MAX_SIDE || height > MAX_SIDE) throw bad(`absurd dimensions ${width}×${height}`);
  return { width, height };
}

export interface FaceConsentRecord {
  bookingId: string;
  visitId: string | undefined;
  kioskId: string;
  face: FaceConsentInput;
  now: Date;
}

/**
 * The walk-in's photo checked (decodeFacePhoto) and, where the policy in effect now allows upload, its signed command
 * for the cloud's visitor library (photoUpload.ts), the lead named by the keys of their ID number and phone.
 */
export async function prepareFacePhoto(
  deps: PhotoUploadDeps,
  face: FaceConsentInput | undefined,
  lead: { idNumber: string; phone?: string | undefined; bookingId: string },
  at: Date,
): Promise<{ photo: Buffer | undefined; upload: SignedCommand | undefined }> {
  const photo = decodeFacePhoto(face);
  if (photo === undefined || face === undefined) return { photo, upload: undefined };
  const keys = blacklistKeysOf({ idNumber: lead.idNumber, phone: lead.phone });
  const of = { idKey: keys.idNumberHash, phoneKey: keys.phoneHash, source: 'walkin' as const, bookingId: lead.bookingId, face };
  return { photo, upload: await photoUploadCommand(deps, of, at) };
}

/** The photo's bytes checked before anything is written (bad input changes nothing). */
export function decodeFacePhoto(face: FaceConsentInput | undefined): Buffer | undefined {
  if (face?.photoJpegBase64 === undefined) return undefined;
  const bytes = Buffer.from(face.photoJpegBase64, 'base64');
  checkJpeg(bytes);
  return bytes;
}

/**
 * Records the consent and writes the photo (mode 0600), and puts its upload command (prepareFacePhoto) in the outbox:
 * call inside the registration's transaction, so a failed write leaves no consent row and no command (a file left by
 * a failed commit is swept by purgeFaceData).
 */
export function recordFaceConsent(db: KioskDb, dir: string, record: FaceConsentRecord, photo: Buffer | undefined, upload?: SignedCommand): void {
  let file: string | null = null;
  if (photo !== undefined && record.face.decision === 'granted') {
    ensurePrivateDir(dir);
    file = `${randomUUID()}.jpg`;
    writeFileSync(join(dir, file), photo, { mode: PRIVATE_FILE_MODE, flag: 'wx' });
    tightenFile(join(dir, file));
  }
  db.prepare(
    `INSERT INTO face_consents (booking_id, visit_id, kiosk_id, decision, text_version, decided_at, recorded_at, photo_file)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    record.bookingId,
    record.visitId ?? null,
    record.kioskId,
    record.face.decision,
    record.face.textVersion,
    record.face.decidedAt,
    record.now.toISOString(),
    file,
  );
  if (upload !== undefined && file !== null) enqueueCommand(db, upload);
}

interface ConsentRow {
  booking_id: string;
  kiosk_id: string;
  decision: 'granted' | 'refused';
  text_version: string;
  decided_at: string;
  photo_file: string | null;
}

/** A registration's consent and photo, for staff. */
export function facePhotoOf(db: KioskDb, dir: string, bookingId: string): FacePhotoView | null {
  const row = db.prepare(`SELECT * FROM face_consents WHERE booking_id = ?`).get(bookingId) as ConsentRow | undefined;
  if (!row) return null;
  let photoDataUrl: string | undefined;
  if (row.photo_file !== null && FILE_NAME.test(row.photo_file)) {
    try {
      photoDataUrl = `data:image/jpeg;base64,${readFileSync(join(dir, row.photo_file)).toString('base64')}`;
    } catch {
      photoDataUrl = undefined; // removed by hand: the consent still stands
    }
  }
  return {
    decision: row.decision,
    textVersion: row.text_version,
    decidedAt: row.decided_at,
    kioskId: row.kiosk_id,
    ...(photoDataUrl !== undefined ? { photoDataUrl } : {}),
  };
}

/**
 * Retention: a consent (and its photo) recorded before the cut-off goes once its booking and its visit are gone
 * (retention.ts removed them, or will at the same cut-off); any photo file no consent names is removed too.
 */
export function purgeFaceData(db: KioskDb, dir: string, cutoffIso: string): { consents: number; photos: number } {
  const consents = db
    .prepare(
      `DELETE FROM face_consents WHERE recorded_at < ?
         AND NOT EXISTS (SELECT 1 FROM bookings b WHERE b.id = face_consents.booking_id)
         AND (visit_id IS NULL OR NOT EXISTS (SELECT 1 FROM visits v WHERE v.id = face_consents.visit_id))`,
    )
    .run(cutoffIso).changes;
  // a registered photo (registeredPhotos.ts) goes once none of its person's visits is left here
  db.prepare(
    `DELETE FROM registered_photos WHERE replaced_at < ?
       AND NOT EXISTS (SELECT 1 FROM visits v WHERE v.id_key = registered_photos.person_key OR v.phone_key = registered_photos.person_key)`,
  ).run(cutoffIso);
  let files: string[];
  try {
    files = readdirSync(dir);
  } catch {
    return { consents, photos: 0 };
  }
  const named = new Set(
    (
      db.prepare(`SELECT photo_file FROM face_consents WHERE photo_file IS NOT NULL UNION ALL SELECT photo_file FROM registered_photos`).all() as {
        photo_file: string;
      }[]
    ).map((r) => r.photo_file),
  );
  let photos = 0;
  for (const f of files) {
    if (named.has(f)) continue;
    rmSync(join(dir, f), { force: true, recursive: true });
    photos++;
  }
  return { consents, photos };
}
