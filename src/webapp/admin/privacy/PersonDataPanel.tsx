/**
 * A visitor's data on request (PIPL; POST /admin/people/export and /delete): the administrator types the person's
 * mobile or ID number, which is sent and then cleared (only the cloud's masked form is shown back). The cloud's export
 * is listed by kind and saved as the JSON it sent; the deletion follows a confirmation naming what goes, and its
 * counts are shown. The cloud writes each request to its audit log.
 */
import { useEffect, useRef, useState } from 'react';
import type { PersonDeleteResult, PersonLookup } from '../../../shared/retention';
import { saveFile } from '../../api/adminClient';
import { Field } from '../../components/Field';
import { useSubmit } from '../../components/useSubmit';
import { useLanguage } from '../../i18n/language';
import { deletePerson, exportPerson, type PersonExportFile } from './api';
import { EXPORT_KINDS, exportCounts, personLookupOf, personWords, type PersonProblem } from './privacyForms';

export interface PersonDataPanelProps {
  token: string;
  siteId: string;
  siteName: string;
  fail: (err: unknown) => string;
}

class PersonInvalid extends Error {
  constructor(readonly problem: PersonProblem) {
    super(problem.words);
  }
}

/** The kinds a deletion removes (blacklist entries are chosen apart). */
const DELETED_KINDS = EXPORT_KINDS.filter((k) => k !== 'blacklist');

export function PersonDataPanel({ token, siteId, siteName, fail }: PersonDataPanelProps) {
  const { t } = useLanguage();
  const [phone, setPhone] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [problem, setProblem] = useState<PersonProblem | undefined>();
  const [found, setFound] = useState<{ lookup: PersonLookup; file: PersonExportFile } | undefined>();
  const [outcome, setOutcome] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [blacklist, setBlacklist] = useState<'keep' | 'delete'>('keep');
  const dialog = useRef<HTMLDialogElement>(null);
  const outcomeRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (confirming && dialog.current && !dialog.current.open) dialog.current.showModal();
  }, [confirming]);

  const find = useSubmit(
    async () => {
      setProblem(undefined);
      setOutcome('');
      const made = personLookupOf(phone, idNumber, siteId);
      if ('problem' in made) throw new PersonInvalid(made.problem);
      const file = await exportPerson(token, made.lookup);
      setFound({ lookup: made.lookup, file });
      setBlacklist('keep');
      setPhone('');
      setIdNumber('');
    },
    {
      describe: (err) => (err instanceof PersonInvalid ? t(err.problem.words) : fail(err)),
      onFailure: (err) => {
        if (!(err instanceof PersonInvalid)) return;
        setProblem(err.problem);
        document.getElementById(err.problem.field)?.focus();
      },
    },
  );

  const closeDialog = () => {
    dialog.current?.close();
    setConfirming(false);
  };
  const remove = useSubmit(
    async () => {
      if (!found) return;
      const who = personWords(found.file.data);
      const result: PersonDeleteResult = await deletePerson(token, { ...found.lookup, blacklist });
      closeDialog();
      setFound(undefined);
      setOutcome(`${t('personDeleted', { person: who, ...result })} ${t('personSearchAgain')}`);
      outcomeRef.current?.focus();
    },
    { describe: fail },
  );

  const download = () => {
    if (!found) return;
    const { json, data } = found.file;
    const name = `person-data-${data.exportedAt.slice(0, 19).replace(/[:T]/g, '-')}.json`;
    saveFile({ blob: new Blob([json], { type: 'application/json' }), name });
    setOutcome(t('personDownloaded', { name, total: exportCounts(data).total }));
  };

  const summary = found ? exportCounts(found.file.data) : undefined;
  const who = found ? personWords(found.file.data) : '';
  return (
    <section className="admin-panel" aria-labelledby="person-title" data-testid="person-panel">
      <h2 id="person-title">{t('personTitle')}</h2>
      <p>{t('personIntro')}</p>
      <form className="person-form" noValidate onSubmit={find.onSubmit}>
        <Field id="person-phone" label={t('personPhone')} error={problem?.field === 'person-phone' ? t(problem.words) : undefined}>
          <input type="tel" inputMode="tel" autoComplete="off" value={phone} onChange={(e) => setPhone(e.target.value)} />
        </Field>
        <Field id="person-id" label={t('personIdNumber')} error={problem?.field === 'person-id' ? t(problem.words) : undefined}>
          <input type="text" autoComplete="off" spellCheck={false} value={idNumber} onChange={(e) => setIdNumber(e.target.value)} />
        </Field>
        {find.error && !problem && (
          <p className="form-error" role="alert">
            {find.error}
          </p>
        )}
        <button type="submit" className="primary" aria-disabled={find.busy} data-testid="person-find">
          {t('personFind')}
        </button>
      </form>
      {found && summary && (
        <div className="person-found" data-testid="person-found">
          <p role="status">{t(summary.total === 0 ? 'personNothing' : 'personFound', { person: who, total: summary.total })}</p>
          {summary.total > 0 && (
            <>
              <ul className="plain-list">
                {EXPORT_KINDS.map((k) => (
                  <li key={k}>{t('personCount', { kind: t(`personKind_${k}`), n: summary.counts[k] })}</li>
                ))}
              </ul>
              <div className="toolbar">
                <button type="button" onClick={download} data-testid="person-download">
                  {t('personDownload')}
                </button>
                <button type="button" className="danger" onClick={() => setConfirming(true)} data-testid="person-delete">
                  {t('personDelete', { person: who })}
                </button>
              </div>
            </>
          )}
        </div>
      )}
      <p className="form-ok" role="status" tabIndex={-1} ref={outcomeRef} data-testid="person-outcome">
        {outcome}
      </p>
      <dialog
        ref={dialog}
        className="confirm-dialog"
        aria-labelledby="person-delete-title"
        aria-describedby="person-delete-what"
        onClose={() => setConfirming(false)}
        data-testid="person-delete-dialog"
      >
        {confirming && found && summary && (
          <>
            <h2 id="person-delete-title">{t('personDeleteTitle', { person: who })}</h2>
            <div id="person-delete-what">
              <p>{t('personDeleteWhat')}</p>
              <ul>
                {DELETED_KINDS.map((k) => (
                  <li key={k}>{t('personCount', { kind: t(`personKind_${k}`), n: summary.counts[k] })}</li>
                ))}
              </ul>
              <p>{t('personDeleteScope', { site: siteName })}</p>
            </div>
            <fieldset className="choices">
              <legend>{t('personBlacklistChoice')}</legend>
              {(['keep', 'delete'] as const).map((choice) => (
                <label key={choice} className="choice">
                  <input type="radio" name="person-blacklist" value={choice} checked={blacklist === choice} onChange={() => setBlacklist(choice)} />{' '}
                  {t(choice === 'keep' ? 'personBlacklistKeep' : 'personBlacklistDelete', { n: summary.counts.blacklist })}
                </label>
              ))}
            </fieldset>
            {remove.error && (
              <p className="form-error" role="alert">
                {remove.error}
              </p>
            )}
            <div className="toolbar">
              <button type="button" onClick={closeDialog}>
                {t('cancel')}
              </button>
              <button type="button" className="danger" aria-disabled={remove.busy} onClick={() => void remove.run()} data-testid="person-delete-confirm">
                {t('personDeleteConfirm', { person: who })}
              </button>
            </div>
          </>
        )}
      </dialog>
    </section>
  );
}
