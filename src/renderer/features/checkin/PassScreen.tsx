import { visitPolicyIn } from '../../../shared/visitPolicy';
import { Detail } from '../../components/Detail';
import { ErrorBanner } from '../../components/ErrorBanner';
import { PassQr } from './PassQr';
import { CompanionPasses } from '../walkin/CompanionPasses';
import { formatEpochSeconds } from '../../format/dateTime';
import { useCountdown } from '../../hooks/useCountdown';
import { useKiosk, useT } from '../../state/KioskStoreContext';

export const PASS_SCREEN_SECONDS = 60;

/** The issued pass: a large QR code of the token and what it allows; back home after a minute. */
export function PassScreen() {
  const t = useT();
  const language = useKiosk((s) => s.language);
  const issued = useKiosk((s) => s.checkin.issued);
  const goHome = useKiosk((s) => s.goHome);
  const kioskOffline = useKiosk((s) => s.sync !== null && !s.sync.online);
  const secondsLeft = useCountdown(PASS_SCREEN_SECONDS, goHome);
  /** the pass as printed by the system printer shows the host only when the policy says so (passShows) */
  const showsHost = useKiosk((s) => visitPolicyIn(s.settings).passShows.hostName);
  if (!issued) return null;
  const { payload, token } = issued.pass;

  return (
    <section className="screen screen--pass" data-testid="pass-screen">
      <div className="pass card" data-print="pass">
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
          <p className="pass__instructions no-print">{t('pass.instructions')}</p>
          <dl className="pass__facts">
            <Detail label={t('pass.visitor')} valueTestId="pass-visitor">
              {payload.name}
            </Detail>
            {showsHost && <Detail label={t('pass.host')}>{payload.host}</Detail>}
            <Detail label={t('pass.partySize')}>{t('details.partySizeValue', { count: payload.n })}</Detail>
            <Detail label={t('pass.validUntil')}>{formatEpochSeconds(language, payload.exp)}</Detail>
          </dl>
          {!issued.visit.synced && kioskOffline && (
            <p className="pass__note no-print" data-testid="pass-saved-locally">
              {t('pass.savedLocally')}
            </p>
          )}
          <PassPrint />
          <CompanionPasses />
          <button type="button" className="button button--primary button--huge no-print" data-testid="pass-done" onClick={goHome}>
            {t('pass.done')}
          </button>
          <p className="pass__countdown no-print" data-testid="pass-countdown" aria-live="off">
            {t('pass.autoReturn', { seconds: secondsLeft })}
          </p>
        </div>
      </div>
    </section>
  );
}

/**
 * "Print pass": on the kiosk's ESC/POS printer (pass.print) while it is connected — in error too (paper out, a
 * failed write), so a tap says why in words, and after a first try, so a visitor can try again once the paper is refilled — or, with a system printer, the browser's print dialog, whose
 * print stylesheet keeps only the pass card (QR, name, host, validity).
 */
function PassPrint() {
  const t = useT();
  const printing = useKiosk((s) => s.appInfo?.printer ?? 'none');
  const printerStatus = useKiosk((s) => s.devices.find((d) => d.kind === 'printer')?.status);
  const print = useKiosk((s) => s.checkin.print);
  const printPass = useKiosk((s) => s.printPass);

  if (printing === 'system') {
    return (
      <div className="pass__print no-print">
        <button type="button" className="button button--secondary" data-testid="print-pass" data-printer="system" onClick={() => window.print()}>
          {t('pass.print')}
        </button>
      </div>
    );
  }
  // a connected printer in error (paper out, cover open) keeps the button: a tap says why in words
  const escposConnected = printerStatus === 'ready' || printerStatus === 'busy' || printerStatus === 'error';
  if (printing !== 'escpos' || (!escposConnected && print.status === 'idle')) return null;
  const busy = print.status === 'printing';
  return (
    <div className="pass__print no-print">
      <button
        type="button"
        className="button button--secondary"
        data-testid="print-pass"
        data-printer="escpos"
        disabled={busy}
        aria-busy={busy}
        onClick={() => void printPass()}
      >
        {busy ? t('pass.printing') : t('pass.print')}
      </button>
      {print.status === 'printed' && (
        <p className="pass__printed" data-testid="print-result" data-status="printed" role="status">
          {t('pass.printed')}
        </p>
      )}
      {print.status === 'failed' && (
        <div data-testid="print-result" data-status="failed">
          <ErrorBanner error={print.error} />
        </div>
      )}
    </div>
  );
}
