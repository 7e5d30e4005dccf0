/**
 * /app/invite/<token>: the invitation a host sent (the host's name masked, the site, the window or the days offered,
 * the companion limit, whether the host approves), 邀请中 / 已失效 / 已使用; the invited visitor fills in their details
 * and companions up to the limit, submits, and sees the result.
 */
import { useEffect, useRef, useState } from 'react';
import { bookingStatusLabel } from '../../shared/bookingStates';
import type { Companion } from '../../shared/domain';
import { invitationStatusLabel, type InvitationBookingReceipt, type InvitationStatus, type PublicInvitation } from '../../shared/hostDesk';
import { maskName } from '../../shared/mask';
import type { SiteLists } from '../../shared/siteLists';
import { ApiFailure, fetchSiteLists } from '../api/client';
import { bookByInvitation, readInvitation } from '../api/visitorClient';
import { Field } from '../components/Field';
import { Screen } from '../components/Screen';
import { useSubmit } from '../components/useSubmit';
import { emptyExtras, type ExtraProblems, type ExtrasDraft } from '../apply/bookingExtras';
import { formatWindow } from '../format';
import { useLanguage } from '../i18n/language';
import { Link } from '../router';
import { errorText } from '../visitor/errorText';
import { checkInviteLists } from './inviteExtras';
import { InviteListFields } from './InviteListFields';
import { PersonFields } from './PersonFields';
import { checkCompanion, checkVisitor, emptyPerson, type PersonDraft, type PersonProblems } from './personForm';

type Loaded =
  | { kind: 'loading' }
  | { kind: 'open'; invitation: PublicInvitation }
  | { kind: 'closed'; status: Exclude<InvitationStatus, 'inviting'> }
  | { kind: 'unknown' }
  | { kind: 'error'; message: string }
  | { kind: 'done'; receipt: InvitationBookingReceipt };

const CLOSED: Record<string, Exclude<InvitationStatus, 'inviting'>> = {
  invitation_expired: 'expired',
  invitation_revoked: 'revoked',
  invitation_used: 'used',
};

export function InviteScreen({ token }: { token: string }) {
  const { t, language } = useLanguage();
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });

  useEffect(() => {
    let live = true;
    readInvitation(token).then(
      (invitation) => live && setLoaded({ kind: 'open', invitation }),
      (err: unknown) => {
        if (!live) return;
        const closed = err instanceof ApiFailure ? CLOSED[err.body.error] : undefined;
        if (closed) setLoaded({ kind: 'closed', status: closed });
        else if (err instanceof ApiFailure && err.status === 404) setLoaded({ kind: 'unknown' });
        else setLoaded({ kind: 'error', message: errorText(err, t) });
      },
    );
    return () => {
      live = false;
    };
  }, [token, t]);

  const status: InvitationStatus | undefined =
    loaded.kind === 'open' ? 'inviting' : loaded.kind === 'closed' ? loaded.status : loaded.kind === 'done' ? 'used' : undefined;
  return (
    <Screen title={loaded.kind === 'done' ? t('inviteDoneTitle') : t('inviteTitle')} testId="invite-screen">
      {status && (
        <p>
          {t('inviteStatus')}
          {language === 'zh-CN' ? '：' : ': '}
          <span className={`status invitation-${status}`} data-testid="invite-status" data-status={status}>
            {invitationStatusLabel(status)[language]}
          </span>
        </p>
      )}
      {loaded.kind === 'loading' && <p>{t('loading')}</p>}
      {loaded.kind === 'unknown' && <p data-testid="invite-unknown">{t('inviteUnknown')}</p>}
      {loaded.kind === 'error' && (
        <p className="form-error" role="alert">
          {loaded.message}
        </p>
      )}
      {loaded.kind === 'closed' && <p data-testid="invite-closed">{t(loaded.status === 'used' ? 'inviteUsedText' : 'inviteExpiredText')}</p>}
      {loaded.kind === 'open' && <InviteForm token={token} invitation={loaded.invitation} onDone={(receipt) => setLoaded({ kind: 'done', receipt })} />}
      {loaded.kind === 'done' && (
        <div data-testid="invite-result" data-status={loaded.receipt.status}>
          <p role="status">{t(loaded.receipt.status === 'approved' ? 'inviteDoneApproved' : 'inviteDonePending')}</p>
          <dl className="details">
            <dt>{t('bookingCode')}</dt>
            <dd className="booking-code" data-testid="invite-result-code">
              {loaded.receipt.code}
            </dd>
            <dt>{t('bookingStatus')}</dt>
            <dd data-testid="invite-result-status">{bookingStatusLabel(loaded.receipt.status, 'applicant', language)}</dd>
            <dt>{t('bookingWindow')}</dt>
            <dd>{formatWindow(loaded.receipt.windowStart, loaded.receipt.windowEnd, language)}</dd>
          </dl>
          <Link to="/visitor" className="choice">
            {t('navVisitor')}
          </Link>
        </div>
      )}
    </Screen>
  );
}

