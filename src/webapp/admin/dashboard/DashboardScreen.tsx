/**
 * The site dashboard (issue 14 §7): today's numbers as big figures with words, then a chart per series, each with its
 * summary, its numbers as a table for a screen reader, and a CSV download. The site is the only one or the one
 * chosen; the numbers are read again every minute while the screen is shown (and the tab visible).
 */
import { useCallback, useEffect, useState } from 'react';
import { DASHBOARD_PERIOD_DAYS, type Dashboard } from '../../../shared/dashboard';
import type { Site } from '../../../shared/domain';
import { ApiFailure } from '../../api/client';
import { Screen } from '../../components/Screen';
import { useLanguage } from '../../i18n/language';
import type { AdminScreenProps } from '../adminScreens';
import { ChartFigure } from './ChartFigure';
import { downloadSeriesCsv, listSites, loadDashboard } from './dashboardApi';
import { dashboardViews, kioskView, type SeriesView } from './dashboardView';

export const DASHBOARD_REFRESH_MS = 60_000;

export function DashboardScreen({ session, onSignOut }: AdminScreenProps) {
  const { t, language } = useLanguage();
  const [sites, setSites] = useState<Site[]>([]);
  const [siteId, setSiteId] = useState<string | undefined>();
  const [dashboard, setDashboard] = useState<Dashboard | undefined>();
  const [error, setError] = useState<string | undefined>();

  const failed = useCallback(
    (err: unknown) => {
      if (err instanceof ApiFailure && err.status === 401) onSignOut(t('adminTokenRejected'));
      else setError(t('dashboardLoadFailed', { why: err instanceof ApiFailure ? err.body.message : t('networkError') }));
    },
    [onSignOut, t],
  );

  useEffect(() => {
    listSites(session.token).then(({ sites: list }) => {
      setSites(list);
      setSiteId((current) => current ?? list[0]?.id);
    }, failed);
  }, [session.token, failed]);

  useEffect(() => {
    if (siteId === undefined) return;
    let live = true;
    const load = () => {
      if (document.hidden) return;
      loadDashboard(session.token, siteId).then(
        (d) => {
          if (!live) return;
          setDashboard(d);
          setError(undefined);
        },
        (err: unknown) => live && failed(err),
      );
    };
    load();
    const timer = setInterval(load, DASHBOARD_REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [session.token, siteId, failed]);

  const site = sites.find((s) => s.id === siteId);
  const number = new Intl.NumberFormat(language);
  const download = (view: SeriesView) => () => downloadSeriesCsv(session.token, siteId ?? '', view.series);
  const updated = dashboard
    ? new Intl.DateTimeFormat(language, { timeStyle: 'short', timeZone: dashboard.timezone }).format(new Date(dashboard.generatedAt))
    : undefined;

  return (
    <Screen title={t('dashboardTitle')} testId="admin-dashboard-screen">
      <div className="dashboard">
        {sites.length > 1 && (
          <p className="dashboard-site">
            <label htmlFor="dashboard-site">{t('dashboardSite')}</label>{' '}
            <select id="dashboard-site" value={siteId ?? ''} onChange={(e) => setSiteId(e.target.value)}>
              {sites.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </p>
        )}
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        {!dashboard && !error && <p role="status">{t('loading')}</p>}
        {dashboard && (
          <>
            <p className="dashboard-intro">
              {t('dashboardIntro', { site: site?.name ?? dashboard.siteId, today: dashboard.today, zone: dashboard.timezone })}{' '}
              <span>{t('dashboardUpdated', { time: updated ?? '' })}</span>
            </p>
            <section aria-labelledby="dashboard-figures-title">
              <h2 id="dashboard-figures-title" className="visually-hidden">
                {t('figuresHeading')}
              </h2>
              <dl className="dashboard-figures" data-testid="dashboard-figures">
                {(
                  [
                    ['arrivalsToday', t('figureArrivalsToday'), dashboard.figures.arrivalsToday],
                    ['onSiteNow', t('figureOnSiteNow'), dashboard.figures.onSiteNow],
                    ['visitsYear', t('figureVisitsYear'), dashboard.figures.visitsYear],
                    ['temperatureRefusals', t('figureTemperatureRefusals', { days: DASHBOARD_PERIOD_DAYS }), dashboard.figures.temperatureRefusals],
                    ['blacklistHits', t('figureBlacklistHits', { days: DASHBOARD_PERIOD_DAYS }), dashboard.figures.blacklistHits],
                    ['kiosksOffline', t('figureKiosksOffline', { total: dashboard.figures.kiosks }), dashboard.figures.kiosksOffline],
                  ] as const
                ).map(([key, words, n]) => (
                  <div key={key} className="dashboard-figure-item" data-testid={`figure-${key}`}>
                    <dt>{words}</dt>
                    <dd>{number.format(n)}</dd>
                  </div>
                ))}
              </dl>
            </section>
            <div className="dashboard-charts">
              {dashboardViews(dashboard, t, language).map((v) => (
                <ChartFigure
                  key={v.series}
                  id={v.series}
                  title={v.title}
                  summary={v.summary}
                  table={v.table}
                  {...(v.chart ? { chart: v.chart } : {})}
                  {...(v.series === 'safety' ? { note: <p className="dashboard-note">{t('safetyNote')}</p> } : {})}
                  onDownload={download(v)}
                />
              ))}
              {(() => {
                const v = kioskView(dashboard, t, language);
                return <ChartFigure id={v.series} title={v.title} summary={v.summary} table={v.table} onDownload={download(v)} />;
              })()}
            </div>
          </>
        )}
      </div>
    </Screen>
  );
}
