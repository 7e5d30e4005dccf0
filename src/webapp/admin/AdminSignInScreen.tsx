/**
 * /app/admin without a session: sign-in with the bootstrap admin token. Other methods (password, phone code) are
 * further forms calling their AdminSignInMethod and handing the same AdminSession to onSignedIn.
 */
import { useState, type SyntheticEvent } from 'react';
import { ApiFailure } from '../api/client';
import { Field } from '../components/Field';
import { Screen } from '../components/Screen';
import { useLanguage } from '../i18n/language';
import { adminTokenSignIn, type AdminSession } from './session';

export function AdminSignInScreen({ onSignedIn, notice }: { onSignedIn: (session: AdminSession) => void; notice?: string }) {
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
      onSignedIn(await adminTokenSignIn.signIn({ token }));
    } catch (err) {
      setError(err instanceof ApiFailure && (err.status === 401 || err.status === 403) ? t('adminTokenRejected') : t('networkError'));
      document.getElementById('admin-token')?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Screen title={t('adminSignInTitle')} testId="admin-signin-screen">
      <p>{t('adminSignInIntro')}</p>
      <form noValidate onSubmit={(e) => void submit(e)}>
        <Field id="admin-token" label={t('fieldAdminToken')} required error={error}>
          <input type="password" autoComplete="current-password" spellCheck={false} value={token} onChange={(e) => setToken(e.target.value)} />
        </Field>
        <button type="submit" className="primary" data-testid="admin-signin-submit" aria-disabled={busy}>
          {busy ? t('signingIn') : t('signIn')}
        </button>
      </form>
    </Screen>
  );
}
