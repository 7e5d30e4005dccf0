/**
 * /app/apply: a visitor's application (name, phone, ID, host or department, the site's lists, plate, companions, group
 * pass, window), checked here and by the cloud.
 */
import { useEffect, useRef, useState, type SyntheticEvent } from 'react';
import type { SiteLists } from '../../shared/siteLists';
import type { BookingReceipt } from '../../shared/api';
import { IdType } from '../../shared/domain';
import { ApiFailure, applyForVisit, fetchSiteLists } from '../api/client';
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
import { CompanionsFieldset, DriveFields, GroupPassFields, ReasonSelect, VisitKindFields } from './ApplyExtras';
import { checkExtras, emptyExtras, extraInputId, itemsOf, plateOf, type ExtraProblems, type ExtrasDraft } from './bookingExtras';

const inputId = (field: ApplicationField) => `apply-${field}`;

export function ApplyScreen({ onReceipt, rules = DEFAULT_APPLICATION_RULES }: { onReceipt: (receipt: BookingReceipt) => void; rules?: ApplicationRules }) {
  const { t, language } = useLanguage();
  const [draft, setDraft] = useState<ApplicationDraft>(() => emptyDraft(new Date()));
  const [problems, setProblems] = useState<FieldProblems>({});
  const [formError, setFormError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [extras, setExtras] = useState<ExtrasDraft>(emptyExtras);
  const [extraProblems, setExtraProblems] = useState<ExtraProblems>({});
  const [lists, setLists] = useState<SiteLists | undefined>();
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    // the site's lists; without them (several sites, offline) the form asks for free text as before
    fetchSiteLists().then(setLists, () => setLists(undefined));
  }, []);
  const official = extras.visitKind === 'official';
  const reasonList = itemsOf(lists, 'visit_reason').length > 0;
  const extrasProps = { extras, setExtras, lists, problems: extraProblems };

  const set = (field: ApplicationField) => (e: { target: { value: string } }) => {
    setDraft((d) => ({ ...d, [field]: e.target.value }));
  };
  const errorOf = (field: ApplicationField) => {
    const p = problems[field];
    return p === undefined ? undefined : PROBLEM_TEXT[p][language];
  };
  const showProblems = (found: FieldProblems, extra: ExtraProblems = {}) => {
    setProblems(found);
    setExtraProblems(extra);
    const count = Object.keys(found).length + Object.keys(extra).length;
    setFormError(t('formHasErrors', { n: count }));
    const first = APPLICATION_FIELDS.find((f) => found[f] !== undefined);
    // after React has rendered the errors: focus the first wrong field, which reads its error (aria-describedby)
    setTimeout(() => {
      const el = first ? form.current?.querySelector<HTMLElement>(`#${inputId(first)}`) : form.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
      el?.focus();
    }, 0);
  };

  const submit = async (e: SyntheticEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (busy) return;
    // a reason from the site's list is the item's name; an official visit names a department, not a host
    const reasonName = itemsOf(lists, 'visit_reason').find((i) => i.id === extras.reasonId)?.name ?? '';
    const checked = checkApplication(reasonList ? { ...draft, reason: reasonName } : draft, rules, new Date(), { noHost: official });
    const more = checkExtras(extras, lists);
    if (!checked.ok || !more.ok) {
      const { reason: reasonProblem, ...found } = checked.ok ? {} : checked.problems;
      const extra = more.ok ? {} : { ...more.problems };
      if (reasonList && reasonProblem !== undefined) extra[extraInputId.reasonId] = 'problemChoose';
      showProblems(reasonList || reasonProblem === undefined ? found : { ...found, reason: reasonProblem }, extra);
      return;
    }
    setProblems({});
    setExtraProblems({});
    setFormError(undefined);
    setBusy(true);
    const plate = plateOf(extras);
    const body = { ...checked.body, ...more.body, visitor: { ...checked.body.visitor, ...(plate !== undefined ? { plate } : {}) } };
    try {
      onReceipt(await applyForVisit(body));
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
          <DriveFields {...extrasProps} />
        </fieldset>
        <fieldset>
          <legend>{t('sectionVisit')}</legend>
          <VisitKindFields {...extrasProps} />
          {!official && (
            <Field id={inputId('hostPhone')} label={t('fieldHostPhone')} required hint={t('fieldHostPhoneHint')} error={errorOf('hostPhone')}>
              <input type="tel" inputMode="tel" autoComplete="off" value={draft.hostPhone} onChange={set('hostPhone')} maxLength={20} />
            </Field>
          )}
          {reasonList ? (
            <ReasonSelect {...extrasProps} />
          ) : (
            <Field id={inputId('reason')} label={t('fieldReason')} required error={errorOf('reason')}>
              <input type="text" value={draft.reason} onChange={set('reason')} maxLength={200} />
            </Field>
          )}
          <Field id={inputId('windowStart')} label={t('fieldWindowStart')} required error={errorOf('windowStart')}>
            <input type="datetime-local" value={draft.windowStart} onChange={set('windowStart')} />
          </Field>
          <Field id={inputId('windowEnd')} label={t('fieldWindowEnd')} required error={errorOf('windowEnd')}>
            <input type="datetime-local" value={draft.windowEnd} onChange={set('windowEnd')} />
          </Field>
        </fieldset>
        <CompanionsFieldset {...extrasProps} />
        <GroupPassFields {...extrasProps} />
        <button type="submit" className="primary" data-testid="apply-submit" aria-disabled={busy}>
          {busy ? t('submitting') : t('submitApplication')}
        </button>
      </form>
    </Screen>
  );
}
