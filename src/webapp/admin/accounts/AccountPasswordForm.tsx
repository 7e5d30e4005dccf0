/** Setting an account's new password (at least 10 characters): the cloud clears its lock and ends its sessions. */
import { useState } from 'react';
import type { Account } from '../../../shared/accounts';
import { Field } from '../../components/Field';
import { useSubmit } from '../../components/useSubmit';
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
  const submit = useSubmit(async () => onDone(await setAccountPassword(token, account.id, password)), {
    describe: (err) => accountProblems(err)?.password ?? fail(err),
    focusId: 'ac-new-password',
  });

  return (
    <form className="admin-panel" noValidate onSubmit={submit.onSubmit} aria-labelledby="ac-password-title" data-testid="ac-password-form">
      <h2 id="ac-password-title">{t('acPasswordTitle', { name: account.name })}</h2>
      <Field id="ac-new-password" label={t('acNewPassword')} required hint={t('acNewPasswordHint')} error={submit.error}>
        <input type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
      </Field>
      <button type="submit" className="primary" aria-disabled={submit.busy} data-testid="ac-password-submit">
        {t('acPasswordSave')}
      </button>
    </form>
  );
}
