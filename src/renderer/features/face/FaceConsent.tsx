import { useKiosk, useT } from '../../state/KioskStoreContext';

/** The face photo's own consent, before the camera opens: two equally visible answers, neither blocks. */
export function FaceConsent({ onAgree, onDecline }: { onAgree: () => void; onDecline: () => void }) {
  const t = useT();
  // where the site's policy uploads photos, the text says so (and its version lets the kiosk upload: faceConsentTextVersion)
  const upload = useKiosk((s) => s.settings?.faceUploadAllowed === true);
  return (
    <div className="face-consent" data-testid="face-consent">
      <p className="face-consent__text">{t(upload ? 'face.consent.textUpload' : 'face.consent.text')}</p>
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
