/**
 * The dashboard's reply as a person reads it: each series' chart, summary in words and data table, in the page's
 * language. Pure (no React), so each view is the same in the chart, the table and the summary.
 */
import { DASHBOARD_PERIOD_DAYS, type Dashboard, type DashboardSeries } from '../../../shared/dashboard';
import type { Language } from '../../../shared/domain';
import type { MessageKey } from '../../i18n/messages';
import type { ChartSpec } from './ChartCanvas';
import type { DataTable } from './ChartFigure';

type T = (key: MessageKey, values?: Record<string, string | number>) => string;

export interface SeriesView {
  series: DashboardSeries;
  title: string;
  summary: string;
  table: DataTable;
  chart?: ChartSpec;
}

function peakOf<X>(xs: readonly X[], count: (x: X) => number): X | undefined {
  return xs.reduce<X | undefined>((best, x) => (best === undefined || count(x) > count(best) ? x : best), undefined);
}

/** "研发部 3, 行政部 2" as a sentence, or that there is nothing. */
function listSummary(t: T, items: { name: string; n: number }[]): string {
  const some = items.filter((i) => i.n > 0);
  return some.length === 0 ? t('chartNoData') : t('summaryList', { items: some.map((i) => `${i.name} ${i.n}`).join(', ') });
}

export function dashboardViews(d: Dashboard, t: T, language: Language): SeriesView[] {
  const days = DASHBOARD_PERIOD_DAYS;
  const hourPeak = peakOf(d.hours, (h) => h.visits);
  const dayPeak = peakOf(d.days, (x) => x.visits);
  const months = new Map<string, number>();
  for (const x of d.days) months.set(x.day.slice(0, 7), (months.get(x.day.slice(0, 7)) ?? 0) + x.visits);
  const dayLabel = new Intl.DateTimeFormat(language, { month: 'short', day: 'numeric', timeZone: 'UTC' });
  const sourceName = (s: Dashboard['sources'][number]['source']) => t(`source_${s}`);
  const safetyName = (k: Dashboard['safety'][number]['kind']) => t(`safety_${k}`);
  const visitsCol = t('columnVisits');
  return [
    {
      series: 'hours',
      title: t('chartHours'),
      summary:
        hourPeak && hourPeak.visits > 0
          ? t('chartHoursSummary', { total: d.figures.arrivalsToday, peak: hourPeak.hour, peakCount: hourPeak.visits })
          : t('chartNoData'),
      table: { columns: [t('columnHour'), visitsCol], rows: d.hours.map((h) => [h.hour, h.visits]) },
      chart: { kind: 'bar', labels: d.hours.map((h) => h.hour), values: d.hours.map((h) => h.visits), label: visitsCol },
    },
    {
      series: 'days',
      title: t('chartDays'),
      summary:
        dayPeak && dayPeak.visits > 0 ? t('chartDaysSummary', { total: d.figures.visitsYear, peak: dayPeak.day, peakCount: dayPeak.visits }) : t('chartNoData'),
      table: { columns: [t('columnMonth'), visitsCol], rows: [...months].map(([m, n]) => [m, n]) },
      chart: {
        kind: 'line',
        labels: d.days.map((x) => dayLabel.format(new Date(`${x.day}T00:00:00Z`))),
        values: d.days.map((x) => x.visits),
        label: visitsCol,
      },
    },
    {
      series: 'departments',
      title: t('chartDepartments', { days }),
      summary: listSummary(
        t,
        d.departments.map((x) => ({ name: x.department, n: x.visits })),
      ),
      table: { columns: [t('columnDepartment'), visitsCol], rows: d.departments.map((x) => [x.department, x.visits]) },
      chart: { kind: 'bar', horizontal: true, labels: d.departments.map((x) => x.department), values: d.departments.map((x) => x.visits), label: visitsCol },
    },
    {
      series: 'sources',
      title: t('chartSources', { days }),
      summary: listSummary(
        t,
        d.sources.map((x) => ({ name: sourceName(x.source), n: x.visits })),
      ),
      table: { columns: [t('columnSource'), visitsCol], rows: d.sources.map((x) => [sourceName(x.source), x.visits]) },
      chart: { kind: 'bar', horizontal: true, labels: d.sources.map((x) => sourceName(x.source)), values: d.sources.map((x) => x.visits), label: visitsCol },
    },
    {
      series: 'safety',
      title: t('chartSafety', { days }),
      summary: listSummary(
        t,
        d.safety.map((x) => ({ name: safetyName(x.kind), n: x.count })),
      ),
      table: { columns: [t('columnKind'), t('columnCount')], rows: d.safety.map((x) => [safetyName(x.kind), x.count]) },
      chart: { kind: 'bar', horizontal: true, labels: d.safety.map((x) => safetyName(x.kind)), values: d.safety.map((x) => x.count), label: t('columnCount') },
    },
  ];
}

/** The kiosks as a visible table (no chart: a list is what one acts on). */
export function kioskView(d: Dashboard, t: T, language: Language): SeriesView {
  const time = new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'short', timeZone: d.timezone });
  return {
    series: 'kiosks',
    title: t('chartKiosks'),
    summary: t('kiosksSummary', { offline: d.figures.kiosksOffline, total: d.figures.kiosks }),
    table: {
      columns: [t('columnKiosk'), t('columnLastSeen'), t('columnState')],
      rows: d.kiosks.map((k) => [
        k.name,
        k.lastSeenAt !== undefined ? time.format(new Date(k.lastSeenAt)) : t('dashKioskNeverSeen'),
        t(k.online ? 'kioskOnline' : 'kioskOffline'),
      ]),
    },
  };
}