function InviteForm({ token, invitation, onDone }: { token: string; invitation: PublicInvitation; onDone: (r: InvitationBookingReceipt) => void }) {
  const { t, language } = useLanguage();
  const [visitor, setVisitor] = useState<PersonDraft>(emptyPerson);
  const [companions, setCompanions] = useState<PersonDraft[]>([]);
  const [date, setDate] = useState(invitation.allowedDates?.[0] ?? '');
  const [problems, setProblems] = useState<{ visitor: PersonProblems; companions: PersonProblems[] }>({ visitor: {}, companions: [] });
  const [limitNotice, setLimitNotice] = useState('');
  // the site's lists (identity category, reason, areas, belongings) and self-drive, as on the apply form
  const [lists, setLists] = useState<SiteLists | undefined>();
  const [extras, setExtras] = useState<ExtrasDraft>(emptyExtras);
  const [chosen, setChosenIds] = useState<{ area: string[]; belonging: string[] }>({ area: [], belonging: [] });
  const [extraProblems, setExtraProblems] = useState<ExtraProblems>({});
  const form = useRef<HTMLFormElement>(null);
  const limit = invitation.companionLimit;
  useEffect(() => {
    let live = true;
    // without them (offline, an old cloud) the booking names none; the cloud says so where the site requires them
    fetchSiteLists(invitation.siteId).then(
      (l) => live && setLists(l),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [invitation.siteId]);

  const addCompanion = () => {
    if (companions.length >= limit) {
      setLimitNotice(t('companionLimitReached', { n: limit }));
      return;
    }
    setLimitNotice('');
    setCompanions((cs) => [...cs, emptyPerson()]);
    setTimeout(() => form.current?.querySelector<HTMLElement>(`#invite-companion-${companions.length + 1}-name`)?.focus(), 0);
  };

  const submit = useSubmit(
    async () => {
      const v = checkVisitor(visitor);
      const cs = companions.map(checkCompanion);
      const listed = checkInviteLists({ extras, areaIds: chosen.area, belongingIds: chosen.belonging }, lists);
      setProblems({ visitor: v.problems, companions: cs.map((c) => c.problems) });
      setExtraProblems(listed.ok ? {} : listed.problems);
      const people = cs.map((c) => c.value).filter((c): c is Companion => c !== undefined);
      if (!v.value || people.length !== cs.length || !listed.ok) {
        const n =
          Object.keys(v.problems).length + cs.reduce((k, c) => k + Object.keys(c.problems).length, 0) + (listed.ok ? 0 : Object.keys(listed.problems).length);
        submit.setError(t('formHasErrors', { n }));
        setTimeout(() => form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);
        return;
      }
      const visitorBody = listed.plate !== undefined ? { ...v.value, plate: listed.plate } : v.value;
      onDone(await bookByInvitation(token, { visitor: visitorBody, companions: people, ...listed.body, ...(invitation.allowedDates ? { date } : {}) }));
    },
    { describe: (err) => errorText(err, t) },
  );
  const formError = submit.error;
  const busy = submit.busy;

  return (
    <>
      <p data-testid="invite-from">{t('inviteFrom', { host: maskName(invitation.hostName), site: invitation.siteName })}</p>
      <dl className="details">
        {invitation.window && (
          <>
            <dt>{t('inviteWindow')}</dt>
            <dd data-testid="invite-window">{formatWindow(invitation.window.start, invitation.window.end, language)}</dd>
          </>
        )}
        <dt>{t('inviteCompanionLimit')}</dt>
        <dd data-testid="invite-companion-limit-value">{t('inviteCompanionCount', { n: limit })}</dd>
        <dt>{t('inviteNeedsApproval')}</dt>
        <dd data-testid="invite-needs-approval">{t(invitation.needsApproval ? 'inviteApprovalYes' : 'inviteApprovalNo')}</dd>
        <dt>{t('inviteExpires')}</dt>
        <dd>{new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(invitation.expiresAt))}</dd>
      </dl>
      <form ref={form} noValidate onSubmit={submit.onSubmit} aria-describedby={formError ? 'invite-form-error' : undefined}>
        {formError && (
          <p className="form-error" id="invite-form-error" role="alert" tabIndex={-1} data-testid="invite-form-error">
            {formError}
          </p>
        )}
        <fieldset>
          <legend>{t('sectionVisitor')}</legend>
          <PersonFields
            prefix="invite-visitor"
            draft={visitor}
            problems={problems.visitor}
            phoneRequired
            onChange={(f, value) => setVisitor((d) => ({ ...d, [f]: value }))}
          />
          {invitation.allowedDates && (
            <Field id="invite-date" label={t('inviteDate')} required>
              <select value={date} onChange={(e) => setDate(e.target.value)}>
                {invitation.allowedDates.map((d) => (
                  <option key={d} value={d}>
                    {d}
                  </option>
                ))}
              </select>
            </Field>
          )}
          <InviteListFields
            extras={extras}
            setExtras={setExtras}
            lists={lists}
            problems={extraProblems}
            areaIds={chosen.area}
            belongingIds={chosen.belonging}
            setChosen={(kind, ids) => setChosenIds((c) => ({ ...c, [kind]: ids }))}
          />
        </fieldset>
        {companions.map((c, i) => (
          <fieldset key={i} data-testid="invite-companion">
            <legend>{t('companionN', { n: i + 1 })}</legend>
            <PersonFields
              prefix={`invite-companion-${i + 1}`}
              draft={c}
              problems={problems.companions[i] ?? {}}
              phoneRequired={false}
              onChange={(f, value) => setCompanions((cs) => cs.map((d, j) => (j === i ? { ...d, [f]: value } : d)))}
            />
            <button
              type="button"
              data-testid="invite-remove-companion"
              onClick={() => {
                setCompanions((cs) => cs.filter((_, j) => j !== i));
                setProblems((p) => ({ ...p, companions: p.companions.filter((_, j) => j !== i) }));
                setLimitNotice('');
              }}
            >
              {t('removeCompanion', { n: i + 1 })}
            </button>
          </fieldset>
        ))}
        <button type="button" data-testid="invite-add-companion" onClick={addCompanion}>
          {t('addCompanion')}
        </button>
        <p role="status" className="notice-inline" data-testid="invite-companion-limit">
          {limitNotice}
        </p>
        <button type="submit" className="primary" data-testid="invite-submit" aria-disabled={busy}>
          {busy ? t('submitting') : t('inviteSubmit')}
        </button>
      </form>
    </>
  );
}
