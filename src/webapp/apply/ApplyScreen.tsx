/**
 * /app/apply: a visitor's application (name, phone, ID, the host picked from the site's directory or a department, the
 * site's lists, plate, companions, group pass, window), checked here and by the cloud. The site: the signed-in
 * visitor's, the link's (?site=) or the only one (useApplySite). Signed in, the visitor applies through their session
 * (the booking is theirs, in "my bookings"; a blacklisted person is named, masked); otherwise anonymously (the neutral
 * receipt).
 */
import { useEffect, useRef, useState } from 'react';
import { IdType } from '../../shared/domain';
import type { HostDirectoryEntry } from '../../shared/hostDesk';
import { maskPhone } from '../../shared/mask';
import { ApiFailure, applyForVisit } from '../api/client';
import { applyAsVisitor } from '../api/visitorClient';
import { Field } from '../components/Field';
import { Screen } from '../components/Screen';
import { useSubmit } from '../components/useSubmit';
import { HostPicker } from '../host/HostPicker';
import { useLanguage } from '../i18n/language';
import { Link } from '../router';
import { errorText, sessionEnded } from '../visitor/errorText';
import { loadVisitorSession, saveVisitorSession, type VisitorSession } from '../visitor/session';
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
import { blacklistedPeopleOf, receiptOfAnonymous, receiptOfBooking, type ApplicationReceipt } from './applyOutcome';
import { CompanionsFieldset, DriveFields, GroupPassFields, ReasonSelect, VisitKindFields } from './ApplyExtras';
import { checkExtras, emptyExtras, extraInputId, itemsOf, plateOf, type ExtraProblems, type ExtrasDraft } from './bookingExtras';
import { useApplySite } from './useApplySite';

const inputId = (field: ApplicationField) => `apply-${field}`;

