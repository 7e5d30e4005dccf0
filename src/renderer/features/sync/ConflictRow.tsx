import type { SyncConflict } from '../../../shared/ipc';
import { formatDateTime } from '../../format/dateTime';
import { conflictReasonKey, hasReasonFor } from './conflictReasons';
import { useKiosk, useT } from '../../state/KioskStoreContext';

/** One conflict: what and when, the booking and the (already masked) visitor, why, and the acknowledge button. */
export function ConflictRow({ conflict }: { conflict: SyncConflict }) {
  const t = useT();
  const language = useKiosk((s) => s.language);
  const busyCommandId = useKiosk((s) => s.conflicts.busyCommandId);
  const acknowledgeConflict = useKiosk((s) => s.acknowledgeConflict);
  const acknowledged = conflict.acknowledgedAt !== undefined;
  const busy = busyCommandId === conflict.commandId;

  return (
    <li
      className={`conflict${acknowledged ? ' conflict--acknowledged' : ''}`}
      data-testid="conflict-row"
      data-command-id={conflict.commandId}
      data-code={conflict.code}
      data-acknowledged={acknowledged}
    >
      <div className="conflict__what">
        <span className="conflict__kind">
          {t(`conflicts.kind.${conflict.kind}`)}
          <span className={`badge ${conflict.status === 'conflict' ? 'badge--pending' : 'badge--rejected'}`}>{t(`conflicts.status.${conflict.status}`)}</span>
        </span>
        <span className="conflict__meta">
          {conflict.bookingCode ? t('conflicts.bookingCode', { code: conflict.bookingCode }) : t('conflicts.noBooking')}
          {conflict.visitorName && <> · {t('conflicts.visitor', { name: conflict.visitorName })}</>}
        </span>
        <span className="conflict__meta">{t('conflicts.at', { time: formatDateTime(language, conflict.at) })}</span>
      </div>
      <div className="conflict__why">
        <span className="conflict__reason" data-testid="conflict-reason">
          {t(conflictReasonKey(conflict))}
        </span>
        {!hasReasonFor(conflict.code) && conflict.message !== '' && <span className="conflict__detail">{conflict.message}</span>}
        <span className="conflict__detail">{t('common.errorCode', { code: conflict.code })}</span>
      </div>
      <div className="conflict__action">
        {acknowledged ? (
          <span className="badge" data-testid="conflict-acknowledged">
            {t('conflicts.acknowledged', { time: formatDateTime(language, conflict.acknowledgedAt ?? conflict.at) })}
          </span>
        ) : (
          <button
            type="button"
            className="button button--primary"
            data-testid="conflict-ack"
            disabled={busyCommandId !== null}
            onClick={() => void acknowledgeConflict(conflict.commandId)}
          >
            {busy ? t('common.working') : t('conflicts.acknowledge')}
          </button>
        )}
      </div>
    </li>
  );
}
