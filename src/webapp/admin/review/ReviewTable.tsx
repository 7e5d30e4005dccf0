/**
 * The review queue as a table: code (a link to the booking), visitor (masked), host, department, window, people,
 * status and, for a pending booking, approve / reject / return, each button naming the visitor.
 */
import { bookingStatusLabel } from '../../../shared/bookingStates';
import type { ReviewItem } from '../../../shared/review';
import { useLanguage } from '../../i18n/language';
import { Link } from '../../router';

export type ReviewAction = 'approve' | 'reject' | 'return';

export function formatWindow(item: Pick<ReviewItem, 'windowStart' | 'windowEnd'>, language: string): string {
  const opts: Intl.DateTimeFormatOptions = { dateStyle: 'short', timeStyle: 'short' };
  return `${new Date(item.windowStart).toLocaleString(language, opts)} – ${new Date(item.windowEnd).toLocaleString(language, opts)}`;
}

interface Props {
  items: ReviewItem[];
  busy: boolean;
  onAction: (item: ReviewItem, action: ReviewAction) => void;
}

export function ReviewActions({ item, busy, onAction }: { item: ReviewItem; busy: boolean; onAction: Props['onAction'] }) {
  const { t } = useLanguage();
  if (item.status !== 'pending') return null;
  const name = item.visitorNameMasked;
  return (
    <span className="review-actions">
      <button
        type="button"
        className="primary"
        data-testid="review-approve"
        aria-disabled={busy}
        aria-label={t('approveLabel', { name })}
        onClick={() => onAction(item, 'approve')}
      >
        {t('approve')}
      </button>{' '}
      <button
        type="button"
        className="danger"
        data-testid="review-reject"
        aria-disabled={busy}
        aria-label={t('rejectLabel', { name })}
        onClick={() => onAction(item, 'reject')}
      >
        {t('reject')}
      </button>{' '}
      <button
        type="button"
        data-testid="review-return"
        aria-disabled={busy}
        aria-label={t('reviewReturnLabel', { name })}
        onClick={() => onAction(item, 'return')}
      >
        {t('hostReturn')}
      </button>
    </span>
  );
}

export function ReviewTable({ items, busy, onAction }: Props) {
  const { t, language } = useLanguage();
  const caption = t('reviewCount', { n: items.length });
  return (
    <div className="admin-table-wrap" role="region" aria-label={caption} tabIndex={0}>
      <table className="admin-table" data-testid="review-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('reviewColCode')}</th>
            <th scope="col">{t('reviewColVisitor')}</th>
            <th scope="col">{t('reviewColHost')}</th>
            <th scope="col">{t('reviewColDepartment')}</th>
            <th scope="col">{t('reviewColWindow')}</th>
            <th scope="col">{t('reviewColPeople')}</th>
            <th scope="col">{t('reviewColStatus')}</th>
            <th scope="col">{t('reviewColActions')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id} data-testid="review-row" data-booking-id={item.id}>
              <th scope="row" id={`review-item-${item.id}`} tabIndex={-1}>
                <Link to={`/admin/review/${item.id}`}>{item.code}</Link>
              </th>
              <td>
                {item.visitorNameMasked} {item.visitorPhoneMasked}
              </td>
              <td>{item.hostName}</td>
              <td>{item.department}</td>
              <td>{formatWindow(item, language)}</td>
              <td>{item.people}</td>
              <td data-testid="review-status">{bookingStatusLabel(item.status, 'staff', language)}</td>
              <td>
                <ReviewActions item={item} busy={busy} onAction={onAction} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
