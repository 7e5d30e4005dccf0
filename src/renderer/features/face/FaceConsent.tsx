import { useEffect } from 'react';
import { useT } from '../../state/KioskStoreContext';
import { coolFaceDetector, warmFaceDetector } from './detectorWarmup';

/**
 * The face photo's own consent, before the camera opens: two equally visible answers, neither blocks. The detection
 * worker warms up meanwhile (no camera, no image: only the detector's code and model load).
 */
export function FaceConsent({ onAgree, onDecline }: { onAgree: () => void; onDecline: () => void }) {
  const t = useT();
  useEffect(() => {
    warmFaceDetector();
    return coolFaceDetector;
  }, []);
  return (
    <div className="face-consent" data-testid="face-consent">
      <p className="face-consent__text">{t('face.consent.text')}</p>
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
