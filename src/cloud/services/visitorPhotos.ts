/**
 * Registered face photos in the visitor library (issue 10): a kiosk's signed `uploadVisitorPhoto` command, applied
 * inside its transaction (kioskCommands.ts: once per command id, so a retried push stores the photo once). The photo
 * is checked before anything is written (a JPEG with a frame header, at most 100 KB, sides 100..2000 pixels: else
 * photo_not_jpeg / photo_too_large / photo_dimensions, nothing stored); the site's policy must allow upload now
 * (photo_upload_off otherwise: a site that turned upload off receives no more photos); the visitor is found in the
 * site's library by their ID key, else their phone key (visitor_unknown otherwise); a booked check-in's photo (source
 * checkin) belongs to the visitor the booking's applied check-in put in the library (kioskCommands.ts), named by its
 * keys too: visitor_unknown while that check-in has not been applied (the kiosk pushes it first: outbox order) or was
 * refused, booking_unknown for a booking of another site. One photo per visitor: a newer
 * one replaces the older one's row and bytes (photo_replaced); one taken before the photo kept is not stored
 * (photo_older_kept).
 */
import type { Transaction } from 'kysely';
import { layerPolicy, POLICY_DEFAULTS } from '../../shared/policy';
import type { SignedCommand } from '../../shared/sync';
import { checkVisitorPhoto } from '../../shared/visitorPhoto';
import type { KioskPrincipal } from '../auth';
import type { CloudSchema, VisitorsTable } from '../db/schema';
import { findBookingOfSite } from '../repositories/bookings';
import { findSiteRow } from '../repositories/sites';
import { findVisitorById, findVisitorByPersonKey } from '../repositories/visitors';
import { findVisitorPhotoMeta, replaceVisitorPhoto } from '../repositories/visitorPhotos';
import { cloudPolicyFor } from './policy';
import type { WalkInOutcome } from './walkIns';

type Trx = Transaction<CloudSchema>;
export type UploadVisitorPhotoCommand = Extract<SignedCommand, { kind: 'uploadVisitorPhoto' }>;

export async function applyUploadVisitorPhoto(trx: Trx, kiosk: KioskPrincipal, cmd: UploadVisitorPhotoCommand, nowIso: string): Promise<WalkInOutcome> {
  const p = cmd.payload;
  const bytes = Buffer.from(p.photoJpegBase64, 'base64');
  const photo = checkVisitorPhoto(bytes);
  if (!photo.ok) return { status: 'rejected', code: photo.code, message: photo.message };
  const site = await findSiteRow(trx, kiosk.siteId);
  const allowed = site !== undefined && layerPolicy(POLICY_DEFAULTS, await cloudPolicyFor(trx, site, kiosk.kioskId)).values.faceUploadAllowed;
  if (!allowed) return { status: 'rejected', code: 'photo_upload_off', message: 'this site’s policy does not allow face photos to be uploaded' };
  let visitor: VisitorsTable | undefined;
  if (p.source === 'checkin') {
    const booking = p.bookingId !== undefined ? await findBookingOfSite(trx, p.bookingId, kiosk.siteId) : undefined;
    if (!booking) return { status: 'rejected', code: 'booking_unknown', message: `no booking ${p.bookingId ?? '(none named)'} at this site` };
    const checkedIn = booking.arrived_at !== null && booking.visitor_id !== null ? await findVisitorById(trx, kiosk.siteId, booking.visitor_id) : undefined;
    if (!checkedIn)
      return { status: 'rejected', code: 'visitor_unknown', message: 'the booking’s check-in has not been applied: its visitor is not in the library' };
    const named = (p.idKey !== undefined && p.idKey === checkedIn.id_key) || (p.phoneKey !== undefined && p.phoneKey === checkedIn.phone_key);
    if (!named) return { status: 'rejected', code: 'visitor_unknown', message: 'the ID and phone keys do not name the booking’s visitor' };
    visitor = checkedIn;
  } else {
    visitor =
      (p.idKey !== undefined ? await findVisitorByPersonKey(trx, kiosk.siteId, `id:${p.idKey}`) : undefined) ??
      (p.phoneKey !== undefined ? await findVisitorByPersonKey(trx, kiosk.siteId, `phone:${p.phoneKey}`) : undefined);
  }
  if (!visitor) return { status: 'rejected', code: 'visitor_unknown', message: 'nobody with this ID or phone key is in this site’s visitor library' };
  const takenAt = new Date(cmd.at).toISOString();
  const old = await findVisitorPhotoMeta(trx, visitor.id);
  if (old && old.taken_at > takenAt) {
    return { status: 'applied', code: 'photo_older_kept', message: `the visitor’s photo taken at ${old.taken_at} is newer: this one is not stored` };
  }
  await replaceVisitorPhoto(trx, {
    visitor_id: visitor.id,
    site_id: kiosk.siteId,
    jpeg: bytes,
    bytes: bytes.length,
    width: photo.width,
    height: photo.height,
    source: p.source,
    consent_text_version: p.consent.textVersion,
    consent_decided_at: p.consent.decidedAt,
    kiosk_id: kiosk.kioskId,
    command_id: cmd.id,
    taken_at: takenAt,
    stored_at: nowIso,
  });
  return old
    ? { status: 'applied', code: 'photo_replaced', message: 'the visitor’s registered photo was replaced; the older one is deleted' }
    : { status: 'applied' };
}
