import type { Visit } from '../../../shared/domain';
import { maskName } from '../../../shared/mask';
import { formatTime } from '../../format/dateTime';
import { useKiosk, useT } from '../../state/KioskStoreContext';
import { EndVisitConfirm } from './EndVisitConfirm';
import { isOnSite } from './onSite';

const TODAY_STATE_KEY = { in: 'today.stateIn', out: 'today.stateOut', none: 'today.stateNone' } as const;

/**
 * One visit of today: masked name (this screen faces the public), host, times and a two-tap sign-out; a multi-day
 * visit also shows where its visitor stands today and offers staff 结束访问 (end visit) with a confirmation.
 */
export function TodayVisitRow({ visit }: { visit: Visit }) {
  const t = useT();
  const language = useKiosk((s) => s.language);
  const { confirmingVisitId, confirmingEndVisitId, busyVisitId } = useKiosk((s) => s.today);
  const askSignOutVisit = useKiosk((s) => s.askSignOutVisit);
  const signOutVisit = useKiosk((s) => s.signOutVisit);
  const askEndVisit = useKiosk((s) => s.askEndVisit);
  const ended = visit.checkedOutAt !== undefined;
  const onSite = isOnSite(visit);
  const confirming = confirmingVisitId === visit.id;
  const busy = busyVisitId === visit.id;
  const multiDayOpen = visit.multiDay === true && !ended;

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
        {visit.multiDay && <span className="badge badge--approved">{t('today.multiDay')}</span>}
        {multiDayOpen && visit.todayState && (
          <span className="badge" data-testid="today-state">
            {t(TODAY_STATE_KEY[visit.todayState])}
          </span>
        )}
        {visit.exitUnrecorded && (
          <span className="badge badge--expired" data-testid="today-exit-unrecorded">
            {t('today.exitUnrecorded')}
          </span>
        )}
        {!visit.synced && <span className="badge badge--pending">{t('today.notSynced')}</span>}
      </div>
      <div className="visit__action">
        {onSite && (
          <button
            type="button"
            className={`button ${confirming ? 'button--danger' : 'button--secondary'}`}
            data-testid="today-signout"
            disabled={busyVisitId !== null}
            onClick={() => (confirming ? void signOutVisit(visit.id) : askSignOutVisit(visit.id))}
          >
            {busy && !multiDayOpen ? t('common.working') : confirming ? t('today.confirmSignOut') : t('today.signOut')}
          </button>
        )}
        {multiDayOpen && confirmingEndVisitId !== visit.id && (
          <button
            type="button"
            className="button button--secondary"
            data-testid="today-end-visit"
            disabled={busyVisitId !== null}
            onClick={() => askEndVisit(visit.id)}
          >
            {busy ? t('common.working') : t('today.endVisit')}
          </button>
        )}
        {ended && <span className="badge badge--left">{t('today.left')}</span>}
      </div>
      {multiDayOpen && confirmingEndVisitId === visit.id && <EndVisitConfirm visit={visit} />}
    </li>
  );
}
