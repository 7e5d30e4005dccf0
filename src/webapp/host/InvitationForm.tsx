/** The form that makes an invitation: the visit window, the companion limit, how long the link works, approval on/off. */
import { useState, type SyntheticEvent } from 'react';
import type { InvitationCreated } from '../../shared/hostDesk';
import { fromLocalInput, toLocalInput } from '../apply/applicationForm';
import { createInvitation } from '../api/hostClient';
import { Field } from '../components/Field';
import { useSubmit } from '../components/useSubmit';
import { useLanguage } from '../i18n/language';
import { PROBLEM_TEXT } from '../i18n/messages';
import type { HostSession } from './session';

/** how long a link works, in minutes: 30 min, 2 h (the default, seed 001), a day, a week */
const VALIDITY = [30, 120, 1440, 10080] as const;
const VALIDITY_LABEL = { 30: 'hostValid30m', 120: 'hostValid2h', 1440: 'hostValid1d', 10080: 'hostValid7d' } as const;

function nextHours(now: Date): { start: string; end: string } {
  const start = new Date(now);
  start.setMinutes(0, 0, 0);
  start.setHours(start.getHours() + 1);
  return { start: toLocalInput(start), end: toLocalInput(new Date(start.getTime() + 2 * 3600_000)) };
}

export function InvitationForm({
  session,
  onCreated,
  onFailed,
}: {
  session: HostSession;
  onCreated: (c: InvitationCreated) => void;
  onFailed: (err: unknown) => void;
}) {
  const { t, language } = useLanguage();
  const [visit, setVisit] = useState(() => nextHours(new Date()));
  const [companions, setCompanions] = useState('0');
  const [validFor, setValidFor] = useState<(typeof VALIDITY)[number]>(120);
  const [needsApproval, setNeedsApproval] = useState(true);
  const [problems, setProblems] = useState<{ start?: string; end?: string; companions?: string }>({});

  const checked = () => {
    const start = fromLocalInput(visit.start);
    const end = fromLocalInput(visit.end);
    const limit = /^\d{1,2}$/.test(companions.trim()) ? Number(companions.trim()) : Number.NaN;
    const found: typeof problems = {};
    if (!start) found.start = PROBLEM_TEXT.datetime_invalid[language];
    if (!end) found.end = PROBLEM_TEXT.datetime_invalid[language];
    else if (start && end.getTime() <= start.getTime()) found.end = PROBLEM_TEXT.window_order[language];
    else if (end.getTime() <= Date.now()) found.end = PROBLEM_TEXT.window_in_past[language];
    if (!(limit >= 0 && limit <= 50)) found.companions = t('hostCompanionLimitInvalid');
    return { start, end, limit, found };
  };
  const creating = useSubmit(
    async () => {
      const { start, end, limit } = checked();
      if (!start || !end) return;
      onCreated(
        await createInvitation(session.token, {
          companionLimit: limit,
          validForMinutes: validFor,
          needsApproval,
          window: { start: start.toISOString(), end: end.toISOString() },
        }),
      );
    },
    // the screen shows the cloud's refusal (onFailed), above its list
    { describe: () => '', onFailure: onFailed },
  );

  const submit = (e: SyntheticEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (creating.busy) return;
    const { found } = checked();
    setProblems(found);
    const first = (['start', 'end', 'companions'] as const).find((k) => found[k] !== undefined);
    if (first !== undefined) {
      document.getElementById(`invite-${first}`)?.focus();
      return;
    }
    void creating.run();
  };

  return (
    <section aria-labelledby="host-invite-form-title">
      <h2 id="host-invite-form-title">{t('hostInviteFormTitle')}</h2>
      <form noValidate onSubmit={submit}>
        <Field id="invite-start" label={t('fieldWindowStart')} required error={problems.start}>
          <input type="datetime-local" value={visit.start} onChange={(e) => setVisit((w) => ({ ...w, start: e.target.value }))} />
        </Field>
        <Field id="invite-end" label={t('fieldWindowEnd')} required error={problems.end}>
          <input type="datetime-local" value={visit.end} onChange={(e) => setVisit((w) => ({ ...w, end: e.target.value }))} />
        </Field>
        <Field id="invite-companions" label={t('hostCompanionLimit')} hint={t('hostCompanionLimitHint')} required error={problems.companions}>
          <input type="number" inputMode="numeric" min={0} max={50} value={companions} onChange={(e) => setCompanions(e.target.value)} />
        </Field>
        <Field id="invite-valid" label={t('hostValidFor')}>
          <select value={validFor} onChange={(e) => setValidFor(Number(e.target.value) as (typeof VALIDITY)[number])}>
            {VALIDITY.map((m) => (
              <option key={m} value={m}>
                {t(VALIDITY_LABEL[m])}
              </option>
            ))}
          </select>
        </Field>
        <div className="field">
          <label className="checkbox">
            <input type="checkbox" data-testid="invite-needs-approval" checked={needsApproval} onChange={(e) => setNeedsApproval(e.target.checked)} />
            {t('hostNeedsApproval')}
          </label>
        </div>
        <button type="submit" className="primary" data-testid="invite-submit" aria-disabled={creating.busy}>
          {t('hostInviteSubmit')}
        </button>
      </form>
    </section>
  );
}
