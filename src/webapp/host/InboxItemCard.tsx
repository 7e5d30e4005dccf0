/** One booking in the host's inbox, as the cloud sends it: the visitor's phone and ID number masked already. */
import { bookingStatusLabel } from '../../shared/bookingStates';
import type { HostInboxItem } from '../../shared/hostDesk';
import { formatWindow } from '../format';
import { useLanguage } from '../i18n/language';

export type InboxAction = 'approve' | 'reject' | 'return';

export function InboxItemCard({
  item,
  actions,
  busy,
  onAction,
}: {
  item: HostInboxItem;
  actions: boolean;
  busy: boolean;
  onAction: (action: InboxAction) => void;
}) {
  const { t, language } = useLanguage();
  const name = item.visitorName;
  const button = (action: InboxAction, label: 'approve' | 'reject' | 'hostReturn', aria: 'approveLabel' | 'rejectLabel' | 'hostReturnLabel') => (
    <button
      type="button"
      className={action === 'approve' ? 'primary' : undefined}
      data-testid={`host-${action}`}
      aria-label={t(aria, { name })}
      aria-disabled={busy}
      onClick={() => onAction(action)}
    >
      {t(label)}
    </button>
  );
  return (
    <li className="booking" data-testid="host-booking" data-booking-code={item.code} data-status={item.status}>
      <h2 id={`host-item-${item.id}`} tabIndex={-1}>
        {name}
      </h2>
      <dl className="details">
        <dt>{t('bookingStatus')}</dt>
        <dd data-testid="host-booking-status">{bookingStatusLabel(item.status, 'staff', language)}</dd>
        <dt>{t('bookingPhone')}</dt>
        <dd data-testid="host-booking-phone">{item.visitorPhoneMasked}</dd>
        {item.visitorIdMasked !== undefined && (
          <>
            <dt>{t('bookingIdNumber')}</dt>
            <dd data-testid="host-booking-id-number">{item.visitorIdMasked}</dd>
          </>
        )}
        {item.companions.length > 0 && (
          <>
            <dt>{t('hostCompanions')}</dt>
            <dd>{item.companions.map((c) => c.name).join('、')}</dd>
          </>
        )}
        <dt>{t('bookingReason')}</dt>
        <dd>{item.reason}</dd>
        <dt>{t('bookingWindow')}</dt>
        <dd>{formatWindow(item.windowStart, item.windowEnd, language)}</dd>
        {item.decisionReason !== undefined && (
          <>
            <dt>{t('hostDecisionReason')}</dt>
            <dd data-testid="host-booking-decision-reason">{item.decisionReason}</dd>
          </>
        )}
      </dl>
      {actions && (
        <div className="actions">
          {button('approve', 'approve', 'approveLabel')}
          {button('return', 'hostReturn', 'hostReturnLabel')}
          {button('reject', 'reject', 'rejectLabel')}
        </div>
      )}
    </li>
  );
}
