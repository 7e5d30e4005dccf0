/**
 * The hosts screen's CSV import: the template to download, a file, and the outcome. All or nothing (the cloud's
 * rule): when any line is wrong, every problem is listed by line and field and nothing is stored.
 */
import { useEffect, useState, type SyntheticEvent } from 'react';
import { z } from 'zod';
import { HOST_IMPORT_MAX_BYTES, HOST_IMPORT_TEMPLATE, ImportLineError } from '../../../shared/peopleAdmin';
import { ApiFailure } from '../../api/client';
import { Field } from '../../components/Field';
import { useLanguage } from '../../i18n/language';
import { importHosts } from './api';

const Problems = z.object({ errors: z.array(ImportLineError) });

export function HostImport({ token, onImported, onSignOut }: { token: string; onImported: () => void; onSignOut: (notice?: string) => void }) {
  const { t } = useLanguage();
  const [file, setFile] = useState<File | undefined>();
  const [fileError, setFileError] = useState<string | undefined>();
  const [problems, setProblems] = useState<ImportLineError[]>([]);
  const [done, setDone] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [templateUrl, setTemplateUrl] = useState<string | undefined>();
  useEffect(() => {
    const url = URL.createObjectURL(new Blob([HOST_IMPORT_TEMPLATE], { type: 'text/csv;charset=utf-8' }));
    setTemplateUrl(url);
    return () => URL.revokeObjectURL(url);
  }, []);

  const submit = async (e: SyntheticEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (busy) return;
    setDone(undefined);
    setProblems([]);
    if (!file) {
      setFileError(t('hostsImportNoFile'));
      return;
    }
    if (file.size > HOST_IMPORT_MAX_BYTES) {
      setFileError(t('hostsImportTooLarge'));
      return;
    }
    setFileError(undefined);
    setBusy(true);
    try {
      const result = await importHosts(token, await file.text());
      setDone(t('hostsImportDone', { created: result.created, updated: result.updated }));
      onImported();
    } catch (err) {
      if (err instanceof ApiFailure && err.status === 401) onSignOut(t('adminTokenRejected'));
      else if (err instanceof ApiFailure && err.status === 413) setFileError(t('hostsImportTooLarge'));
      else if (err instanceof ApiFailure) {
        const parsed = Problems.safeParse(err.body.details);
        if (parsed.success) setProblems(parsed.data.errors);
        else setFileError(err.body.message);
      } else setFileError(t('networkError'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="admin-panel" aria-labelledby="hosts-import-title">
      <h2 id="hosts-import-title">{t('hostsImportTitle')}</h2>
      <p>{t('hostsImportIntro')}</p>
      {templateUrl && (
        <p>
          <a href={templateUrl} download="hosts-template.csv" data-testid="hosts-template">
            {t('hostsImportTemplate')}
          </a>
        </p>
      )}
      <form noValidate onSubmit={(e) => void submit(e)}>
        <Field id="hosts-import-file" label={t('hostsImportFile')} required error={fileError}>
          <input type="file" accept=".csv,text/csv" onChange={(e) => setFile(e.target.files?.[0])} />
        </Field>
        <button type="submit" className="primary" data-testid="hosts-import-submit" aria-disabled={busy}>
          {t('hostsImportSubmit')}
        </button>
      </form>
      <div role="status" aria-live="polite" data-testid="hosts-import-outcome">
        {done && <p>{done}</p>}
        {problems.length > 0 && (
          <>
            <p className="field-error">{t('hostsImportErrors', { n: problems.length })}</p>
            <ul data-testid="hosts-import-problems">
              {problems.map((p, i) => (
                <li key={i}>{t('hostsImportLine', { line: p.line, field: p.field, message: p.message })}</li>
              ))}
            </ul>
          </>
        )}
      </div>
    </section>
  );
}
