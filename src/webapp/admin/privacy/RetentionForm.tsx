/**
 * A site's retention days (GET/POST /admin/sites/{id}/retention): visits, photos and logs, each with the cloud's
 * limits and its default beside it. A value that is not whole days within the limits is named by its field and nothing
 * is sent; a refusal of the cloud is put in words, its fields marked; a save is announced with what is now kept.
 */
import { useEffect, useState } from 'react';
import { DEFAULT_RETENTION, RETENTION_DAYS_LIMITS } from '../../../shared/retention';
import { ApiFailure } from '../../api/client';
import { Field } from '../../components/Field';
import { useSubmit } from '../../components/useSubmit';
import { useLanguage } from '../../i18n/language';
import { readRetention, saveRetention } from './api';
import { RETENTION_KEYS, retentionDraftOf, retentionKeysRefused, retentionOf, type RetentionDraft, type RetentionKey } from './privacyForms';

export interface RetentionFormProps {
  token: string;
  siteId: string;
  fail: (err: unknown) => string;
}

export function RetentionForm({ token, siteId, fail }: RetentionFormProps) {
  const { t } = useLanguage();
  const [draft, setDraft] = useState<RetentionDraft | undefined>();
  const [invalid, setInvalid] = useState<RetentionKey[]>([]);
  const [saved, setSaved] = useState('');
  const [loadError, setLoadError] = useState<string | undefined>();

  useEffect(() => {
    let live = true;
    setDraft(undefined);
    readRetention(token, siteId).then(
      (s) => live && setDraft(retentionDraftOf(s)),
      (err: unknown) => live && setLoadError(fail(err)),
    );
    return () => {
      live = false;
    };
  }, [token, siteId, fail]);

  const submit = useSubmit(
    async () => {
      if (!draft) return;
      setSaved('');
      const result = retentionOf(draft);
      if ('invalid' in result) {
        setInvalid(result.invalid);
        throw new RetentionInvalid(result.invalid);
      }
      setInvalid([]);
      const settings = await saveRetention(token, siteId, result.settings);
      setDraft(retentionDraftOf(settings));
      setSaved(t('retentionSaved', settings));
    },
    {
      describe: (err) => {
        if (err instanceof RetentionInvalid) return t('retentionHasErrors', { n: err.keys.length });
        if (err instanceof ApiFailure && err.status === 400) {
          const keys = retentionKeysRefused(err.body.details);
          setInvalid(keys);
          return t('retentionRefused', { reason: err.body.message });
        }
        return fail(err);
      },
      onFailure: (err) => {
        const first = err instanceof RetentionInvalid ? err.keys[0] : undefined;
        if (first) document.getElementById(`retention-${first}`)?.focus();
      },
    },
  );

  const limits = { min: RETENTION_DAYS_LIMITS.min, max: RETENTION_DAYS_LIMITS.max };
  return (
    <section className="admin-panel" aria-labelledby="retention-title" data-testid="retention-panel">
      <h2 id="retention-title">{t('retentionTitle')}</h2>
      <p>{t('retentionIntro', limits)}</p>
      {loadError && (
        <p className="form-error" role="alert">
          {loadError}
        </p>
      )}
      {!draft && !loadError && <p>{t('loading')}</p>}
      {draft && (
        <form className="retention-form" noValidate onSubmit={submit.onSubmit}>
          {RETENTION_KEYS.map((key) => (
            <Field
              key={key}
              id={`retention-${key}`}
              label={t(`retention_${key}`)}
              hint={t('retentionHint', { n: DEFAULT_RETENTION[key] })}
              error={invalid.includes(key) ? t('retentionInvalid', limits) : undefined}
            >
              <input
                type="text"
                inputMode="numeric"
                autoComplete="off"
                value={draft[key]}
                onChange={(e) => setDraft((d) => (d ? { ...d, [key]: e.target.value } : d))}
              />
            </Field>
          ))}
          {submit.error && (
            <p className="form-error" role="alert" data-testid="retention-error">
              {submit.error}
            </p>
          )}
          <p className="form-ok" role="status" data-testid="retention-saved">
            {saved}
          </p>
          <button type="submit" className="primary" aria-disabled={submit.busy} data-testid="retention-save">
            {t('retentionSave')}
          </button>
        </form>
      )}
    </section>
  );
}

/** The draft's wrong values (caught by the submit, named in words; nothing was sent). */
class RetentionInvalid extends Error {
  constructor(readonly keys: RetentionKey[]) {
    super('retention invalid');
  }
}
