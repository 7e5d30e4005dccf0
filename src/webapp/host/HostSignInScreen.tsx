/**
 * /app/host without a session: two ways in. First the host's phone and a one-time code (the site, the phone, 获取
 * 验证码, then the code); below it the host token an administrator issued. Both hand the same HostSession over.
 */
import { useState, type SyntheticEvent } from 'react';
import { ApiFailure } from '../api/client';
import { requestHostCode } from '../api/hostClient';
import { Field } from '../components/Field';
import { Screen } from '../components/Screen';
import { TokenSignInForm } from '../components/TokenSignInForm';
import { useSubmit } from '../components/useSubmit';
import { useLanguage } from '../i18n/language';
import type { MessageKey } from '../i18n/messages';
import { initialSiteId, phoneCodeSignIn, rememberSiteId, tokenSignIn, type HostSession } from './session';

/** A refusal in the host's words: the known ones ours, any other the cloud's own message. */
export function refusalKey(err: unknown): MessageKey | { text: string } {
  if (!(err instanceof ApiFailure)) return 'networkError';
  if (err.body.error === 'rate_limited') return 'hostTooManyTries';
  if (err.body.error === 'code_invalid') return 'hostCodeInvalid';
  if (err.body.error === 'invalid_request') return 'hostSignInInvalid';
  return { text: err.body.message };
}

/** the site or the phone left empty: asked for before a code is sent */
class SiteAndPhoneMissing extends Error {}

function PhoneCodeForm({ onSignedIn }: { onSignedIn: (session: HostSession) => void }) {
  const { t } = useLanguage();
  const [siteId, setSiteId] = useState(initialSiteId);
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [sent, setSent] = useState(false);
  const [status, setStatus] = useState('');
  const words = (err: unknown) => {
    if (err instanceof SiteAndPhoneMissing) return t('hostSiteAndPhoneRequired');
    const r = refusalKey(err);
    return typeof r === 'string' ? t(r) : r.text;
  };

  const sending = useSubmit(
    async () => {
      if (siteId.trim() === '' || phone.trim() === '') throw new SiteAndPhoneMissing();
      const receipt = await requestHostCode(siteId.trim(), phone.replace(/[\s-]/g, ''));
      setSent(true);
      setStatus(t('hostCodeSent', { minutes: Math.round(receipt.expiresInSeconds / 60) }));
      setTimeout(() => document.getElementById('host-code')?.focus(), 0);
    },
    { describe: words },
  );
  const signing = useSubmit(
    async () => {
      const session = await phoneCodeSignIn.signIn({ siteId, phone, code });
      rememberSiteId(session.siteId);
      onSignedIn(session);
    },
    { describe: words, focusId: 'host-code' },
  );
  const busy = sending.busy || signing.busy;
  // one error shown at a time: the last step's
  const error = signing.error ?? sending.error;

  const sendCode = () => {
    if (busy) return;
    signing.setError(undefined);
    void sending.run();
  };

  const submit = (e: SyntheticEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!sent) {
      sendCode();
      return;
    }
    if (busy) return;
    sending.setError(undefined);
    void signing.run();
  };

  return (
    <section aria-labelledby="host-phone-signin-title">
      <h2 id="host-phone-signin-title">{t('hostPhoneSignInTitle')}</h2>
      <form noValidate onSubmit={submit}>
        <Field id="host-site" label={t('hostFieldSite')} hint={t('hostFieldSiteHint')} required>
          <input type="text" autoComplete="off" spellCheck={false} value={siteId} onChange={(e) => setSiteId(e.target.value)} />
        </Field>
        <Field id="host-phone" label={t('fieldPhone')} required>
          <input type="tel" inputMode="tel" autoComplete="tel" value={phone} onChange={(e) => setPhone(e.target.value)} />
        </Field>
        <button type="button" data-testid="host-send-code" aria-disabled={busy} onClick={sendCode}>
          {sent ? t('hostSendCodeAgain') : t('hostSendCode')}
        </button>
        <p role="status" data-testid="host-code-status">
          {status}
        </p>
        {sent && (
          <Field id="host-code" label={t('hostFieldCode')} required error={error}>
            <input type="text" inputMode="numeric" autoComplete="one-time-code" maxLength={6} value={code} onChange={(e) => setCode(e.target.value)} />
          </Field>
        )}
        {!sent && error && (
          <p className="form-error" role="alert" data-testid="host-phone-error">
            {error}
          </p>
        )}
        {sent && (
          <button type="submit" className="primary" data-testid="host-code-submit" aria-disabled={busy}>
            {busy ? t('signingIn') : t('signIn')}
          </button>
        )}
      </form>
    </section>
  );
}

export function HostSignInScreen({ onSignedIn, notice }: { onSignedIn: (session: HostSession) => void; notice?: string }) {
  const { t } = useLanguage();
  return (
    <Screen title={t('hostSignInTitle')} testId="host-signin-screen">
      {notice && (
        <p className="form-error" role="alert" data-testid="host-signin-notice">
          {notice}
        </p>
      )}
      <PhoneCodeForm onSignedIn={onSignedIn} />
      <section aria-labelledby="host-token-signin-title">
        <h2 id="host-token-signin-title">{t('hostTokenSignInTitle')}</h2>
        <p>{t('hostSignInIntro')}</p>
        <TokenSignInForm
          fieldId="host-token"
          label="fieldHostToken"
          rejected="tokenRejected"
          submitTestId="host-signin-submit"
          autoComplete="current-password"
          signIn={(input) => tokenSignIn.signIn(input)}
          onSignedIn={onSignedIn}
        />
      </section>
    </Screen>
  );
}
