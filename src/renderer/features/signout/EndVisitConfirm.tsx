import type { Visit } from '../../../shared/domain';
import { maskName } from '../../../shared/mask';
import { useKiosk, useT } from '../../state/KioskStoreContext';

/** Staff confirm ending a visit: the exit is recorded now and its pass lets nobody in again, even on later days. */
export function EndVisitConfirm({ visit }: { visit: Visit }) {
  const t = useT();
  const { busyVisitId } = useKiosk((s) => s.today);
  const endVisit = useKiosk((s) => s.endVisit);
  const askEndVisit = useKiosk((s) => s.askEndVisit);
  return (
    <div className="visit__confirm" role="alertdialog" aria-label={t('today.endVisit')} data-testid="end-visit-confirm">
      <p>{t('today.endVisitQuestion', { name: maskName(visit.visitorName) })}</p>
      <div className="visit__confirm-actions">
        <button
          type="button"
          className="button button--danger"
          data-testid="end-visit-yes"
          disabled={busyVisitId !== null}
          onClick={() => void endVisit(visit.id)}
        >
          {t('today.confirmEndVisit')}
        </button>
        <button type="button" className="button button--secondary" data-testid="end-visit-no" onClick={() => askEndVisit(null)}>
          {t('today.keepVisit')}
        </button>
      </div>
    </div>
  );
}
