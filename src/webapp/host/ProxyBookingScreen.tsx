/**
 * /app/host/proxy, 代约: the host books on a visitor's behalf (name, phone, ID type and number optional, the window,
 * the reason, companions). The result says whether the booking is approved at once (the site's
 * hostProxyBookingsApproved) or waits for approval, with its code; the visitor's numbers are shown masked.
 */
import { useState, type SyntheticEvent } from 'react';
import { IdType, type Booking } from '../../shared/domain';
import type { HostDirectoryEntry } from '../../shared/hostDesk';
import { maskPhone } from '../../shared/mask';
import { ApiFailure } from '../api/client';
import { bookForVisitor } from '../api/hostClient';
import { Field } from '../components/Field';
import { Screen } from '../components/Screen';
import { useSubmit } from '../components/useSubmit';
import { formatWindow } from '../format';
import { useLanguage } from '../i18n/language';
import { PROBLEM_TEXT } from '../i18n/messages';
import { HostPicker } from './HostPicker';
import { checkProxyDraft, emptyProxyDraft, type ProxyDraft, type ProxyField, type ProxyProblems } from './proxyForm';
import type { HostSession } from './session';

export function ProxyBookingScreen({ session, onSessionEnded }: { session: HostSession; onSessionEnded: () => void }) {
  const { t, language } = useLanguage();
  const [draft, setDraft] = useState<ProxyDraft>(() => emptyProxyDraft(new Date()));
  const [problems, setProblems] = useState<ProxyProblems>({});
  const [booked, setBooked] = useState<Booking | undefined>();
  /** another host the booking is copied to (抄送), picked from the site's directory */
  const [cc, setCc] = useState<HostDirectoryEntry | undefined>();

  const set = (field: Exclude<keyof ProxyDraft, 'companions'>, value: string) => setDraft((d) => ({ ...d, [field]: value }));
  const setCompanion = (i: number, field: 'name' | 'phone', value: string) =>
    setDraft((d) => ({ ...d, companions: d.companions.map((c, j) => (j === i ? { ...c, [field]: value } : c)) }));
  const problem = (field: ProxyField) => {
    const p = problems[field];
    return p === undefined ? undefined : PROBLEM_TEXT[p][language];
  };

  const booking = useSubmit(
    async () => {
      const checked = checkProxyDraft(draft, session.hostId, new Date());
      if (!checked.ok) return;
      setBooked(await bookForVisitor(session.token, { ...checked.body, ...(cc !== undefined ? { ccHostIds: [cc.id] } : {}) }));
    },
    {
      describe: (err) => (err instanceof ApiFailure ? err.body.message : t('networkError')),
      onFailure: (err) => {
        if (err instanceof ApiFailure && err.status === 401) onSessionEnded();
      },
    },
  );

  const submit = (e: SyntheticEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (booking.busy) return;
    const checked = checkProxyDraft(draft, session.hostId, new Date());
    if (!checked.ok) {
      setProblems(checked.problems);
      const first = Object.keys(checked.problems)[0];
      if (first !== undefined) document.getElementById(`proxy-${first}`)?.focus();
      return;
    }
    setProblems({});
    void booking.run();
  };

  if (booked) {
    const approved = booked.status === 'approved';
    return (
      <Screen title={t('hostProxyDoneTitle')} testId="host-proxy-result">
        <p role="status" data-testid="host-proxy-outcome" data-status={booked.status}>
          {t(approved ? 'hostProxyApproved' : 'hostProxyPending', { name: booked.visitor.name })}
        </p>
        <dl className="details">
          <dt>{t('receiptCode')}</dt>
          <dd data-testid="host-proxy-code">{booked.code}</dd>
          <dt>{t('bookingPhone')}</dt>
          <dd>{maskPhone(booked.visitor.phone)}</dd>
          <dt>{t('bookingWindow')}</dt>
          <dd>{formatWindow(booked.windowStart, booked.windowEnd, language)}</dd>
        </dl>
        <button
          type="button"
          onClick={() => {
            setBooked(undefined);
            setDraft(emptyProxyDraft(new Date()));
            setCc(undefined);
          }}
        >
          {t('hostProxyAnother')}
        </button>
      </Screen>
    );
  }

  const count = Object.keys(problems).length;
  return (
    <Screen title={t('hostProxyTitle')} testId="host-proxy-screen">
      <p>{t('hostProxyIntro')}</p>
      <form noValidate onSubmit={submit}>
        {count > 0 && (
          <p className="form-error" role="alert">
            {t('formHasErrors', { n: count })}
          </p>
        )}
        {booking.error && (
          <p className="form-error" role="alert">
            {booking.error}
          </p>
        )}
        <Field id="proxy-name" label={t('fieldName')} required error={problem('name')}>
          <input type="text" autoComplete="off" value={draft.name} onChange={(e) => set('name', e.target.value)} />
        </Field>
        <Field id="proxy-phone" label={t('fieldPhone')} required error={problem('phone')}>
          <input type="tel" inputMode="tel" autoComplete="off" value={draft.phone} onChange={(e) => set('phone', e.target.value)} />
        </Field>
        <Field id="proxy-idType" label={t('fieldIdType')} error={problem('idType')}>
          <select value={draft.idType} onChange={(e) => set('idType', e.target.value)}>
            {IdType.options.map((o) => (
              <option key={o} value={o}>
                {t(`idType_${o}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="proxy-idNumber" label={t('fieldIdNumber')} hint={t('fieldIdNumberHintOptional')} error={problem('idNumber')}>
          <input type="text" autoComplete="off" spellCheck={false} value={draft.idNumber} onChange={(e) => set('idNumber', e.target.value)} />
        </Field>
        <Field id="proxy-windowStart" label={t('fieldWindowStart')} required error={problem('windowStart')}>
          <input type="datetime-local" value={draft.windowStart} onChange={(e) => set('windowStart', e.target.value)} />
        </Field>
        <Field id="proxy-windowEnd" label={t('fieldWindowEnd')} required error={problem('windowEnd')}>
          <input type="datetime-local" value={draft.windowEnd} onChange={(e) => set('windowEnd', e.target.value)} />
        </Field>
        <Field id="proxy-reason" label={t('fieldReason')} required error={problem('reason')}>
          <input type="text" value={draft.reason} onChange={(e) => set('reason', e.target.value)} />
        </Field>
        <HostPicker id="proxy-cc" siteId={session.siteId} label={t('hostProxyCc')} value={cc} onChange={setCc} />
        <fieldset className="host-companions">
          <legend>{t('hostCompanions')}</legend>
          {draft.companions.length === 0 && <p>{t('hostNoCompanions')}</p>}
          {draft.companions.map((c, i) => (
            <div key={i} className="host-companion" data-testid="proxy-companion">
              <Field id={`proxy-companion-${i}-name`} label={t('hostCompanionName', { n: i + 1 })} required error={problem(`companion-${i}-name`)}>
                <input type="text" autoComplete="off" value={c.name} onChange={(e) => setCompanion(i, 'name', e.target.value)} />
              </Field>
              <Field id={`proxy-companion-${i}-phone`} label={t('hostCompanionPhone', { n: i + 1 })} error={problem(`companion-${i}-phone`)}>
                <input type="tel" inputMode="tel" autoComplete="off" value={c.phone} onChange={(e) => setCompanion(i, 'phone', e.target.value)} />
              </Field>
              <button type="button" onClick={() => setDraft((d) => ({ ...d, companions: d.companions.filter((_, j) => j !== i) }))}>
                {t('hostCompanionRemove', { n: i + 1 })}
              </button>
            </div>
          ))}
          <button
            type="button"
            data-testid="proxy-add-companion"
            onClick={() => {
              const i = draft.companions.length;
              setDraft((d) => ({ ...d, companions: [...d.companions, { name: '', phone: '' }] }));
              setTimeout(() => document.getElementById(`proxy-companion-${i}-name`)?.focus(), 0);
            }}
          >
            {t('hostCompanionAdd')}
          </button>
        </fieldset>
        <button type="submit" className="primary" data-testid="proxy-submit" aria-disabled={booking.busy}>
          {booking.busy ? t('submitting') : t('hostProxySubmit')}
        </button>
      </form>
    </Screen>
  );
}
