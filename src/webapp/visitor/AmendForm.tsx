/**
 * Amending a pending or returned booking: its reason, window and companions (those already on it kept as they are,
 * masked, or removed; new ones typed in), checked here and by the cloud; resubmitted, it is pending again for the host
 * (PUT /me/bookings/<id>).
 */
import { useState, type SyntheticEvent } from 'react';
import { FreeText, type Companion } from '../../shared/domain';
import { maskPhone } from '../../shared/mask';
import type { MyBooking } from '../../shared/signIn';
import { fromLocalInput, toLocalInput } from '../apply/applicationForm';
import { amendMyBooking } from '../api/visitorClient';
import { Field } from '../components/Field';
import { useLanguage } from '../i18n/language';
import { PROBLEM_TEXT } from '../i18n/messages';
import { PersonFields } from '../invite/PersonFields';
import { checkCompanion, emptyPerson, type PersonDraft, type PersonProblems } from '../invite/personForm';
import { errorText, sessionEnded } from './errorText';
import type { VisitorSession } from './session';

type Problem = keyof typeof PROBLEM_TEXT;

interface Props {
  session: VisitorSession;
  booking: MyBooking;
  onDone: (b: MyBooking) => void;
  onCancel: () => void;
  onSessionEnded: () => void;
}

export function AmendForm({ session, booking, onDone, onCancel, onSessionEnded }: Props) {
  const { t, language } = useLanguage();
  const [reason, setReason] = useState(booking.reason);
  const [start, setStart] = useState(toLocalInput(new Date(booking.windowStart)));
  const [end, setEnd] = useState(toLocalInput(new Date(booking.windowEnd)));
  const [kept, setKept] = useState<Companion[]>(booking.companions);
  const [added, setAdded] = useState<PersonDraft[]>([]);
  const [addedProblems, setAddedProblems] = useState<PersonProblems[]>([]);
  const [problems, setProblems] = useState<{ reason?: Problem; start?: Problem; end?: Problem }>({});
  const [formError, setFormError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: SyntheticEvent) => {
    e.preventDefault();
    if (busy) return;
    const found: typeof problems = {};
    const text = FreeText(200).min(1).safeParse(reason.trim());
    if (!text.success) found.reason = reason.trim() === '' ? 'required' : 'text_invalid';
    const from = fromLocalInput(start);
    const to = fromLocalInput(end);
    if (!from) found.start = 'datetime_invalid';
    if (!to) found.end = 'datetime_invalid';
    else if (from && to <= from) found.end = 'window_order';
    else if (to.getTime() <= Date.now()) found.end = 'window_in_past';
    setProblems(found);
    const checked = added.map(checkCompanion);
    setAddedProblems(checked.map((c) => c.problems));
    const newPeople = checked.map((c) => c.value).filter((c): c is Companion => c !== undefined);
    if (Object.keys(found).length > 0 || newPeople.length !== checked.length || !from || !to) return;
    setBusy(true);
    setFormError(undefined);
    try {
      const body = {
        visitor: booking.visitor,
        companions: [...kept, ...newPeople],
        ...(booking.source === 'group' ? { groupSize: booking.groupSize } : {}),
        reason: reason.trim(),
        ...(booking.area !== undefined ? { area: booking.area } : {}),
        windowStart: from.toISOString(),
        windowEnd: to.toISOString(),
      };
      onDone(await amendMyBooking(session.token, booking.id, body));
    } catch (err) {
      if (sessionEnded(err)) onSessionEnded();
      else setFormError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };

  const text = (p: Problem | undefined) => (p === undefined ? undefined : PROBLEM_TEXT[p][language]);
  return (
    <form noValidate onSubmit={(e) => void submit(e)} className="amend-form" data-testid="amend-form" aria-labelledby="amend-title">
      <h2 id="amend-title">{t('editBooking')}</h2>
      <p>{t('editIntro')}</p>
      {formError && (
        <p className="form-error" role="alert" data-testid="amend-error">
          {formError}
        </p>
      )}
      <Field id="amend-reason" label={t('fieldReason')} required error={text(problems.reason)}>
        <input type="text" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} />
      </Field>
      <Field id="amend-start" label={t('fieldWindowStart')} required error={text(problems.start)}>
        <input type="datetime-local" value={start} onChange={(e) => setStart(e.target.value)} />
      </Field>
      <Field id="amend-end" label={t('fieldWindowEnd')} required error={text(problems.end)}>
        <input type="datetime-local" value={end} onChange={(e) => setEnd(e.target.value)} />
      </Field>
      <fieldset>
        <legend>{t('bookingCompanions')}</legend>
        {kept.length + added.length === 0 && <p>{t('bookingNoCompanions')}</p>}
        <ul className="booking-list">
          {kept.map((c, i) => (
            <li key={`${c.name}-${i}`} className="session-bar" data-testid="amend-kept-companion">
              <span>{c.phone ? `${c.name} (${maskPhone(c.phone)})` : c.name}</span>
              <button type="button" onClick={() => setKept((cs) => cs.filter((_, j) => j !== i))}>
                {t('removeCompanion', { n: i + 1 })}
              </button>
            </li>
          ))}
        </ul>
        {added.map((d, i) => (
          <fieldset key={i} data-testid="amend-new-companion">
            <legend>{t('companionN', { n: kept.length + i + 1 })}</legend>
            <PersonFields
              prefix={`amend-companion-${i + 1}`}
              draft={d}
              problems={addedProblems[i] ?? {}}
              phoneRequired={false}
              onChange={(f, value) => setAdded((ds) => ds.map((x, j) => (j === i ? { ...x, [f]: value } : x)))}
            />
            <button
              type="button"
              onClick={() => {
                setAdded((ds) => ds.filter((_, j) => j !== i));
                setAddedProblems((ps) => ps.filter((_, j) => j !== i));
              }}
            >
              {t('removeCompanion', { n: kept.length + i + 1 })}
            </button>
          </fieldset>
        ))}
        <button type="button" data-testid="amend-add-companion" onClick={() => setAdded((ds) => [...ds, emptyPerson()])}>
          {t('addCompanion')}
        </button>
      </fieldset>
      <button type="submit" className="primary" data-testid="amend-submit" aria-disabled={busy}>
        {busy ? t('submitting') : t('saveResubmit')}
      </button>
      <button type="button" onClick={onCancel}>
        {t('cancelEdit')}
      </button>
    </form>
  );
}
