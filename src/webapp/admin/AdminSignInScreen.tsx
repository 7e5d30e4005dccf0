/**
 * /app/admin without a session: a staff account signs in with its site, phone and password; the bootstrap admin
 * token (for the first account and for automation) is the second way in, folded below. Each form calls its
 * AdminSignInMethod and hands the same AdminSession to onSignedIn.
 */
import { useState } from 'react';
import { ApiFailure } from '../api/client';
import { Field } from '../components/Field';
import { Screen } from '../components/Screen';
import { TokenSignInForm } from '../components/TokenSignInForm';
import { useSubmit } from '../components/useSubmit';
import { initialSiteId, rememberSiteId } from '../host/session';
import { useLanguage } from '../i18n/language';
import { adminPasswordSignIn, adminTokenSignIn, type AdminSession } from './session';

/** the words for a refused sign-in: locked (429), wrong (401/403/400), or the network */
function refusalKey(err: unknown): 'adminAccountLocked' | 'adminPasswordRejected' | 'networkError' {
  if (!(err instanceof ApiFailure)) return 'networkError';
  if (err.status === 429) return 'adminAccountLocked';
  return err.status === 400 || err.status === 401 || err.status === 403 ? 'adminPasswordRejected' : 'networkError';
}

function PasswordForm({ onSignedIn, notice }: { onSignedIn: (session: AdminSession) => void; notice?: string }) {
  const { t } = useLanguage();
  const [siteId, setSiteId] = useState(initialSiteId);
  const [phone, setPhone] = useState('');
  const [password, setPassword] = useState('');
  const submit = useSubmit(
    async () => {
      const session = await adminPasswordSignIn.signIn({ siteId, phone, password });
      rememberSiteId(siteId.trim());
      onSignedIn(session);
    },
    { describe: (err) => t(refusalKey(err)), focusId: 'admin-password', onFailure: () => setPassword('') },
    notice,
  );

  return (
    <form noValidate onSubmit={submit.onSubmit} aria-labelledby="admin-password-title">
      <h2 id="admin-password-title">{t('adminPasswordTitle')}</h2>
      <Field id="admin-site" label={t('fieldAdminSite')} required>
        <input autoComplete="organization" spellCheck={false} value={siteId} onChange={(e) => setSiteId(e.target.value)} />
      </Field>
      <Field id="admin-phone" label={t('fieldPhone')} required>
        <input type="tel" inputMode="tel" autoComplete="username" value={phone} onChange={(e) => setPhone(e.target.value)} />
      </Field>
      <Field id="admin-password" label={t('fieldAdminPassword')} required error={submit.error}>
        <input type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
      </Field>
      <button type="submit" className="primary" data-testid="admin-password-submit" aria-disabled={submit.busy}>
        {submit.busy ? t('signingIn') : t('signIn')}
      </button>
    </form>
  );
}

export function AdminSignInScreen({ onSignedIn, notice }: { onSignedIn: (session: AdminSession) => void; notice?: string }) {
  const { t } = useLanguage();
  return (
    <Screen title={t('adminSignInTitle')} testId="admin-signin-screen">
      <PasswordForm onSignedIn={onSignedIn} {...(notice ? { notice } : {})} />
      <details className="admin-token-signin" data-testid="admin-token-signin">
        <summary>{t('adminTokenSummary')}</summary>
        <p>{t('adminSignInIntro')}</p>
        <TokenSignInForm
          fieldId="admin-token"
          label="fieldAdminToken"
          rejected="adminTokenRejected"
          submitTestId="admin-signin-submit"
          autoComplete="off"
          signIn={(input) => adminTokenSignIn.signIn(input)}
          onSignedIn={onSignedIn}
        />
      </details>
    </Screen>
  );
}
