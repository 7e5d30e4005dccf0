import { useEffect } from 'react';
import { useT } from '../../state/KioskStoreContext';
import { useFaceConsentText } from './consentText';
import { coolFaceDetector, warmFaceDetector } from './detectorWarmup';

/**
 * The face photo's own consent, before the camera opens: two equally visible answers, neither blocks. The text is the
 * site's when its policy sets one (plain text, its lines kept), else the kiosk's own. The detection worker warms up
 * meanwhile (no camera, no image: only the detector's code and model load).
 */
export function FaceConsent({ onAgree, onDecline }: { onAgree: () => void; onDecline: () => void }) {
  const t = useT();
  const consent = useFaceConsentText();
  useEffect(() => {
    warmFaceDetector();
    return coolFaceDetector;
  }, []);
  return (
    <div className="face-consent" data-testid="face-consent">
      <p className="face-consent__text policy-text" data-testid="face-consent-text" data-version={consent.version}>
        {consent.text}
      </p>
      <div className="face-consent__actions">
        <button type="button" className="button button--primary button--big" data-testid="face-agree" onClick={onAgree}>
          {t('face.consent.agree')}
        </button>
        <button type="button" className="button button--primary button--big" data-testid="face-decline" onClick={onDecline}>
          {t('face.consent.decline')}
        </button>
      </div>
    </div>
  );
}
