import { useCallback, useEffect, useState } from 'react';
import type { AdminLogs, LogFolder } from '../../../shared/contract/adminLogs';
import { Spinner } from '../../components/Spinner';
import { useKiosk, useT } from '../../state/KioskStoreContext';
import { Result } from './AdminSections';
import { SelectField, TextField } from './fields';

const COUNTS = [100, 200, 500, 1000] as const;
const TYPED = '';

/** What the core will take as a folder, checked before asking: absolute, no `..` part (the core checks again, and more). */
export function looksLikeFolderPath(path: string): boolean {
  const p = path.trim();
  if (p.length === 0 || p.length > 1024) return false;
  if (!(p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p))) return false;
  return !p.split(/[\\/]+/).includes('..');
}

/** Saves text as a file through the browser's own download (a Blob URL on a link). */
function download(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Logs: the last N lines of the kiosk log, masked by the core (ID and phone numbers never in clear); downloaded as a
 * file, or exported to a removable medium's folder or a typed one. The lines live only while the section is open.
 */
export function LogsSection() {
  const t = useT();
  const busy = useKiosk((s) => s.admin.busy);
  const call = useKiosk((s) => s.adminSectionCall);
  const [count, setCount] = useState<number>(200);
  const [logs, setLogs] = useState<AdminLogs | null>(null);
  const [folders, setFolders] = useState<LogFolder[] | null>(null);
  const [folder, setFolder] = useState<string>(TYPED);
  const [typed, setTyped] = useState('');
  const [tried, setTried] = useState(false);
  const [done, setDone] = useState<{ kind: 'exported'; path: string; count: number } | { kind: 'downloaded'; file: string } | null>(null);

  const load = useCallback(
    async (lines: number) => {
      const got = await call('admin.logs', { lines });
      if (got) setLogs(got);
    },
    [call],
  );
  const scan = useCallback(async () => {
    const got = await call('admin.logFolders', {});
    if (!got) return;
    setFolders(got.folders);
    setFolder((current) => (current === TYPED && got.folders[0] ? got.folders[0].path : current));
  }, [call]);

  useEffect(() => {
    void (async () => {
      await load(200);
      await scan();
    })();
  }, [load, scan]);

  const target = folder === TYPED ? typed.trim() : folder;
  const typedInvalid = folder === TYPED && !looksLikeFolderPath(typed);

  const onDownload = async () => {
    setDone(null);
    const got = await call('admin.logs', { lines: count, purpose: 'download' });
    if (!got) return;
    setLogs(got);
    download(got.lines.length > 0 ? `${got.lines.join('\n')}\n` : '', got.fileName);
    setDone({ kind: 'downloaded', file: got.fileName });
  };
  const onExport = async () => {
    setTried(true);
    setDone(null);
    if (typedInvalid) return;
    const got = await call('admin.exportLogs', { folder: target, lines: count });
    if (got) setDone({ kind: 'exported', path: got.path, count: got.lines });
  };

  if (!logs) return <Spinner label={t('admin.loading')} />;
  return (
    <>
      <h2 className="admin__subtitle">{t('admin.logs.title')}</h2>
      <div className="admin__actions logs__controls">
        <SelectField
          id="admin-logs-count"
          label={t('admin.logs.count')}
          inputClassName="logs__count"
          value={String(count)}
          options={COUNTS.map((n) => ({ value: String(n), label: String(n) }))}
          onChange={(v) => {
            const n = Number(v);
            setCount(n);
            void load(n);
          }}
        />
        <button type="button" className="button button--secondary" data-testid="admin-logs-refresh" disabled={busy} onClick={() => void load(count)}>
          {t('admin.logs.refresh')}
        </button>
        <button type="button" className="button button--primary" data-testid="admin-logs-download" disabled={busy} onClick={() => void onDownload()}>
          {t('admin.logs.download')}
        </button>
      </div>
      <p className="logs__count-shown" data-testid="admin-logs-shown">
        {logs.lines.length === 0 ? t('admin.logs.empty') : t('admin.logs.shown', { count: logs.lines.length })}
      </p>
      <pre className="logs__lines" data-testid="admin-logs-lines" tabIndex={0} role="region" aria-label={t('admin.logs.region')}>
        {logs.lines.join('\n')}
      </pre>

      <form
        className="admin__form"
        onSubmit={(e) => {
          e.preventDefault();
          void onExport();
        }}
      >
        <h2 className="admin__subtitle">{t('admin.logs.exportTitle')}</h2>
        <fieldset className="logs__folders" data-testid="admin-logs-folders">
          <legend className="field__label">{folders && folders.length > 0 ? t('admin.logs.media') : t('admin.logs.noMedia')}</legend>
          {(folders ?? []).map((f) => (
            <label key={f.path} className="logs__folder">
              <input type="radio" name="admin-logs-folder" value={f.path} checked={folder === f.path} onChange={() => setFolder(f.path)} />
              <span>{f.label}</span> <span className="admin__path">{f.path}</span>
            </label>
          ))}
          <label className="logs__folder">
            <input
              type="radio"
              name="admin-logs-folder"
              data-testid="admin-logs-folder-typed"
              value={TYPED}
              checked={folder === TYPED}
              onChange={() => setFolder(TYPED)}
            />
            <span>{t('admin.logs.typed')}</span>
          </label>
        </fieldset>
        {folder === TYPED && (
          <TextField
            id="admin-logs-path"
            label={t('admin.logs.path')}
            maxLength={1024}
            error={tried && typedInvalid ? t('admin.logs.badPath') : null}
            value={typed}
            onChange={setTyped}
          />
        )}
        <div className="admin__actions">
          <button type="button" className="button button--secondary" data-testid="admin-logs-rescan" disabled={busy} onClick={() => void scan()}>
            {t('admin.logs.rescan')}
          </button>
          <button type="submit" className="button button--primary" data-testid="admin-logs-export" disabled={busy}>
            {t('admin.logs.export')}
          </button>
        </div>
      </form>
      {done?.kind === 'exported' && <Result testId="admin-logs-result">{t('admin.logs.exported', { path: done.path, count: done.count })}</Result>}
      {done?.kind === 'downloaded' && <Result testId="admin-logs-result">{t('admin.logs.downloaded', { file: done.file })}</Result>}
    </>
  );
}
