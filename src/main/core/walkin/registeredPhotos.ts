/**
 * Registered photos (issue 10, 替换注册照片): a person's registered photo at this kiosk is the newest consented photo
 * of them here — the one staff took at the desk to replace it (registered_photos, migration 0014), or else their
 * newest walk-in's (face_consents) — the person keyed as the walk-in visitor library keys people: the ID number's key
 * (a held card) or the phone's. Staff (admin or staff session) see it and replace it with a photo taken under the
 * visitor's consent: the new file written (0600), the old one deleted exactly once, the replacement audited (who,
 * when; no bytes, nothing unmasked). Where the policy in effect allows upload (faceUploadAllowed, off by default), the
 * replacement also goes to the cloud's visitor library as one signed uploadVisitorPhoto command (photoUpload.ts).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AdminRole } from '../../../shared/adminPin';
import { blacklistIdNumberKey, blacklistPhoneKey } from '../../../shared/blacklistKey';
import { Phone } from '../../../shared/domain';
import type { FaceConsentInput } from '../../../shared/facePhoto';
import { IpcCallError } from '../../../shared/ipc';
import { maskName } from '../../../shared/mask';
import type { RegisteredPhotoLookup, RegisteredPhotoView } from '../../../shared/contract/walkin';
import { ensurePrivateDir, PRIVATE_FILE_MODE, tightenFile } from '../../../platform/privateFiles';
import type { AdminAudit } from '../admin/audit';
import type { KioskDb } from '../db/openDb';
import { lastVisitByIdKey, lastVisitByPhoneKey, type LastVisitRow } from '../db/walkInStore';
import type { HeldIdCard } from '../devices';
import { enqueueCommand } from '../db/outboxStore';
import { checkJpeg } from '../face/facePhotos';
import { photoUploadCommand, type PhotoUploadDeps } from './photoUpload';

const FILE_NAME = /^[0-9a-f-]{36}\.jpg$/;

export interface RegisteredPhotoDeps {
  db: KioskDb;
  dir: string;
  now: () => Date;
  kioskId: () => string;
  heldCard: (cardRef: string) => HeldIdCard;
  audit: AdminAudit;
  /** where the policy allows upload: the signed command for the cloud's copy (photoUpload.ts) */
  upload: PhotoUploadDeps;
  /** a command is waiting in the outbox */
  requestSync: () => void;
}

interface Person {
  /** the library's key: the ID key when found by card, else the phone key */
  personKey: string;
  idKey?: string;
  phoneKey?: string;
  matchedBy: 'id' | 'phone';
  visit: LastVisitRow;
}

interface Current {
  source: 'walkin' | 'checkin' | 'replaced';
  file: string;
  textVersion: string;
  decidedAt: string;
  /** the walk-in's or booked visit's booking (source walkin, checkin) */
  bookingId?: string;
}

const unknown = () => new IpcCallError('walkin_person_unknown', 'no visitor with this ID card or phone has visited this kiosk');

/** The person the card or phone names, from their newest visit here; walkin_person_unknown otherwise. */
function findPerson(deps: RegisteredPhotoDeps, by: RegisteredPhotoLookup): Person {
  if (by.cardRef !== undefined) {
    const idKey = blacklistIdNumberKey(deps.heldCard(by.cardRef).card.idNumber);
    const visit = lastVisitByIdKey(deps.db, idKey);
    if (!visit) throw unknown();
    const row = deps.db.prepare('SELECT phone_key FROM visits WHERE id = ?').get(visit.id) as { phone_key: string | null } | undefined;
    return { personKey: idKey, idKey, ...(row?.phone_key ? { phoneKey: row.phone_key } : {}), matchedBy: 'id', visit };
  }
  const phone = Phone.safeParse(by.phone);
  if (!phone.success) throw unknown();
  const phoneKey = blacklistPhoneKey(phone.data);
  const visit = lastVisitByPhoneKey(deps.db, phoneKey);
  if (!visit) throw unknown();
  const row = deps.db.prepare('SELECT id_key FROM visits WHERE id = ?').get(visit.id) as { id_key: string | null } | undefined;
  const idKey = row?.id_key ?? undefined;
  return { personKey: idKey ?? phoneKey, ...(idKey !== undefined ? { idKey } : {}), phoneKey, matchedBy: 'phone', visit };
}

