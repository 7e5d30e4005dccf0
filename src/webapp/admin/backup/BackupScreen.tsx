/**
 * /app/admin/backup: downloads the cloud's backup (GET /admin/backup) with the session's bearer, its progress shown
 * as it arrives (a progress bar, and in words for a screen reader), and the README's restore command beside it.
 */
import { useState } from 'react';
import { downloadFile, saveFile, type DownloadProgress } from '../../api/adminClient';
import { Screen } from '../../components/Screen';
import { useLanguage } from '../../i18n/language';
import type { AdminScreenProps } from '../adminScreens';
import { formatBytes } from '../formatBytes';
import { useAdminFailure } from '../useAdminFailure';

const RESTORE_COMMAND = 'npm run cloud -- restore <file>';

export function BackupScreen({ session, onSignOut }: AdminScreenProps) {
  const { t, language } = useLanguage();
  const fail = useAdminFailure(onSignOut);
  const [progress, setProgress] = useState<DownloadProgress | undefined>();
  const [done, setDone] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();

  const busy = progress !== undefined;
  const download = async () => {
    if (busy) return;
    setError(undefined);
    setDone(undefined);
    setProgress({ received: 0 });
    try {
      const file = await downloadFile(session.token, '/admin/backup', 'passdesk-cloud-backup', setProgress);
      saveFile(file);
      setDone(t('backupDone', { name: file.name, size: formatBytes(file.blob.size, language) }));
    } catch (err) {
      setError(fail(err));
    } finally {
      setProgress(undefined);
    }
  };

  const received = progress ? formatBytes(progress.received, language) : '';
  return (
    <Screen title={t('backupTitle')} testId="admin-backup-screen">
      <p>{t('backupIntro')}</p>
      <button type="button" className="primary" aria-disabled={busy} data-testid="backup-download" onClick={() => void download()}>
        {busy ? t('backupDownloading') : t('backupDownload')}
      </button>
      {progress && (
        <div className="download-progress">
          <progress aria-label={t('backupDownloading')} {...(progress.total !== undefined ? { max: progress.total, value: progress.received } : {})} />
          <span>
            {progress.total !== undefined
              ? t('backupProgressOf', { received, total: formatBytes(progress.total, language) })
              : t('backupProgress', { received })}
          </span>
        </div>
      )}
      <p role="status" data-testid="backup-status">
        {done}
      </p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <section className="admin-panel" aria-labelledby="restore-title">
        <h2 id="restore-title">{t('backupRestoreTitle')}</h2>
        <p>{t('backupRestoreIntro')}</p>
        <pre className="command" data-testid="restore-command">
          <code>{RESTORE_COMMAND}</code>
        </pre>
        <p>{t('backupRestoreNote')}</p>
      </section>
    </Screen>
  );
}
