/**
 * The hosts screen's CSV import: the template to download, a file, and the outcome. All or nothing (the cloud's
 * rule): when any line is wrong, every problem is listed by line and field and nothing is stored.
 */
import { useEffect, useState } from 'react';
import { z } from 'zod';
import { HOST_IMPORT_MAX_BYTES, HOST_IMPORT_TEMPLATE, ImportLineError } from '../../../shared/peopleAdmin';
import { ApiFailure } from '../../api/client';
import { Field } from '../../components/Field';
import { useSubmit } from '../../components/useSubmit';
import { useLanguage } from '../../i18n/language';
import { useAdminFailure } from '../useAdminFailure';
import { importHosts } from './api';

const Problems = z.object({ errors: z.array(ImportLineError) });

/** a file refused before it is sent (none chosen, too large): its words */
class FileRefused extends Error {}

export function HostImport({ token, onImported, onSignOut }: { token: string; onImported: () => void; onSignOut: (notice?: string) => void }) {
  const { t } = useLanguage();
  const [file, setFile] = useState<File | undefined>();
  const [problems, setProblems] = useState<ImportLineError[]>([]);
  const [done, setDone] = useState<string | undefined>();
  const [templateUrl, setTemplateUrl] = useState<string | undefined>();
  useEffect(() => {
    const url = URL.createObjectURL(new Blob([HOST_IMPORT_TEMPLATE], { type: 'text/csv;charset=utf-8' }));
    setTemplateUrl(url);
    return () => URL.revokeObjectURL(url);
  }, []);

  const fail = useAdminFailure(onSignOut);

  const submit = useSubmit(
    async () => {
      setDone(undefined);
      setProblems([]);
      if (!file) throw new FileRefused(t('hostsImportNoFile'));
      if (file.size > HOST_IMPORT_MAX_BYTES) throw new FileRefused(t('hostsImportTooLarge'));
      let result: Awaited<ReturnType<typeof importHosts>>;
      try {
        result = await importHosts(token, await file.text());
      } catch (err) {
        // the lines' problems are the outcome, listed below the form (nothing was stored)
        const parsed = err instanceof ApiFailure && err.status !== 401 ? Problems.safeParse(err.body.details) : undefined;
        if (!parsed?.success) throw err;
        setProblems(parsed.data.errors);
        return;
      }
      setDone(t('hostsImportDone', { created: result.created, updated: result.updated }));
      onImported();
    },
    {
      describe: (err) => {
        if (err instanceof FileRefused) return err.message;
        if (err instanceof ApiFailure && err.status === 413) return t('hostsImportTooLarge');
        return fail(err);
      },
      focusId: 'hosts-import-file',
    },
  );

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
      <form noValidate onSubmit={submit.onSubmit}>
        <Field id="hosts-import-file" label={t('hostsImportFile')} required error={submit.error}>
          <input type="file" accept=".csv,text/csv" onChange={(e) => setFile(e.target.files?.[0])} />
        </Field>
        <button type="submit" className="primary" data-testid="hosts-import-submit" aria-disabled={submit.busy}>
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
