import { faceConsentVersionOf, policyTextIn, visitPolicyIn } from '../../../shared/visitPolicy';
import { useKiosk, useT } from '../../state/KioskStoreContext';

/**
 * The face consent text shown now and its version, recorded with the visitor's answer: the site's (kiosk policy,
 * in effect as soon as a sync brings it) in the kiosk's language, else the kiosk's own.
 */
export function useFaceConsentText(): { text: string; version: string } {
  const t = useT();
  const language = useKiosk((s) => s.language);
  const texts = useKiosk((s) => visitPolicyIn(s.settings).faceConsentText);
  return { text: policyTextIn(texts, language) ?? t('face.consent.text'), version: faceConsentVersionOf(texts, language) };
}
