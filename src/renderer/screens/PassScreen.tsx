import { PassQr } from '../components/PassQr';
import { formatEpochSeconds } from '../format/dateTime';
import { useCountdown } from '../hooks/useCountdown';
import { useKiosk, useT } from '../state/KioskStoreContext';

export const PASS_SCREEN_SECONDS = 60;

/** The issued pass: a large QR code of the token and what it allows; back home after a minute. */
export function PassScreen() {
  const t = useT();
  const language = useKiosk((s) => s.language);
  const issued = useKiosk((s) => s.checkin.issued);
  const goHome = useKiosk((s) => s.goHome);
  const kioskOffline = useKiosk((s) => s.sync !== null && !s.sync.online);
  const secondsLeft = useCountdown(PASS_SCREEN_SECONDS, goHome);
  if (!issued) return null;
  const { payload, token } = issued.pass;

  return (
    <section className="screen screen--pass" data-testid="pass-screen">
      <div className="pass card">
        <div className="pass__qr">
          <PassQr token={token} />
        </div>
        <div className="pass__info">
          <div className="pass__heading">
            <p className="pass__check" aria-hidden="true">
              ✓
            </p>
            <h1 className="pass__title">{t('pass.title')}</h1>
          </div>
          <p className="pass__instructions">{t('pass.instructions')}</p>
          <dl className="pass__facts">
            <div className="detail">
              <dt className="detail__label">{t('pass.visitor')}</dt>
              <dd className="detail__value" data-testid="pass-visitor">
                {payload.name}
              </dd>
            </div>
            <div className="detail">
              <dt className="detail__label">{t('pass.host')}</dt>
              <dd className="detail__value">{payload.host}</dd>
            </div>
            <div className="detail">
              <dt className="detail__label">{t('pass.partySize')}</dt>
              <dd className="detail__value">{t('details.partySizeValue', { count: payload.n })}</dd>
            </div>
            <div className="detail">
              <dt className="detail__label">{t('pass.validUntil')}</dt>
              <dd className="detail__value">{formatEpochSeconds(language, payload.exp)}</dd>
            </div>
          </dl>
          {!issued.visit.synced && kioskOffline && (
            <p className="pass__note" data-testid="pass-saved-locally">
              {t('pass.savedLocally')}
            </p>
          )}
          <button type="button" className="button button--primary button--huge" data-testid="pass-done" onClick={goHome}>
            {t('pass.done')}
          </button>
          <p className="pass__countdown" data-testid="pass-countdown" aria-live="off">
            {t('pass.autoReturn', { seconds: secondsLeft })}
          </p>
        </div>
      </div>
    </section>
  );
}
