import { useEffect, useRef, type FormEvent } from 'react';
import { maskName } from '../../shared/pass';
import { ErrorBanner } from '../components/ErrorBanner';
import { ScreenHeader } from '../components/ScreenHeader';
import { Spinner } from '../components/Spinner';
import { useCountdown } from '../hooks/useCountdown';
import { useKiosk, useT } from '../state/KioskStoreContext';
import { useKeepFocus } from './useKeepFocus';

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
  const inputRef = useRef<HTMLInputElement>(null);
  useKeepFocus(inputRef);
  useEffect(() => inputRef.current?.focus(), []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void signOutByToken();
  };

  return (
    <section className="screen screen--signout">
      <ScreenHeader title={t('signOut.title')} />
      <div className="card signout">
        <form className="search-form" onSubmit={submit}>
          <label className="field__label" htmlFor="signout-token">
            {t('signOut.label')}
          </label>
          <div className="search-form__row">
            <input
              ref={inputRef}
              id="signout-token"
              className="field__input field__input--big"
              data-testid="signout-token"
              value={token}
              onChange={(e) => setToken(e.target.value)}
              placeholder={t('signOut.placeholder')}
              autoComplete="off"
              spellCheck={false}
              maxLength={4096}
            />
            <button
              type="submit"
              className="button button--primary button--big"
              data-testid="signout-submit"
              disabled={busy || token.trim().length === 0}
            >
              {t('signOut.submit')}
            </button>
          </div>
          <p className="field__hint">{t('signOut.hint')}</p>
        </form>
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
