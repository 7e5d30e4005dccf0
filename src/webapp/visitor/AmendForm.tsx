/**
 * Amending a pending or returned booking: its reason and window (the people stay as they are), checked here and by
 * the cloud; resubmitted, it is pending again for the host (PUT /me/bookings/<id>).
 */
import { useState, type SyntheticEvent } from 'react';
import { FreeText } from '../../shared/domain';
import type { MyBooking } from '../../shared/signIn';
import { fromLocalInput, toLocalInput } from '../apply/applicationForm';
import { amendMyBooking } from '../api/visitorClient';
import { Field } from '../components/Field';
import { useLanguage } from '../i18n/language';
import { PROBLEM_TEXT } from '../i18n/messages';
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
    if (Object.keys(found).length > 0 || !from || !to) return;
    setBusy(true);
    setFormError(undefined);
    try {
      const body = {
        visitor: booking.visitor,
        companions: booking.companions,
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
      <button type="submit" className="primary" data-testid="amend-submit" aria-disabled={busy}>
        {busy ? t('submitting') : t('saveResubmit')}
      </button>
      <button type="button" onClick={onCancel}>
        {t('cancelEdit')}
      </button>
    </form>
  );
}
