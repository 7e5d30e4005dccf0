import { maskName } from '../../../shared/mask';
import { ErrorBanner } from '../../components/ErrorBanner';
import { ScanField } from '../../components/ScanField';
import { ScreenHeader } from '../../components/ScreenHeader';
import { Spinner } from '../../components/Spinner';
import { useCountdown } from '../../hooks/useCountdown';
import { useKiosk, useT } from '../../state/KioskStoreContext';

const DONE_SECONDS = 10;

function SignedOut({ visitorName }: { visitorName: string }) {
  const t = useT();
  const goHome = useKiosk((s) => s.goHome);
  const secondsLeft = useCountdown(DONE_SECONDS, goHome);
  return (
    <div className="banner banner--success" role="status" data-testid="signout-done">
      <span className="banner__icon" aria-hidden="true">
        ✓
      </span>
      <div className="banner__body">
        <p className="banner__text">{t('signOut.done', { name: maskName(visitorName) })}</p>
        <p className="banner__detail">{t('pass.autoReturn', { seconds: secondsLeft })}</p>
      </div>
    </div>
  );
}

/** Sign-out with the pass QR (the scanner types it in, or a device.qr event fills it). */
export function SignOutScreen() {
  const t = useT();
  const { token, busy, done, error } = useKiosk((s) => s.signOut);
  const setToken = useKiosk((s) => s.setSignOutToken);
  const signOutByToken = useKiosk((s) => s.signOutByToken);
  const openToday = useKiosk((s) => s.openToday);
  return (
    <section className="screen screen--signout">
      <ScreenHeader title={t('signOut.title')} />
      <div className="card signout">
        <ScanField
          id="signout-token"
          submitTestId="signout-submit"
          label={t('signOut.label')}
          placeholder={t('signOut.placeholder')}
          submitLabel={t('signOut.submit')}
          value={token}
          onChange={setToken}
          onSubmit={() => void signOutByToken()}
          busy={busy}
          hints={[t('signOut.hint')]}
        />
        {busy && <Spinner label={t('common.working')} />}
        <ErrorBanner error={error} />
        {done && <SignedOut visitorName={done.visitorName} />}
        <button type="button" className="button button--secondary" onClick={openToday}>
          {t('signOut.openToday')}
        </button>
      </div>
    </section>
  );
}
