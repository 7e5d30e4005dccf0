/** /app/apply/receipt: what the cloud answered to the application, its booking code first. */
import type { BookingReceipt } from '../../shared/api';
import { bookingStatusLabel } from '../../shared/bookingStates';
import { Screen } from '../components/Screen';
import { formatWindow } from '../format';
import { useLanguage } from '../i18n/language';
import { Link } from '../router';

export function ReceiptScreen({ receipt }: { receipt: BookingReceipt | undefined }) {
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
      <p>{t('receiptIntro')}</p>
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
      <Link to="/apply">{t('receiptAgain')}</Link>
    </Screen>
  );
}
