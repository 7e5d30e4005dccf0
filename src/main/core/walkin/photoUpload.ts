/**
 * A face photo for the cloud's visitor library (issue 10): a signed `uploadVisitorPhoto` command (src/shared/visitorPhoto.ts),
 * made only when the kiosk's policy in effect allows upload (faceUploadAllowed: off by default, the site's policy
 * turns it on) at the moment the photo is taken, and only for a photo taken with the visitor's consent to a text that
 * says so (its version starts with FACE_CONSENT_UPLOAD_PREFIX: the renderer shows that text where upload is on). The caller
 * puts it in the outbox in the same transaction as the photo it carries; the cloud applies it once by its id.
 */
import { consentCoversUpload, type FaceConsentInput } from '../../../shared/facePhoto';
import type { SignedCommand } from '../../../shared/sync';
import type { KioskSigner } from '../checkin';
import { signCommand } from '../sync/commands';

export interface PhotoUploadDeps {
  /** the policy in effect now (settings.faceUploadAllowed) */
  faceUploadAllowed: () => boolean;
  signer: () => KioskSigner | undefined;
}

export interface PhotoUploadOf {
  /** the visitor library's keys (blacklist keys): at least one */
  idKey?: string | undefined;
  phoneKey?: string | undefined;
  source: 'walkin' | 'checkin' | 'replaced';
  bookingId?: string;
  face: FaceConsentInput;
}

/** The signed command, or undefined when upload is not allowed now, the photo has no consent, or nobody is named. */
export async function photoUploadCommand(deps: PhotoUploadDeps, of: PhotoUploadOf, at: Date): Promise<SignedCommand | undefined> {
  const signer = deps.signer();
  if (!deps.faceUploadAllowed() || !signer) return undefined;
  if (of.face.decision !== 'granted' || of.face.photoJpegBase64 === undefined) return undefined;
  // the visitor consented to a text that says the photo is uploaded, or it stays here
  if (!consentCoversUpload(of.face.textVersion)) return undefined;
  if (of.idKey === undefined && of.phoneKey === undefined) return undefined;
  return signCommand(
    {
      kind: 'uploadVisitorPhoto',
      payload: {
        ...(of.idKey !== undefined ? { idKey: of.idKey } : {}),
        ...(of.phoneKey !== undefined ? { phoneKey: of.phoneKey } : {}),
        source: of.source,
        ...(of.bookingId !== undefined ? { bookingId: of.bookingId } : {}),
        consent: { textVersion: of.face.textVersion, decidedAt: of.face.decidedAt },
        photoJpegBase64: of.face.photoJpegBase64,
      },
    },
    { kioskId: signer.identity.kioskId, privateKey: signer.privateKey },
    at,
  );
}