/** The person's registered photo: the newer of the desk's replacement and their newest consented walk-in photo. */
function currentOf(db: KioskDb, p: Person): Current | undefined {
  const replaced = db.prepare('SELECT photo_file, text_version, decided_at, replaced_at FROM registered_photos WHERE person_key = ?').get(p.personKey) as
    { photo_file: string; text_version: string; decided_at: string; replaced_at: string } | undefined;
  const keyColumn = p.idKey !== undefined ? 'id_key' : 'phone_key';
  const walkIn = db
    .prepare(
      `SELECT fc.booking_id, fc.photo_file, fc.text_version, fc.decided_at, fc.recorded_at, v.walk_in FROM face_consents fc
         JOIN visits v ON v.id = fc.visit_id
        WHERE v.${keyColumn} = ? AND fc.decision = 'granted' AND fc.photo_file IS NOT NULL
        ORDER BY fc.recorded_at DESC LIMIT 1`,
    )
    .get(p.idKey ?? p.phoneKey) as
    { booking_id: string; photo_file: string; text_version: string; decided_at: string; recorded_at: string; walk_in: number } | undefined;
  if (replaced && (!walkIn || replaced.replaced_at >= walkIn.recorded_at)) {
    return { source: 'replaced', file: replaced.photo_file, textVersion: replaced.text_version, decidedAt: replaced.decided_at };
  }
  if (walkIn) {
    const source = walkIn.walk_in === 1 ? 'walkin' : 'checkin';
    return { source, file: walkIn.photo_file, textVersion: walkIn.text_version, decidedAt: walkIn.decided_at, bookingId: walkIn.booking_id };
  }
  return undefined;
}

function dataUrl(dir: string, file: string): string | undefined {
  if (!FILE_NAME.test(file)) return undefined;
  try {
    return `data:image/jpeg;base64,${readFileSync(join(dir, file)).toString('base64')}`;
  } catch {
    return undefined;
  }
}

/** What staff see: the person masked, and their registered photo (null when none). */
export function registeredPhotoOf(deps: RegisteredPhotoDeps, by: RegisteredPhotoLookup): RegisteredPhotoView {
  const p = findPerson(deps, by);
  const current = currentOf(deps.db, p);
  const url = current ? dataUrl(deps.dir, current.file) : undefined;
  return {
    person: {
      matchedBy: p.matchedBy,
      nameMasked: maskName(p.visit.visitorName),
      phoneMasked: p.visit.visitorPhoneMasked,
      ...(p.visit.idMasked !== undefined ? { idMasked: p.visit.idMasked } : {}),
      lastVisitAt: p.visit.checkedInAt,
    },
    photo: current && url !== undefined ? { source: current.source, textVersion: current.textVersion, decidedAt: current.decidedAt, photoDataUrl: url } : null,
  };
}

/**
 * Replaces the person's registered photo with one taken under their consent (granted, with a JPEG that checkJpeg
 * accepts): everything is checked before anything is written; the database change is one transaction; the old file
 * is deleted once it no longer named (a walk-in's photo: its consent stays, its photo_file cleared).
 */
export async function replaceRegisteredPhoto(
  deps: RegisteredPhotoDeps,
  input: RegisteredPhotoLookup & { face: FaceConsentInput },
  role: AdminRole,
): Promise<{ replaced: boolean; replacedAt: string }> {
  if (input.face.decision !== 'granted' || input.face.photoJpegBase64 === undefined) {
    throw new IpcCallError('walkin_photo_consent_missing', "a registered photo is replaced only with the visitor's consent and a photo");
  }
  const bytes = Buffer.from(input.face.photoJpegBase64, 'base64');
  checkJpeg(bytes);
  const p = findPerson(deps, input);
  const old = currentOf(deps.db, p);
  const now = deps.now();
  const at = now.toISOString();
  // the cloud's copy is replaced too, where the policy in effect now allows upload (off by default)
  const upload = await photoUploadCommand(deps.upload, { idKey: p.idKey, phoneKey: p.phoneKey, source: 'replaced', face: input.face }, now);
  ensurePrivateDir(deps.dir);
  const file = `${randomUUID()}.jpg`;
  const path = join(deps.dir, file);
  writeFileSync(path, bytes, { mode: PRIVATE_FILE_MODE, flag: 'wx' });
  tightenFile(path);
  try {
    deps.db.transaction(() => {
      if (old !== undefined && old.source !== 'replaced') deps.db.prepare('UPDATE face_consents SET photo_file = NULL WHERE photo_file = ?').run(old.file);
      deps.db.prepare('DELETE FROM registered_photos WHERE person_key = ?').run(p.personKey);
      deps.db
        .prepare(
          `INSERT INTO registered_photos (person_key, id_key, phone_key, photo_file, kiosk_id, text_version, decided_at, replaced_at, replaced_by)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(p.personKey, p.idKey ?? null, p.phoneKey ?? null, file, deps.kioskId(), input.face.textVersion, input.face.decidedAt, at, role);
      if (upload) enqueueCommand(deps.db, upload);
    })();
  } catch (err) {
    rmSync(path, { force: true });
    throw err;
  }
  if (old && FILE_NAME.test(old.file)) rmSync(join(deps.dir, old.file), { force: true });
  if (upload) deps.requestSync();
  await deps.audit.record('facePhoto.replaced', {
    role,
    matchedBy: p.matchedBy,
    person: maskName(p.visit.visitorName),
    hadPhoto: old !== undefined,
    source: old?.source ?? 'none',
    uploaded: upload !== undefined,
    at,
  });
  return { replaced: old !== undefined, replacedAt: at };
}
