import type { Visit } from '../../../shared/domain';
import { maskName } from '../../../shared/mask';
import { formatTime } from '../../format/dateTime';
import { useKiosk, useT } from '../../state/KioskStoreContext';

/** One visit of today: masked name (this screen faces the public), host, times and a two-tap sign-out. */
export function TodayVisitRow({ visit }: { visit: Visit }) {
  const t = useT();
  const language = useKiosk((s) => s.language);
  const { confirmingVisitId, busyVisitId } = useKiosk((s) => s.today);
  const askSignOutVisit = useKiosk((s) => s.askSignOutVisit);
  const signOutVisit = useKiosk((s) => s.signOutVisit);
  const onSite = !visit.checkedOutAt;
  const confirming = confirmingVisitId === visit.id;
  const busy = busyVisitId === visit.id;

  return (
    <li className={`visit${onSite ? ' visit--onsite' : ''}`} data-testid="today-visit" data-visit-id={visit.id}>
      <div className="visit__who">
        <span className="visit__name">{maskName(visit.visitorName)}</span>
        <span className="visit__meta">
          {t('today.host', { name: visit.hostName })} · {visit.visitorPhoneMasked}
        </span>
      </div>
      <div className="visit__times">
        <span>{t('today.checkedIn', { time: formatTime(language, visit.checkedInAt) })}</span>
        {visit.checkedOutAt && <span>{t('today.checkedOut', { time: formatTime(language, visit.checkedOutAt) })}</span>}
        {!visit.synced && <span className="badge badge--pending">{t('today.notSynced')}</span>}
      </div>
      <div className="visit__action">
        {onSite ? (
          <button
            type="button"
            className={`button ${confirming ? 'button--danger' : 'button--secondary'}`}
            data-testid="today-signout"
            disabled={busyVisitId !== null}
            onClick={() => (confirming ? void signOutVisit(visit.id) : askSignOutVisit(visit.id))}
          >
            {busy ? t('common.working') : confirming ? t('today.confirmSignOut') : t('today.signOut')}
          </button>
        ) : (
          <span className="badge badge--left">{t('today.left')}</span>
        )}
      </div>
    </li>
  );
}
