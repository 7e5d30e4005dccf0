/**
 * /app/companion/<token>: a companion's link (转发同伴填写). Without an account, the companion sees who asked them
 * along (masked), the site, the host (masked) and the window, fills in their own name, phone, ID type and number (all
 * required, checked here as the cloud checks them), submits, and sees the result; a used, expired or revoked link
 * says so in words.
 */
import { useEffect, useState } from 'react';
import type { CompanionFillReceipt, PublicCompanionLink } from '../../shared/companionLinks';
import { ApiFailure } from '../api/client';
import { fillCompanionLink, readCompanionLink } from '../api/companionClient';
import { Screen } from '../components/Screen';
import { useSubmit } from '../components/useSubmit';
import { formatWindow } from '../format';
import { useLanguage } from '../i18n/language';
import { PersonFields } from '../invite/PersonFields';
import { checkVisitor, emptyPerson, type PersonDraft, type PersonProblems } from '../invite/personForm';
import { errorText } from '../visitor/errorText';

type Loaded =
  | { kind: 'loading' }
  | { kind: 'open'; link: PublicCompanionLink }
  | { kind: 'closed'; message: string }
  | { kind: 'unknown' }
  | { kind: 'error'; message: string }
  | { kind: 'done'; receipt: CompanionFillReceipt };

/** The cloud's own words for a link that no longer works (410: used, expired, revoked, its booking closed). */
const closedMessage = (err: unknown): string | undefined => (err instanceof ApiFailure && err.status === 410 ? err.body.message : undefined);

export function CompanionScreen({ token }: { token: string }) {
  const { t, language } = useLanguage();
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });

  useEffect(() => {
    let live = true;
    readCompanionLink(token).then(
      (link) => live && setLoaded({ kind: 'open', link }),
      (err: unknown) => {
        if (!live) return;
        const closed = closedMessage(err);
        if (closed !== undefined) setLoaded({ kind: 'closed', message: closed });
        else if (err instanceof ApiFailure && err.status === 404) setLoaded({ kind: 'unknown' });
        else setLoaded({ kind: 'error', message: errorText(err, t) });
      },
    );
    return () => {
      live = false;
    };
  }, [token, t]);

  return (
    <Screen title={loaded.kind === 'done' ? t('companionDoneTitle') : t('companionTitle')} testId="companion-screen">
      {loaded.kind === 'loading' && <p>{t('loading')}</p>}
      {loaded.kind === 'unknown' && <p data-testid="companion-unknown">{t('companionUnknown')}</p>}
      {loaded.kind === 'error' && (
        <p className="form-error" role="alert">
          {loaded.message}
        </p>
      )}
      {loaded.kind === 'closed' && (
        <div data-testid="companion-closed">
          <p>{t('companionClosed')}</p>
          <p>{loaded.message}</p>
        </div>
      )}
      {loaded.kind === 'open' && (
        <CompanionForm
          token={token}
          link={loaded.link}
          onDone={(receipt) => setLoaded({ kind: 'done', receipt })}
          onClosed={(message) => setLoaded({ kind: 'closed', message })}
        />
      )}
      {loaded.kind === 'done' && (
        <div data-testid="companion-result" data-status={loaded.receipt.status}>
          <p role="status">{t(loaded.receipt.status === 'approved' ? 'companionDoneApproved' : 'companionDonePending')}</p>
          <dl className="details">
            <dt>{t('bookingCode')}</dt>
            <dd className="booking-code" data-testid="companion-result-code">
              {loaded.receipt.code}
            </dd>
            <dt>{t('bookingStatus')}</dt>
            <dd data-testid="companion-result-status">{loaded.receipt.statusLabel[language]}</dd>
            <dt>{t('companionWindow')}</dt>
            <dd>{formatWindow(loaded.receipt.windowStart, loaded.receipt.windowEnd, language)}</dd>
          </dl>
        </div>
      )}
    </Screen>
  );
}

interface FormProps {
  token: string;
  link: PublicCompanionLink;
  onDone: (r: CompanionFillReceipt) => void;
  onClosed: (message: string) => void;
}

function CompanionForm({ token, link, onDone, onClosed }: FormProps) {
  const { t, language } = useLanguage();
  const [draft, setDraft] = useState<PersonDraft>(emptyPerson);
  const [problems, setProblems] = useState<PersonProblems>({});

  const submit = useSubmit(
    async () => {
      const checked = checkVisitor(draft);
      const idMissing = draft.idNumber.trim() === '';
      const found: PersonProblems = { ...checked.problems, ...(idMissing ? { idNumber: 'required' as const } : {}) };
      setProblems(found);
      const n = Object.keys(found).length;
      if (n > 0 || !checked.value?.idNumber) {
        setTimeout(() => document.querySelector<HTMLElement>('#companion-form [aria-invalid="true"]')?.focus(), 0);
        throw new Error(t('formHasErrors', { n }));
      }
      const v = checked.value;
      try {
        onDone(await fillCompanionLink(token, { name: v.name, phone: v.phone, idType: v.idType, idNumber: checked.value.idNumber }));
      } catch (err) {
        const closed = closedMessage(err);
        if (closed !== undefined) onClosed(closed);
        else throw err;
      }
    },
    { describe: (err) => (err instanceof Error && !(err instanceof ApiFailure) ? err.message : errorText(err, t)) },
  );

  const time = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(link.expiresAt));
  return (
    <>
      <p data-testid="companion-from">{t('companionIntro', { applicant: link.applicantNameMasked, site: link.siteName, host: link.hostNameMasked })}</p>
      <dl className="details">
        <dt>{t('companionWindow')}</dt>
        <dd data-testid="companion-window">{formatWindow(link.windowStart, link.windowEnd, language)}</dd>
        <dt>{t('companionExpires')}</dt>
        <dd>{time}</dd>
      </dl>
      <form id="companion-form" noValidate onSubmit={submit.onSubmit} aria-describedby={submit.error ? 'companion-form-error' : undefined}>
        {submit.error && (
          <p className="form-error" id="companion-form-error" role="alert" data-testid="companion-form-error">
            {submit.error}
          </p>
        )}
        <fieldset>
          <legend>{t('sectionVisitor')}</legend>
          <PersonFields
            prefix="companion"
            draft={draft}
            problems={problems}
            phoneRequired
            idNumberRequired
            onChange={(f, value) => setDraft((d) => ({ ...d, [f]: value }))}
          />
        </fieldset>
        <button type="submit" className="primary" data-testid="companion-submit" aria-disabled={submit.busy}>
          {submit.busy ? t('submitting') : t('companionSubmit')}
        </button>
      </form>
    </>
  );
}
