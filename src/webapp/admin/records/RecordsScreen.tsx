/**
 * /app/admin/records: visits and bookings as two tabs, the route's filters, pages by its cursor ("next page"), the
 * numbers masked; CSV and XLSX exports of the current filter, with full numbers only when an administrator ticks it
 * (warned that the cloud audits it).
 */
import { useCallback, useEffect, useState } from 'react';
import type { KioskSummary } from '../../../shared/adminApi';
import type { Host, Site } from '../../../shared/domain';
import type { RecordKind, RecordPage } from '../../../shared/records';
import { downloadFile, listHosts, listKiosks, listSites, readRecords, saveFile } from '../../api/adminClient';
import { Screen } from '../../components/Screen';
import { TabList } from '../../components/TabList';
import { useLanguage } from '../../i18n/language';
import type { AdminScreenProps } from '../adminScreens';
import { isAdministrator } from '../session';
import { useAdminFailure } from '../useAdminFailure';
import { RecordFilters } from './RecordFilters';
import { RecordTable } from './RecordTable';
import { EMPTY_FILTER, exportPath, filterSearch, type RecordsFilterForm } from './recordsFilter';

const KINDS = [
  { kind: 'visits', label: 'recordsTabVisits' },
  { kind: 'bookings', label: 'recordsTabBookings' },
] as const;

export function RecordsScreen({ session, onSignOut }: AdminScreenProps) {
  const { t } = useLanguage();
  const fail = useAdminFailure(onSignOut);
  const [kind, setKind] = useState<RecordKind>('visits');
  const [filter, setFilter] = useState<RecordsFilterForm>(EMPTY_FILTER);
  const [cursor, setCursor] = useState<string | undefined>();
  const [pageNo, setPageNo] = useState(1);
  const [page, setPage] = useState<RecordPage | undefined>();
  const [lists, setLists] = useState<{ sites: Site[]; hosts: Host[]; kiosks: KioskSummary[] }>({ sites: [], hosts: [], kiosks: [] });
  const [error, setError] = useState<string | undefined>();
  const [unmasked, setUnmasked] = useState(false);
  const [exportStatus, setExportStatus] = useState('');

  useEffect(() => {
    // the filters' choices are administrators' lists: a records viewer filters without them
    if (!isAdministrator(session)) return;
    Promise.all([listSites(session.token), listHosts(session.token), listKiosks(session.token)]).then(
      ([s, h, k]) => setLists({ sites: s.sites, hosts: h.hosts, kiosks: k.kiosks }),
      (err: unknown) => setError(fail(err)),
    );
  }, [session, fail]);

  const load = useCallback(async () => {
    setPage(undefined);
    try {
      setPage(await readRecords(session.token, kind, filterSearch(filter, cursor !== undefined ? { cursor } : {})));
      setError(undefined);
    } catch (err) {
      setError(fail(err));
    }
  }, [session.token, kind, filter, cursor, fail]);
  useEffect(() => {
    void load();
  }, [load]);

  const firstPage = () => {
    setCursor(undefined);
    setPageNo(1);
  };
  const choose = (next: RecordKind) => {
    setKind(next);
    firstPage();
  };
  const nextPage = (next: string) => {
    setCursor(next);
    setPageNo((n) => n + 1);
    document.getElementById('records-caption')?.focus();
  };

  const exportAs = async (format: 'csv' | 'xlsx') => {
    setExportStatus(t('exporting'));
    try {
      const file = await downloadFile(session.token, exportPath(kind, filter, format, unmasked), `${kind}.${format}`, () => undefined);
      saveFile(file);
      setExportStatus(t('exported', { name: file.name }));
    } catch (err) {
      setExportStatus('');
      setError(fail(err));
    }
  };

  const kindWords = t(kind === 'visits' ? 'recordsTabVisits' : 'recordsTabBookings');
  return (
    <Screen title={t('recordsTitle')} testId="admin-records-screen">
      <TabList
        tabs={KINDS.map((k) => k.kind)}
        chosen={kind}
        onChoose={choose}
        label={t('recordsTabs')}
        labelOf={(k) => t(KINDS.find((x) => x.kind === k)!.label)}
        idPrefix="records-tab"
        panelId="records-panel"
        className="tabs"
      />
      <div role="tabpanel" id="records-panel" aria-labelledby={`records-tab-${kind}`}>
        <RecordFilters
          applied={filter}
          onApply={(f) => {
            setFilter(f);
            firstPage();
          }}
          {...lists}
        />
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <section className="admin-panel" aria-labelledby="export-title">
          <h2 id="export-title">{t('exportTitle')}</h2>
          <p>{t('exportIntro')}</p>
          {/* full numbers are an administrator's (the cloud refuses a records viewer) */}
          {isAdministrator(session) && (
            <>
              <label className="check">
                <input
                  type="checkbox"
                  checked={unmasked}
                  data-testid="export-unmasked"
                  aria-describedby={unmasked ? 'export-warning' : undefined}
                  onChange={(e) => setUnmasked(e.target.checked)}
                />
                {t('exportUnmasked')}
              </label>
              {unmasked && (
                <p className="warning" id="export-warning" role="alert">
                  {t('exportUnmaskedWarning')}
                </p>
              )}
            </>
          )}
          <div className="toolbar">
            <button type="button" data-testid="export-csv" onClick={() => void exportAs('csv')}>
              {t('exportCsv')}
            </button>
            <button type="button" data-testid="export-xlsx" onClick={() => void exportAs('xlsx')}>
              {t('exportXlsx')}
            </button>
          </div>
          <p role="status" data-testid="export-status">
            {exportStatus}
          </p>
        </section>
        {page === undefined ? (
          !error && <p role="status">{t('loading')}</p>
        ) : page.rows.length === 0 ? (
          <p data-testid="records-none">{t('recordsNone')}</p>
        ) : (
          <RecordTable rows={page.rows} caption={t('recordsCaption', { kind: kindWords, page: pageNo })} />
        )}
        <div className="toolbar">
          {pageNo > 1 && (
            <button type="button" onClick={firstPage}>
              {t('recordsFirst')}
            </button>
          )}
          {page?.nextCursor !== undefined && (
            <button type="button" className="primary" data-testid="records-next" onClick={() => nextPage(page.nextCursor ?? '')}>
              {t('recordsNext')}
            </button>
          )}
        </div>
      </div>
    </Screen>
  );
}
