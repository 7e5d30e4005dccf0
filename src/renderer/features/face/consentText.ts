import { FACE_CONSENT_UPLOAD_PREFIX } from '../../../shared/facePhoto';
import { faceConsentVersionOf, policyTextIn, visitPolicyIn } from '../../../shared/visitPolicy';
import { useKiosk, useT } from '../../state/KioskStoreContext';
import { FACE_CONSENT_UPLOAD_TEXT_VERSION } from './messages';

/**
 * The face consent text shown now and its version, recorded with the visitor's answer: the site's (kiosk policy,
 * in effect as soon as a sync brings it) in the kiosk's language, else the kiosk's own. Where the site's policy uploads
 * photos (faceUploadAllowed) the kiosk's own text says so, and the version starts with FACE_CONSENT_UPLOAD_PREFIX:
 * only a consent to such a text lets a photo go to the cloud (src/main/core/walkin/photoUpload.ts). A site that sets
 * its own text and turns upload on answers for what its text says.
 */
export function useFaceConsentText(): { text: string; version: string } {
  const t = useT();
  const language = useKiosk((s) => s.language);
  const texts = useKiosk((s) => visitPolicyIn(s.settings).faceConsentText);
  const upload = useKiosk((s) => s.settings?.faceUploadAllowed === true);
  const site = policyTextIn(texts, language);
  if (site !== undefined) {
    const version = faceConsentVersionOf(texts, language);
    return { text: site, version: upload ? `${FACE_CONSENT_UPLOAD_PREFIX}${version.replace(/^face-consent-/, '')}` : version };
  }
  if (upload) return { text: t('face.consent.textUpload'), version: FACE_CONSENT_UPLOAD_TEXT_VERSION };
  return { text: t('face.consent.text'), version: faceConsentVersionOf(texts, language) };
}
