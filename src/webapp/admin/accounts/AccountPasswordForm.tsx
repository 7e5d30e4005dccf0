/** Setting an account's new password (at least 10 characters): the cloud clears its lock and ends its sessions. */
import { useState, type SyntheticEvent } from 'react';
import type { Account } from '../../../shared/accounts';
import { Field } from '../../components/Field';
import { useLanguage } from '../../i18n/language';
import { useAdminFailure } from '../useAdminFailure';
import { setAccountPassword } from './api';
import { accountProblems } from './accountProblems';

interface Props {
  token: string;
  account: Account;
  onDone: (account: Account) => void;
  onSignOut: (notice?: string) => void;
}

export function AccountPasswordForm({ token, account, onDone, onSignOut }: Props) {
  const { t } = useLanguage();
  const fail = useAdminFailure(onSignOut);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: SyntheticEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      onDone(await setAccountPassword(token, account.id, password));
    } catch (err) {
      setError(accountProblems(err)?.password ?? fail(err));
      document.getElementById('ac-new-password')?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="admin-panel" noValidate onSubmit={(e) => void submit(e)} aria-labelledby="ac-password-title" data-testid="ac-password-form">
      <h2 id="ac-password-title">{t('acPasswordTitle', { name: account.name })}</h2>
      <Field id="ac-new-password" label={t('acNewPassword')} required hint={t('acNewPasswordHint')} error={error}>
        <input type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
      </Field>
      <button type="submit" className="primary" aria-disabled={busy} data-testid="ac-password-submit">
        {t('acPasswordSave')}
      </button>
    </form>
  );
}
