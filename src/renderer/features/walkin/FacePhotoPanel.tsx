import { useState } from 'react';
import { useKiosk, useT } from '../../state/KioskStoreContext';
import { faceConsentTextVersion, FaceCapture, FaceConsent, type TakenPhoto } from '../face';

/**
 * The walk-in's face photo (issue 10): the consent first (its own text; "不拍照，继续" as visible as the agreement,
 * never blocking the registration), then the camera with auto-capture; the answer and the photo go with walkin.register.
 */
export function FacePhotoPanel() {
  const t = useT();
  const face = useKiosk((s) => s.walkin.face);
  const setFace = useKiosk((s) => s.setWalkInFace);
  const uploadAllowed = useKiosk((s) => s.settings?.faceUploadAllowed === true);
  const [capturing, setCapturing] = useState(false);
  const decide = (decision: 'granted' | 'refused', photo: TakenPhoto | null) => {
    setCapturing(false);
    setFace({
      decision,
      decidedAt: new Date().toISOString(),
      textVersion: faceConsentTextVersion(uploadAllowed),
      photo: photo ? { jpegBase64: photo.jpegBase64, dataUrl: photo.dataUrl } : null,
    });
  };
  const decline = () => decide('refused', null);
  return (
    <section className="card walkin__face" data-testid="walkin-face" data-decision={face?.decision ?? ''} aria-label={t('face.consent.title')}>
      <h2 className="temperature__title">{t('face.consent.title')}</h2>
      {capturing ? (
        <FaceCapture onPhoto={(photo) => decide('granted', photo)} onDecline={decline} />
      ) : face === null ? (
        <FaceConsent onAgree={() => setCapturing(true)} onDecline={decline} />
      ) : (
        <div className="walkin__face-done">
          {face.photo ? (
            <>
              <img className="walkin__face-thumb" data-testid="walkin-face-thumb" src={face.photo.dataUrl} alt={t('face.taken')} />
              <p data-testid="walkin-face-status">{t('face.kept')}</p>
              <button type="button" className="button button--secondary button--big" data-testid="face-retake" onClick={() => setCapturing(true)}>
                {t('face.retake')}
              </button>
            </>
          ) : (
            <>
              <p data-testid="walkin-face-status">{t('face.consent.refused')}</p>
              <button type="button" className="button button--secondary button--big" data-testid="face-change-mind" onClick={() => setFace(null)}>
                {t('face.consent.changeMind')}
              </button>
            </>
          )}
        </div>
      )}
    </section>
  );
}
