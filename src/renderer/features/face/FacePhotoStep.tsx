import { useState } from 'react';
import { useT } from '../../state/KioskStoreContext';
import { answerFace, type FaceAnswer } from './answer';
import { FaceCapture } from './FaceCapture';
import { FaceConsent } from './FaceConsent';
import { useFaceConsentText } from './consentText';

/**
 * The face photo step of a desk flow (walk-in registration, booked check-in; issue 10): the consent first (its own
 * text; "不拍照，继续" as visible as the agreement, never blocking the flow), then the camera with auto-capture; the
 * answer (and the photo) is handed to `onAnswer`, and goes with the flow's call. `testIdPrefix` names its parts
 * (`<prefix>-face`, `<prefix>-face-thumb`, `<prefix>-face-status`).
 */
export function FacePhotoStep({
  face,
  onAnswer,
  testIdPrefix,
  className,
}: {
  face: FaceAnswer | null;
  onAnswer: (face: FaceAnswer | null) => void;
  testIdPrefix: string;
  className: string;
}) {
  const t = useT();
  const [capturing, setCapturing] = useState(false);
  /** the consent text shown (the site's, the upload one or the kiosk's own) is the one whose version goes with the answer */
  const consentVersion = useFaceConsentText().version;
  const decide = (decision: FaceAnswer['decision'], photo: Parameters<typeof answerFace>[1]) => {
    setCapturing(false);
    onAnswer(answerFace(decision, photo, consentVersion));
  };
  const decline = () => decide('refused', null);
  return (
    <section className={`card ${className}`} data-testid={`${testIdPrefix}-face`} data-decision={face?.decision ?? ''} aria-label={t('face.consent.title')}>
      <h2 className="temperature__title">{t('face.consent.title')}</h2>
      {capturing ? (
        <FaceCapture onPhoto={(photo) => decide('granted', photo)} onDecline={decline} />
      ) : face === null ? (
        <FaceConsent onAgree={() => setCapturing(true)} onDecline={decline} />
      ) : (
        <div className="walkin__face-done">
          {face.photo ? (
            <>
              <img className="walkin__face-thumb" data-testid={`${testIdPrefix}-face-thumb`} src={face.photo.dataUrl} alt={t('face.taken')} />
              <p data-testid={`${testIdPrefix}-face-status`}>{t('face.kept')}</p>
              <button type="button" className="button button--secondary button--big" data-testid="face-retake" onClick={() => setCapturing(true)}>
                {t('face.retake')}
              </button>
            </>
          ) : (
            <>
              <p data-testid={`${testIdPrefix}-face-status`}>{t('face.consent.refused')}</p>
              <button type="button" className="button button--secondary button--big" data-testid="face-change-mind" onClick={() => onAnswer(null)}>
                {t('face.consent.changeMind')}
              </button>
            </>
          )}
        </div>
      )}
    </section>
  );
}
