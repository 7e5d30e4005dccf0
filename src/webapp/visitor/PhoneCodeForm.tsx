/**
 * Phone, then the one-time code sent to it (POST /auth/codes), for signing in (with the site's privacy notice, read
 * and accepted with its version) and for finding a pass. The cloud's refusals (the wait a rate limit asks for, the
 * tries left on a code) are shown beside the field they concern and read out as they appear.
 */
import { useRef, useState, type SyntheticEvent } from 'react';
import { Phone } from '../../shared/domain';
import { maskPhone } from '../../shared/mask';
import { SignInCode, type PrivacyNotice } from '../../shared/signIn';
import { requestSignInCode } from '../api/visitorClient';
import { Field } from '../components/Field';
import { useSubmit } from '../components/useSubmit';
import { useLanguage } from '../i18n/language';
import { PROBLEM_TEXT } from '../i18n/messages';
import { errorText } from './errorText';

export interface PhoneCodeSubmit {
  phone: string;
  code: string;
  /** the version of the privacy notice shown and accepted (withPrivacy only) */
  privacyNoticeVersion?: string;
}

interface Props {
  /** prefixes the fields' ids and test ids */
  idPrefix: string;
  siteId: string;
  withPrivacy: boolean;
  submitLabel: string;
  /** uses the code; throws the cloud's refusal, shown beside the code */
  onSubmit: (input: PhoneCodeSubmit) => Promise<void>;
}

/** a phone number refused before it is sent: its words */
class PhoneRefused extends Error {}

export function PhoneCodeForm({ idPrefix, siteId, withPrivacy, submitLabel, onSubmit }: Props) {
  const { t, language } = useLanguage();
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [sent, setSent] = useState<{ phone: string; minutes: number; notice: PrivacyNotice } | undefined>();
  const [accepted, setAccepted] = useState(false);
  /** what is checked here before anything is sent: the code's format, the notice accepted */
  const [errors, setErrors] = useState<{ code?: string; privacy?: string }>({});
  const codeInput = useRef<HTMLInputElement>(null);
  const id = (f: string) => `${idPrefix}-${f}`;

  const sending = useSubmit(
    async () => {
      const parsed = Phone.safeParse(phone);
      if (!parsed.success) throw new PhoneRefused(PROBLEM_TEXT.phone_invalid[language]);
      const receipt = await requestSignInCode(siteId, parsed.data);
      setErrors({});
      setSent({ phone: parsed.data, minutes: Math.round(receipt.expiresInSeconds / 60), notice: receipt.privacyNotice });
      setTimeout(() => codeInput.current?.focus(), 0);
    },
    { describe: (err) => (err instanceof PhoneRefused ? err.message : errorText(err, t)), focusId: id('phone') },
  );
  const signing = useSubmit(
    async () => {
      if (!sent) return;
      await onSubmit({ phone: sent.phone, code: code.trim(), ...(withPrivacy ? { privacyNoticeVersion: sent.notice.versions[language] } : {}) });
    },
    { describe: (err) => errorText(err, t), focusId: id('code') },
  );
  const busy = sending.busy || signing.busy;

  const sendCode = (e?: SyntheticEvent) => {
    e?.preventDefault();
    if (!busy) void sending.run();
  };

  const submit = (e: SyntheticEvent) => {
    e.preventDefault();
    if (busy || !sent) return;
    const found: typeof errors = {};
    if (!SignInCode.safeParse(code.trim()).success) found.code = t('codeFormat');
    if (withPrivacy && !accepted) found.privacy = t('privacyRequired');
    setErrors(found);
    if (found.code || found.privacy) {
      signing.setError(undefined);
      return;
    }
    void signing.run();
  };

  if (!sent)
    return (
      <form noValidate onSubmit={sendCode}>
        <Field id={id('phone')} label={t('fieldPhone')} required error={sending.error}>
          <input type="tel" inputMode="tel" autoComplete="tel" value={phone} onChange={(e) => setPhone(e.target.value)} maxLength={20} />
        </Field>
        <button type="submit" className="primary" data-testid={id('send-code')} aria-disabled={busy}>
          {busy ? t('sendingCode') : t('sendCode')}
        </button>
      </form>
    );

  const noticeText = sent.notice.text[language].trim() || t('privacyDefault');
  return (
    <form noValidate onSubmit={submit}>
      <p role="status" data-testid={id('code-sent')}>
        {t('codeSent', { phone: maskPhone(sent.phone), minutes: sent.minutes })}
      </p>
      <Field id={id('code')} label={t('fieldCode')} required hint={t('fieldCodeHint')} error={errors.code ?? signing.error}>
        <input
          ref={codeInput}
          type="text"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9]*"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          maxLength={6}
        />
      </Field>
      {withPrivacy && (
        <section className="privacy-notice" aria-labelledby={id('privacy-title')} data-testid={id('privacy')}>
          <h2 id={id('privacy-title')}>{t('privacyTitle')}</h2>
          <p>{noticeText}</p>
          <p className="field-hint">{t('privacyVersion', { version: sent.notice.versions[language] })}</p>
          <div className={errors.privacy ? 'field field-invalid check-field' : 'field check-field'}>
            <input
              type="checkbox"
              id={id('privacy-accept')}
              checked={accepted}
              onChange={(e) => setAccepted(e.target.checked)}
              aria-invalid={errors.privacy ? true : undefined}
              aria-describedby={errors.privacy ? id('privacy-error') : undefined}
            />
            <label htmlFor={id('privacy-accept')}>{t('privacyAccept')}</label>
            {errors.privacy && (
              <p className="field-error" id={id('privacy-error')} data-testid={id('privacy-error')}>
                {errors.privacy}
              </p>
            )}
          </div>
        </section>
      )}
      <button type="submit" className="primary" data-testid={id('submit')} aria-disabled={busy}>
        {busy ? t('signingIn') : submitLabel}
      </button>
      <button type="button" className="link-button" data-testid={id('resend')} onClick={() => sendCode()}>
        {t('resendCode')}
      </button>
    </form>
  );
}
