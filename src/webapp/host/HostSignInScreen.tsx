/**
 * /app/host without a session: the sign-in form of today's one method (a host token). Another method (phone and
 * one-time code) is another form calling its HostSignInMethod and handing the same HostSession to onSignedIn.
 */
import { useState, type SyntheticEvent } from 'react';
import { ApiFailure } from '../api/client';
import { Field } from '../components/Field';
import { Screen } from '../components/Screen';
import { useLanguage } from '../i18n/language';
import { tokenSignIn, type HostSession } from './session';

export function HostSignInScreen({ onSignedIn, notice }: { onSignedIn: (session: HostSession) => void; notice?: string }) {
  const { t } = useLanguage();
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | undefined>(notice);
  const [busy, setBusy] = useState(false);

  const submit = async (e: SyntheticEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      onSignedIn(await tokenSignIn.signIn({ token }));
    } catch (err) {
      setError(err instanceof ApiFailure && (err.status === 401 || err.status === 403) ? t('tokenRejected') : t('networkError'));
      document.getElementById('host-token')?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Screen title={t('hostSignInTitle')} testId="host-signin-screen">
      <p>{t('hostSignInIntro')}</p>
      <form noValidate onSubmit={(e) => void submit(e)}>
        <Field id="host-token" label={t('fieldHostToken')} required error={error}>
          <input type="password" autoComplete="current-password" spellCheck={false} value={token} onChange={(e) => setToken(e.target.value)} />
        </Field>
        <button type="submit" className="primary" data-testid="host-signin-submit" aria-disabled={busy}>
          {busy ? t('signingIn') : t('signIn')}
        </button>
      </form>
    </Screen>
  );
}
