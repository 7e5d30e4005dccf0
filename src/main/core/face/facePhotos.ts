/**
 * Face photos at the kiosk (issue 10), for walk-in registration and booked check-in alike: the consent recorded with
 * the visit (granted or refused, the text's version, when, which kiosk; keyed by the booking, the walk-in's main bill
 * or the booked visit's booking) and the photo as a file in the kiosk's data folder (`face-photos/`, folder 0700,
 * file 0600: the renderer's static files never reach it), named by a random id, with its pass thumbnail beside it
 * (`<id>.pgm`, 8-bit gray, 0600) for printers with raster; shown to staff only (walkin.facePhoto); removed by
 * retention with the visit and booking it belongs to. Uploaded to the cloud only where the policy allows it
 * (../walkin/photoUpload.ts: faceUploadAllowed, off by default). A photo must be a real JPEG of at most 100 KB with
 * sane dimensions, else walkin_photo_invalid.
 */
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FACE_PHOTO_MAX_BYTES, type FaceConsentInput, type FacePhotoView } from '../../../shared/facePhoto';
import { IpcCallError } from '../../../shared/ipc';
import { readJpegFrame } from '../../../shared/jpeg';
import { ensurePrivateDir, PRIVATE_FILE_MODE, tightenFile } from '../../../platform/privateFiles';
import { blacklistKeysOf } from '../../../shared/blacklistKey';
import type { Booking } from '../../../shared/domain';
import { bookedPersonKeys } from '../bookedPeople';
import type { SignedCommand } from '../../../shared/sync';
import type { KioskDb } from '../db/openDb';
import { enqueueCommand } from '../db/outboxStore';
import { photoUploadCommand, type PhotoUploadDeps } from '../walkin/photoUpload';

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

const writePrivate = (path: string, bytes: Buffer): void => {
  writeFileSync(path, bytes, { mode: PRIVATE_FILE_MODE, flag: 'wx' });
  tightenFile(path);
};

/** The pass thumbnail's file beside its photo's. */
const thumbnailFileOf = (photoFile: string): string => photoFile.replace(/\.jpg$/, '.pgm');

/** A binary PGM (P5): the simplest self-describing gray image. */
function encodePgm(width: number, height: number, gray: Buffer): Buffer {
  if (gray.length !== width * height) throw new IpcCallError('walkin_photo_invalid', 'the face photo is refused: a thumbnail of the wrong size');
  return Buffer.concat([Buffer.from(`P5\n${width} ${height}\n255\n`, 'ascii'), gray]);
}

/** A pass thumbnail as the printer takes it (8-bit gray pixels). */
export interface GrayThumbnail {
  width: number;
  height: number;
  channels: 1;
  data: Uint8Array;
}

function decodePgm(bytes: Buffer): GrayThumbnail | undefined {
  const m = /^P5\n(\d{2,3}) (\d{2,3})\n255\n/.exec(bytes.subarray(0, 20).toString('latin1'));
  if (!m) return undefined;
  const width = Number(m[1]);
  const height = Number(m[2]);
  const data = bytes.subarray(m[0].length);
  return data.length === width * height ? { width, height, channels: 1, data: new Uint8Array(data) } : undefined;
}

/**
 * The consent of a visit (two parameters, the visit's id twice): recorded with it, or with its booking (a walk-in
 * that waited for its host was recorded before its visit existed).
 */
const OF_VISIT = `(visit_id = ? OR booking_id = (SELECT booking_id FROM visits WHERE id = ?))`;

/** Where a desk keeps its face photos. */
export interface FacePhotoStore {
  db: KioskDb;
  facePhotoDir: string;
}

/** The pass thumbnail of a visit's consented photo (walk-in lead or booked) as the printed pass's `photo`, if any. */
export function passPhotoOf({ db, facePhotoDir: dir }: FacePhotoStore, visitId: string): { photo?: GrayThumbnail } {
  const row = db.prepare(`SELECT photo_file FROM face_consents WHERE ${OF_VISIT} AND decision = 'granted' AND photo_file IS NOT NULL`).get(visitId, visitId) as
    { photo_file: string } | undefined;
  if (!row || !FILE_NAME.test(row.photo_file)) return {};
  let photo: GrayThumbnail | undefined;
  try {
    photo = decodePgm(readFileSync(join(dir, thumbnailFileOf(row.photo_file))));
  } catch {
    photo = undefined; // none was taken (an older photo), or removed by hand: the pass prints without it
  }
  return photo ? { photo } : {};
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

/**
 * A booked check-in's photo for the cloud's visitor library, where the policy in effect now allows it (photoUpload.ts):
 * the booking's visitor named by the keys the cloud's applied check-in puts in the library (bookedPersonKeys). The
 * caller queues it after the check-in command, which the cloud must apply first (it stores the photo for that visitor).
 */
export async function bookedPhotoUpload(
  deps: PhotoUploadDeps & { db: KioskDb },
  face: FaceConsentInput | undefined,
  booking: Booking,
  at: Date,
): Promise<SignedCommand | undefined> {
  if (face === undefined) return undefined;
  return photoUploadCommand(deps, { ...bookedPersonKeys(deps.db, booking), source: 'checkin', bookingId: booking.id, face }, at);
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
    writePrivate(join(dir, file), photo);
    const thumb = record.face.passThumbnail;
    if (thumb !== undefined) writePrivate(join(dir, thumbnailFileOf(file)), encodePgm(thumb.width, thumb.height, Buffer.from(thumb.grayBase64, 'base64')));
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

/**
 * A booked check-in's consent, when the desk asked (`face` given): recorded with the booking's first visit here only
 * (a later entry keeps the first answer), with its photo's upload (bookedPhotoUpload) queued then only. Call inside
 * the check-in's transaction, like recordFaceConsent, after queueing the check-in command.
 */
export function recordFaceConsentOnce(
  store: FacePhotoStore,
  record: Omit<FaceConsentRecord, 'face'> & { face: FaceConsentInput | undefined },
  photo: Buffer | undefined,
  upload?: SignedCommand,
): void {
  const { face } = record;
  if (face === undefined || store.db.prepare('SELECT 1 FROM face_consents WHERE booking_id = ?').get(record.bookingId) !== undefined) return;
  recordFaceConsent(store.db, store.facePhotoDir, { ...record, face }, photo, upload);
}

interface ConsentRow {
  booking_id: string;
  kiosk_id: string;
  decision: 'granted' | 'refused';
  text_version: string;
  decided_at: string;
  photo_file: string | null;
}

/** A visit's consent and photo (a walk-in's or a booked check-in's), by its booking or its visit, for staff. */
export function facePhotoOf(db: KioskDb, dir: string, by: { bookingId: string } | { visitId: string }): FacePhotoView | null {
  const row = (
    'bookingId' in by
      ? db.prepare(`SELECT * FROM face_consents WHERE booking_id = ?`).get(by.bookingId)
      : db.prepare(`SELECT * FROM face_consents WHERE ${OF_VISIT}`).get(by.visitId, by.visitId)
  ) as ConsentRow | undefined;
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
    ).flatMap((r) => [r.photo_file, thumbnailFileOf(r.photo_file)]),
  );
  let photos = 0;
  for (const f of files) {
    if (named.has(f)) continue;
    rmSync(join(dir, f), { force: true, recursive: true });
    photos++;
  }
  return { consents, photos };
}
