/**
 * /app/apply/receipt: what the cloud answered to the application, its booking code first; a signed-in visitor's
 * booking links to itself in "my bookings".
 */
import { bookingStatusLabel } from '../../shared/bookingStates';
import { Screen } from '../components/Screen';
import { formatWindow } from '../format';
import { useLanguage } from '../i18n/language';
import { Link } from '../router';
import type { ApplicationReceipt } from './applyOutcome';

export function ReceiptScreen({ receipt }: { receipt: ApplicationReceipt | undefined }) {
  const { t, language } = useLanguage();
  if (!receipt) {
    return (
      <Screen title={t('receiptTitle')} testId="receipt-screen">
        <p>{t('receiptNone')}</p>
        <Link to="/apply">{t('navApply')}</Link>
      </Screen>
    );
  }
  return (
    <Screen title={t('receiptTitle')} testId="receipt-screen">
      <p>{t(receipt.bookingId !== undefined ? 'receiptMine' : 'receiptIntro')}</p>
      <dl className="details">
        <dt>{t('receiptCode')}</dt>
        <dd className="booking-code" data-testid="receipt-code">
          {receipt.code}
        </dd>
        <dt>{t('receiptStatus')}</dt>
        <dd data-testid="receipt-status">{bookingStatusLabel(receipt.status, 'applicant', language)}</dd>
        <dt>{t('receiptWindow')}</dt>
        <dd>{formatWindow(receipt.windowStart, receipt.windowEnd, language)}</dd>
      </dl>
      <ul className="choices">
        {receipt.bookingId !== undefined && (
          <li>
            <Link to="/visitor">{t('receiptMyBookings')}</Link>
          </li>
        )}
        <li>
          <Link to="/apply">{t('receiptAgain')}</Link>
        </li>
      </ul>
    </Screen>
  );
}
