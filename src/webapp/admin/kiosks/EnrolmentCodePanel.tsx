/** Makes a one-time enrolment code for a site and shows it large with its expiry, with a button that copies it. */
import { useState, type SyntheticEvent } from 'react';
import type { Site } from '../../../shared/domain';
import type { EnrolmentCodeCreated } from '../../../shared/sync';
import { createEnrolmentCode } from '../../api/adminClient';
import { Field } from '../../components/Field';
import { useSubmit } from '../../components/useSubmit';
import { useLanguage } from '../../i18n/language';
import { absoluteTime } from './kioskState';

const TTL_MAX = 7 * 24 * 60;

export function EnrolmentCodePanel({ token, sites, fail }: { token: string; sites: Site[]; fail: (err: unknown) => string }) {
  const { t, language } = useLanguage();
  const [siteId, setSiteId] = useState(sites[0]?.id ?? '');
  const [ttl, setTtl] = useState('60');
  const [ttlError, setTtlError] = useState<string | undefined>();
  const [created, setCreated] = useState<EnrolmentCodeCreated | undefined>();
  const [status, setStatus] = useState('');

  const ttlMinutes = (): number | undefined => {
    const minutes = Number(ttl);
    return /^\d+$/.test(ttl.trim()) && minutes >= 1 && minutes <= TTL_MAX ? minutes : undefined;
  };
  const create = useSubmit(
    async () => {
      setCreated(await createEnrolmentCode(token, siteId || (sites[0]?.id ?? ''), ttlMinutes() ?? 0));
      setStatus('');
    },
    { describe: fail },
  );
  // the validity is checked here, its words beside its field; the cloud's refusals above the code
  const submit = (e: SyntheticEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (create.busy) return;
    if (ttlMinutes() === undefined) {
      setTtlError(t('enrolTtlInvalid'));
      document.getElementById('enrol-ttl')?.focus();
      return;
    }
    setTtlError(undefined);
    void create.run();
  };

  const copy = async (code: string) => {
    try {
      await navigator.clipboard.writeText(code);
      setStatus(t('enrolCopied'));
    } catch {
      setStatus(t('enrolCopyFailed'));
    }
  };

  return (
    <section className="admin-panel" aria-labelledby="enrol-title">
      <h2 id="enrol-title">{t('enrolTitle')}</h2>
      <p>{t('enrolIntro')}</p>
      <form noValidate className="inline-form" onSubmit={submit}>
        <Field id="enrol-site" label={t('enrolSite')}>
          <select value={siteId} onChange={(e) => setSiteId(e.target.value)}>
            {sites.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </Field>
        <Field id="enrol-ttl" label={t('enrolTtl')} error={ttlError}>
          <input inputMode="numeric" value={ttl} onChange={(e) => setTtl(e.target.value)} />
        </Field>
        <button type="submit" className="primary" aria-disabled={create.busy} data-testid="enrol-create">
          {t('enrolCreate')}
        </button>
      </form>
      {create.error && (
        <p className="form-error" role="alert">
          {create.error}
        </p>
      )}
      <div role="status">
        {created && (
          <div className="enrol-code-box">
            <p>{t('enrolCode')}</p>
            <p className="enrol-code" data-testid="enrol-code" lang="en">
              {created.code}
            </p>
            <p data-testid="enrol-expires">{t('enrolExpires', { at: absoluteTime(created.expiresAt, language) })}</p>
          </div>
        )}
      </div>
      {created && (
        <button type="button" onClick={() => void copy(created.code)}>
          {t('enrolCopy')}
        </button>
      )}
      <p className="visually-hidden" role="status">
        {status}
      </p>
    </section>
  );
}
