/** /app/apply: a visitor's application (name, phone, ID, host, reason, window), checked here and by the cloud. */
import { useRef, useState, type SyntheticEvent } from 'react';
import type { BookingReceipt } from '../../shared/api';
import { IdType } from '../../shared/domain';
import { ApiFailure, applyForVisit } from '../api/client';
import { Field } from '../components/Field';
import { Screen } from '../components/Screen';
import { useLanguage } from '../i18n/language';
import { SiteTextsPanel } from './SiteTextsPanel';
import { PROBLEM_TEXT, type MessageKey } from '../i18n/messages';
import {
  APPLICATION_FIELDS,
  checkApplication,
  DEFAULT_APPLICATION_RULES,
  emptyDraft,
  problemsOfApiError,
  type ApplicationDraft,
  type ApplicationField,
  type ApplicationRules,
  type FieldProblems,
} from './applicationForm';

const inputId = (field: ApplicationField) => `apply-${field}`;

export function ApplyScreen({ onReceipt, rules = DEFAULT_APPLICATION_RULES }: { onReceipt: (receipt: BookingReceipt) => void; rules?: ApplicationRules }) {
  const { t, language } = useLanguage();
  const [draft, setDraft] = useState<ApplicationDraft>(() => emptyDraft(new Date()));
  const [problems, setProblems] = useState<FieldProblems>({});
  const [formError, setFormError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  const set = (field: ApplicationField) => (e: { target: { value: string } }) => {
    setDraft((d) => ({ ...d, [field]: e.target.value }));
  };
  const errorOf = (field: ApplicationField) => {
    const p = problems[field];
    return p === undefined ? undefined : PROBLEM_TEXT[p][language];
  };
  const showProblems = (found: FieldProblems) => {
    setProblems(found);
    const count = Object.keys(found).length;
    setFormError(t('formHasErrors', { n: count }));
    const first = APPLICATION_FIELDS.find((f) => found[f] !== undefined);
    // after React has rendered the errors: focus the first wrong field, which reads its error (aria-describedby)
    if (first) setTimeout(() => form.current?.querySelector<HTMLElement>(`#${inputId(first)}`)?.focus(), 0);
  };

  const submit = async (e: SyntheticEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (busy) return;
    const checked = checkApplication(draft, rules, new Date());
    if (!checked.ok) {
      showProblems(checked.problems);
      return;
    }
    setProblems({});
    setFormError(undefined);
    setBusy(true);
    try {
      onReceipt(await applyForVisit(checked.body));
    } catch (err) {
      const onFields = err instanceof ApiFailure ? problemsOfApiError(err.body) : undefined;
      if (onFields) showProblems(onFields);
      else setFormError(err instanceof ApiFailure ? err.body.message : t('networkError'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Screen title={t('applyTitle')} testId="apply-screen">
      <p>{t('applyIntro')}</p>
      <SiteTextsPanel />
      <form ref={form} noValidate onSubmit={(e) => void submit(e)} aria-describedby={formError ? 'apply-form-error' : undefined}>
        {formError && (
          <p className="form-error" id="apply-form-error" role="alert" data-testid="apply-form-error">
            {formError}
          </p>
        )}
        <fieldset>
          <legend>{t('sectionVisitor')}</legend>
          <Field id={inputId('name')} label={t('fieldName')} required error={errorOf('name')}>
            <input type="text" autoComplete="name" value={draft.name} onChange={set('name')} maxLength={40} />
          </Field>
          <Field id={inputId('phone')} label={t('fieldPhone')} required error={errorOf('phone')}>
            <input type="tel" inputMode="tel" autoComplete="tel" value={draft.phone} onChange={set('phone')} maxLength={20} />
          </Field>
          <Field id={inputId('idType')} label={t('fieldIdType')} error={errorOf('idType')}>
            <select value={draft.idType} onChange={set('idType')}>
              {IdType.options.map((type) => (
                <option key={type} value={type}>
                  {t(`idType_${type}` as MessageKey)}
                </option>
              ))}
            </select>
          </Field>
          <Field
            id={inputId('idNumber')}
            label={t('fieldIdNumber')}
            required={rules.idNumberRequired}
            hint={rules.idNumberRequired ? undefined : t('fieldIdNumberHintOptional')}
            error={errorOf('idNumber')}
          >
            <input
              type="text"
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              value={draft.idNumber}
              onChange={set('idNumber')}
              maxLength={40}
            />
          </Field>
        </fieldset>
        <fieldset>
          <legend>{t('sectionVisit')}</legend>
          <Field id={inputId('hostPhone')} label={t('fieldHostPhone')} required hint={t('fieldHostPhoneHint')} error={errorOf('hostPhone')}>
            <input type="tel" inputMode="tel" autoComplete="off" value={draft.hostPhone} onChange={set('hostPhone')} maxLength={20} />
          </Field>
          <Field id={inputId('reason')} label={t('fieldReason')} required error={errorOf('reason')}>
            <input type="text" value={draft.reason} onChange={set('reason')} maxLength={200} />
          </Field>
          <Field id={inputId('windowStart')} label={t('fieldWindowStart')} required error={errorOf('windowStart')}>
            <input type="datetime-local" value={draft.windowStart} onChange={set('windowStart')} />
          </Field>
          <Field id={inputId('windowEnd')} label={t('fieldWindowEnd')} required error={errorOf('windowEnd')}>
            <input type="datetime-local" value={draft.windowEnd} onChange={set('windowEnd')} />
          </Field>
        </fieldset>
        <button type="submit" className="primary" data-testid="apply-submit" aria-disabled={busy}>
          {busy ? t('submitting') : t('submitApplication')}
        </button>
      </form>
    </Screen>
  );
}
