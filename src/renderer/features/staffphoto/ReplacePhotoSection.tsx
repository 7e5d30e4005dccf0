import { useEffect } from 'react';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useKiosk, useT } from '../../state/KioskStoreContext';
import { FaceCapture, FaceConsent, useFaceConsentText } from '../face';
import { FindVisitor } from './FindVisitor';
import { PersonPhoto } from './PersonPhoto';

function CancelButton() {
  const t = useT();
  const cancel = useKiosk((s) => s.cancelReplacePhoto);
  return (
    <button type="button" className="button button--secondary button--big" data-testid="staff-photo-cancel" onClick={cancel}>
      {t('staffPhoto.cancel')}
    </button>
  );
}

/** Old beside new, then 确认替换 (the only step that changes anything), 重拍 or 取消. */
function Preview() {
  const t = useT();
  const { view, photo, busy } = useKiosk((s) => s.replacePhoto);
  const confirm = useKiosk((s) => s.confirmReplacePhoto);
  const retake = useKiosk((s) => s.retakeReplacePhoto);
  if (!photo) return null;
  return (
    <>
      <div className="staff-photo__compare">
        <figure className="staff-photo__figure">
          {view?.photo ? (
            <img className="staff-photo__img" data-testid="staff-photo-old" src={view.photo.photoDataUrl} alt={t('staffPhoto.current.alt')} />
          ) : (
            <div className="staff-photo__none" data-testid="staff-photo-old-none">
              {t('staffPhoto.current.none')}
            </div>
          )}
          <figcaption>{t('staffPhoto.preview.old')}</figcaption>
        </figure>
        <figure className="staff-photo__figure">
          <img className="staff-photo__img" data-testid="staff-photo-new" src={photo.dataUrl} alt={t('staffPhoto.preview.newAlt')} />
          <figcaption>{t('staffPhoto.preview.new')}</figcaption>
        </figure>
      </div>
      <div className="staff-photo__actions">
        <button type="button" className="button button--primary button--big" data-testid="staff-photo-confirm" disabled={busy} onClick={() => void confirm()}>
          {busy ? t('common.working') : t('staffPhoto.confirm')}
        </button>
        <button type="button" className="button button--secondary button--big" data-testid="staff-photo-retake" disabled={busy} onClick={retake}>
          {t('staffPhoto.retake')}
        </button>
        <CancelButton />
      </div>
    </>
  );
}

/**
 * 替换注册照片 (issue 10, staff): find the visitor by ID card or phone → their current photo → their consent (its own
 * screen; refusing changes nothing) → the camera (auto-capture, the manual shutter) → old beside new → 确认替换.
 */
export function ReplacePhotoSection() {
  const t = useT();
  const { step, refused, replaced, error } = useKiosk((s) => s.replacePhoto);
  const ask = useKiosk((s) => s.askReplacePhotoConsent);
  const agree = useKiosk((s) => s.agreeReplacePhoto);
  /** the consent text shown is the one whose version goes with the answer */
  const consentVersion = useFaceConsentText().version;
  const refuse = useKiosk((s) => s.refuseReplacePhoto);
  const take = useKiosk((s) => s.takeReplacePhoto);
  const cancel = useKiosk((s) => s.cancelReplacePhoto);
  // leaving the section (another section, lock) forgets the visitor and the photo taken
  useEffect(() => cancel, [cancel]);
  return (
    <div className="staff-photo" data-testid="staff-photo" data-step={step}>
      <h2 className="staff-photo__title">{t('staffPhoto.title')}</h2>
      <ErrorBanner error={error} />
      {step === 'find' && <FindVisitor />}
      {step === 'current' && (
        <>
          <PersonPhoto />
          {refused && (
            <p className="staff-photo__note" role="status" data-testid="staff-photo-refused">
              {t('staffPhoto.refused')}
            </p>
          )}
          <div className="staff-photo__actions">
            <button type="button" className="button button--primary button--big" data-testid="staff-photo-take" onClick={ask}>
              {t('staffPhoto.take')}
            </button>
            <CancelButton />
          </div>
        </>
      )}
      {step === 'consent' && (
        <>
          <h3 className="staff-photo__subtitle">{t('face.consent.title')}</h3>
          <FaceConsent onAgree={() => agree(consentVersion)} onDecline={refuse} />
          <CancelButton />
        </>
      )}
      {step === 'capture' && (
        <>
          <FaceCapture onPhoto={take} onDecline={refuse} />
          <CancelButton />
        </>
      )}
      {step === 'preview' && <Preview />}
      {step === 'done' && (
        <>
          <p className="staff-photo__note" role="status" data-testid="staff-photo-done" data-replaced={String(replaced)}>
            {replaced ? t('staffPhoto.done.replaced') : t('staffPhoto.done.added')}
          </p>
          <button type="button" className="button button--primary button--big" data-testid="staff-photo-next" onClick={cancel}>
            {t('staffPhoto.done.next')}
          </button>
        </>
      )}
    </div>
  );
}
