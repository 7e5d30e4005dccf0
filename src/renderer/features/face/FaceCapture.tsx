import type { MessageKey } from '../../i18n/translate';
import { useT } from '../../state/KioskStoreContext';
import { GUIDE_OF } from './decision';
import type { TakenPhoto } from './photo';
import { useAutoCapture } from './useAutoCapture';

/**
 * The camera with its guide (an oval to put the face in, the guide line, the 3-2-1 countdown), the staff's manual
 * shutter and, always as visible, "不拍照，继续"; once taken, the photo with retake / use.
 */
export function FaceCapture({ onPhoto, onDecline }: { onPhoto: (photo: TakenPhoto) => void; onDecline: () => void }) {
  const t = useT();
  const { videoRef, view, retake, shutter, fellBack } = useAutoCapture();
  const guideKey: MessageKey | undefined =
    view.stage === 'starting'
      ? 'face.starting'
      : view.stage === 'live'
        ? view.secondsLeft !== undefined
          ? undefined
          : view.reason
            ? GUIDE_OF[view.reason]
            : view.steadying
              ? 'face.guide.holdStill'
              : view.detector
                ? 'face.guide.faceCamera'
                : 'face.failed.detector'
        : view.stage === 'failed'
          ? (`face.failed.${view.why}` as MessageKey)
          : undefined;
  return (
    <div className="face-capture" data-testid="face-capture" data-stage={view.stage}>
      {view.stage === 'taken' ? (
        <figure className="face-capture__frame">
          <img className="face-capture__photo" data-testid="face-photo" src={view.photo.dataUrl} alt={t('face.taken')} />
        </figure>
      ) : (
        <div className="face-capture__frame">
          <video ref={videoRef} className="face-capture__video" data-testid="face-video" muted playsInline />
          <div className="face-capture__oval" aria-hidden="true" />
          {view.stage === 'live' && view.secondsLeft !== undefined && (
            <div className="face-capture__countdown" data-testid="face-countdown" aria-live="assertive">
              {view.secondsLeft}
            </div>
          )}
        </div>
      )}
      <p className="face-capture__guide" data-testid="face-guide" data-reason={view.stage === 'live' ? (view.reason ?? '') : ''} aria-live="polite">
        {view.stage === 'live' && view.secondsLeft !== undefined
          ? t('face.countdown', { n: String(view.secondsLeft) })
          : guideKey
            ? t(guideKey)
            : t('face.taken')}
      </p>
      {fellBack && view.stage !== 'taken' && (
        <p className="face-capture__note" data-testid="face-camera-fallback" role="status">
          {t('face.cameraFallback')}
        </p>
      )}
      <div className="face-capture__actions">
        {view.stage === 'taken' ? (
          <>
            <button type="button" className="button button--primary button--big" data-testid="face-use" onClick={() => onPhoto(view.photo)}>
              {t('face.use')}
            </button>
            <button type="button" className="button button--secondary button--big" data-testid="face-retake" onClick={retake}>
              {t('face.retake')}
            </button>
          </>
        ) : (
          view.stage === 'live' && (
            <button type="button" className="button button--secondary button--big" data-testid="face-shutter" onClick={shutter}>
              {t('face.shutter')}
            </button>
          )
        )}
        <button type="button" className="button button--secondary button--big" data-testid="face-decline" onClick={onDecline}>
          {t('face.consent.decline')}
        </button>
      </div>
    </div>
  );
}
