/**
 * Sign-in by a token someone issued (a host's token, the bootstrap admin token): one password-type field, refused in
 * the area's own words on 401/403, a network failure in the common words. The host and admin sign-in screens use it.
 */
import { useState } from 'react';
import { ApiFailure } from '../api/client';
import { useLanguage } from '../i18n/language';
import type { MessageKey } from '../i18n/messages';
import { Field } from './Field';
import { useSubmit } from './useSubmit';

interface Props<S> {
  /** the token field's id (it takes the focus after a refusal) */
  fieldId: string;
  label: MessageKey;
  /** the words when the cloud refuses the token */
  rejected: MessageKey;
  submitTestId: string;
  autoComplete: 'off' | 'current-password';
  signIn: (input: { token: string }) => Promise<S>;
  onSignedIn: (session: S) => void;
}

export function TokenSignInForm<S>({ fieldId, label, rejected, submitTestId, autoComplete, signIn, onSignedIn }: Props<S>) {
  const { t } = useLanguage();
  const [token, setToken] = useState('');
  const submit = useSubmit(async () => onSignedIn(await signIn({ token })), {
    describe: (err) => (err instanceof ApiFailure && (err.status === 401 || err.status === 403) ? t(rejected) : t('networkError')),
    focusId: fieldId,
  });

  return (
    <form noValidate onSubmit={submit.onSubmit}>
      <Field id={fieldId} label={t(label)} required error={submit.error}>
        <input type="password" autoComplete={autoComplete} spellCheck={false} value={token} onChange={(e) => setToken(e.target.value)} />
      </Field>
      <button type="submit" className="primary" data-testid={submitTestId} aria-disabled={submit.busy}>
        {submit.busy ? t('signingIn') : t('signIn')}
      </button>
    </form>
  );
}
