import { useEffect } from 'react';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Spinner } from '../../components/Spinner';
import { maskName } from '../../../shared/mask';
import type { Visit } from '../../../shared/domain';
import { formatTime } from '../../format/dateTime';
import { useKiosk, useT } from '../../state/KioskStoreContext';

/** The open visit's photo taken at the desk: the photo, or why there is none (refused, not asked). */
function VisitPhoto({ visit }: { visit: Visit }) {
  const t = useT();
  const face = useKiosk((s) => s.visitPhotos.face);
  const close = useKiosk((s) => s.closeVisitPhoto);
  return (
    <div className="staff-visits__photo" data-testid="staff-visit-details" data-visit-id={visit.id}>
      {face === undefined ? (
        <Spinner label={t('staffVisits.loadingPhoto')} />
      ) : face?.photoDataUrl !== undefined ? (
        <img
          className="staff-photo__img"
          data-testid="staff-visit-photo"
          src={face.photoDataUrl}
          alt={t('staffVisits.photoAlt', { name: maskName(visit.visitorName) })}
        />
      ) : (
        <p data-testid="staff-visit-no-photo" data-decision={face?.decision ?? 'none'}>
          {face?.decision === 'refused' ? t('staffVisits.refused') : t('staffVisits.noPhoto')}
        </p>
      )}
      <button type="button" className="button button--secondary" data-testid="staff-visit-close" onClick={close}>
        {t('staffVisits.close')}
      </button>
    </div>
  );
}

/** Today's visits at this kiosk for the staff (names masked), each with the photo taken at the desk on demand. */
export function VisitPhotosSection() {
  const t = useT();
  const language = useKiosk((s) => s.language);
  const { visits, open, loading, error } = useKiosk((s) => s.visitPhotos);
  const load = useKiosk((s) => s.loadVisitPhotos);
  const show = useKiosk((s) => s.openVisitPhoto);
  const forget = useKiosk((s) => s.forgetVisitPhotos);
  useEffect(() => {
    void load();
    return forget;
  }, [load, forget]);
  return (
    <div className="staff-visits" data-testid="staff-visits">
      <h2 className="staff-photo__title">{t('staffVisits.title')}</h2>
      <ErrorBanner error={error} />
      {loading && <Spinner label={t('staffVisits.loading')} />}
      {visits && visits.length === 0 && <p className="empty">{t('staffVisits.empty')}</p>}
      {visits && visits.length > 0 && (
        <ul className="admin__list">
          {visits.map((visit) => (
            <li key={visit.id} className="admin__row staff-visits__row" data-testid="staff-visit" data-visit-id={visit.id}>
              <span className="admin__name">{maskName(visit.visitorName)}</span>
              <span>
                {formatTime(language, visit.checkedInAt)} · {t('today.host', { name: visit.hostName })}
              </span>
              {open === visit.id ? (
                <VisitPhoto visit={visit} />
              ) : (
                <button type="button" className="button button--secondary" data-testid="staff-visit-open" onClick={() => void show(visit.id)}>
                  {t('staffVisits.show')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