export function ApplyScreen({ onReceipt, rules = DEFAULT_APPLICATION_RULES }: { onReceipt: (receipt: ApplicationReceipt) => void; rules?: ApplicationRules }) {
  const { t, language } = useLanguage();
  const [draft, setDraft] = useState<ApplicationDraft>(() => emptyDraft(new Date()));
  const [problems, setProblems] = useState<FieldProblems>({});
  const [extras, setExtras] = useState<ExtrasDraft>(emptyExtras);
  const [extraProblems, setExtraProblems] = useState<ExtraProblems>({});
  const [host, setHost] = useState<HostDirectoryEntry | undefined>();
  const [session, setSession] = useState<VisitorSession | undefined>(loadVisitorSession);
  const { siteId, lists, unknown: siteUnknown } = useApplySite(session?.siteId);
  const form = useRef<HTMLFormElement>(null);
  /** the focus move once React has rendered the errors shown (the wrong field then reads its error) */
  const focusAfterRender = useRef<(() => void) | undefined>(undefined);
  useEffect(() => {
    const move = focusAfterRender.current;
    focusAfterRender.current = undefined;
    move?.();
  });
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
  /** shows the problems; after React has rendered them, focuses the first wrong field (which reads its error) */
  const showProblems = (found: FieldProblems, extra: ExtraProblems = {}) => {
    setProblems(found);
    setExtraProblems(extra);
    const first = APPLICATION_FIELDS.find((f) => found[f] !== undefined);
    focusAfterRender.current = () => {
      const el = first
        ? form.current?.querySelector<HTMLElement>(`#${inputId(first)}`)
        : (form.current?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? document.getElementById('apply-form-error'));
      el?.focus();
    };
    return t('formHasErrors', { n: Object.keys(found).length + Object.keys(extra).length });
  };

  /** a refusal in words, and on the fields it concerns (a blacklisted companion: on their name) */
  const explain = (err: unknown): string => {
    if (!(err instanceof ApiFailure)) return t('networkError');
    const refused = blacklistedPeopleOf(err.body);
    if (refused !== undefined && refused.length > 0) {
      const extra: ExtraProblems = {};
      const people = refused.map((p) => {
        if (p.who === 'visitor') return t('applyBlacklistedVisitor', { name: p.nameMasked });
        const companion = extras.companions[p.index];
        if (companion) extra[extraInputId.companionName(companion.key)] = 'problemBlacklisted';
        return t('applyBlacklistedCompanion', { n: p.index + 1, name: p.nameMasked });
      });
      showProblems({}, extra);
      return t('applyBlacklisted', { people: people.join('、') });
    }
    const onFields = problemsOfApiError(err.body);
    if (onFields) return showProblems(onFields);
    if (sessionEnded(err)) {
      // the session is over: signed out here too; the form stays filled, to send again (signed in anew, or not)
      saveVisitorSession(undefined);
      setSession(undefined);
    }
    return errorText(err, t);
  };

  const submit = useSubmit(
    async () => {
      // a reason from the site's list is the item's name; an official visit names a department, not a host
      const reasonName = itemsOf(lists, 'visit_reason').find((i) => i.id === extras.reasonId)?.name ?? '';
      const withHost = { ...draft, hostId: host?.id ?? '', ...(reasonList ? { reason: reasonName } : {}) };
      const phone = session?.phone;
      const checked = checkApplication(withHost, rules, new Date(), { noHost: official, ...(phone !== undefined ? { signedInPhone: phone } : {}) });
      const more = checkExtras(extras, lists);
      if (!checked.ok || !more.ok) {
        const { reason: reasonProblem, ...found } = checked.ok ? {} : checked.problems;
        const extra = more.ok ? {} : { ...more.problems };
        if (reasonList && reasonProblem !== undefined) extra[extraInputId.reasonId] = 'problemChoose';
        submit.setError(showProblems(reasonList || reasonProblem === undefined ? found : { ...found, reason: reasonProblem }, extra));
        return;
      }
      setProblems({});
      setExtraProblems({});
      const plate = plateOf(extras);
      const body = { ...checked.body, ...more.body, visitor: { ...checked.body.visitor, ...(plate !== undefined ? { plate } : {}) } };
      onReceipt(session ? receiptOfBooking(await applyAsVisitor(session.token, body)) : receiptOfAnonymous(await applyForVisit(body)));
    },
    { describe: explain },
  );
  const formError = submit.error;

  return (
    <Screen title={t('applyTitle')} testId="apply-screen">
      <p>{t('applyIntro')}</p>
      <p data-testid="apply-signed-in">
        {session ? (
          t('applySignedInAs', { phone: session.phoneMasked })
        ) : (
          <>
            {t('applySignInFirst')} <Link to="/visitor">{t('applySignInLink')}</Link>
          </>
        )}
      </p>
      <SiteTextsPanel />
      <form ref={form} noValidate onSubmit={submit.onSubmit} aria-describedby={formError ? 'apply-form-error' : undefined}>
        {formError && (
          <p className="form-error" id="apply-form-error" role="alert" tabIndex={-1} data-testid="apply-form-error">
            {formError}
          </p>
        )}
        <fieldset>
          <legend>{t('sectionVisitor')}</legend>
          <Field id={inputId('name')} label={t('fieldName')} required error={errorOf('name')}>
            <input type="text" autoComplete="name" value={draft.name} onChange={set('name')} maxLength={40} />
          </Field>
          {session?.phone !== undefined ? (
            <Field id={inputId('phone')} label={t('applyPhoneSignedIn')}>
              <input type="text" readOnly value={maskPhone(session.phone)} />
            </Field>
          ) : (
            <Field id={inputId('phone')} label={t('fieldPhone')} required error={errorOf('phone')}>
              <input type="tel" inputMode="tel" autoComplete="tel" value={draft.phone} onChange={set('phone')} maxLength={20} />
            </Field>
          )}
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
          {!official &&
            (siteId !== undefined ? (
              <HostPicker id={inputId('hostId')} siteId={siteId} label={t('fieldHost')} value={host} onChange={setHost} required error={errorOf('hostId')} />
            ) : (
              siteUnknown && (
                <p className="form-error" role="alert" data-testid="apply-no-site">
                  {t('applyNoSite')}
                </p>
              )
            ))}
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
        <button type="submit" className="primary" data-testid="apply-submit" aria-disabled={submit.busy}>
          {submit.busy ? t('submitting') : t('submitApplication')}
        </button>
      </form>
    </Screen>
  );
}
