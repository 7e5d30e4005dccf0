import { ErrorBanner } from '../../components/ErrorBanner';
import { ScreenHeader } from '../../components/ScreenHeader';
import { Spinner } from '../../components/Spinner';
import { useKiosk, useT } from '../../state/KioskStoreContext';
import { isOnSite } from './onSite';
import { TodayVisitRow } from './TodayVisitRow';

/** Today's visits at this kiosk, newest first. */
export function TodayVisitorsScreen() {
  const t = useT();
  const { loading, visits, error } = useKiosk((s) => s.today);
  const loadToday = useKiosk((s) => s.loadToday);
  const onSite = visits?.filter(isOnSite).length ?? 0;

  return (
    <section className="screen screen--today">
      <ScreenHeader title={t('today.title')} />
      <div className="today__bar">
        {visits && <p className="today__count">{t('today.count', { count: visits.length, onSite })}</p>}
        <button type="button" className="button button--secondary" onClick={() => void loadToday()} disabled={loading}>
          ↻ {t('today.refresh')}
        </button>
      </div>
      {loading && <Spinner label={t('today.loading')} />}
      <ErrorBanner error={error} />
      {visits && visits.length === 0 && <p className="empty">{t('today.empty')}</p>}
      {visits && visits.length > 0 && (
        <ul className="today__list card">
          {visits.map((visit) => (
            <TodayVisitRow key={visit.id} visit={visit} />
          ))}
        </ul>
      )}
    </section>
  );
}
