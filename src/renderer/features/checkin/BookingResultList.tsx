import type { BookingView } from '../../../shared/domain';
import { StatusBadge } from './StatusBadge';
import { formatWindow } from '../../format/dateTime';
import { useKiosk, useT } from '../../state/KioskStoreContext';

/** The bookings a search found; tapping one opens its details. */
export function BookingResultList({ bookings }: { bookings: BookingView[] }) {
  const t = useT();
  const language = useKiosk((s) => s.language);
  const selectBooking = useKiosk((s) => s.selectBooking);
  return (
    <div className="results">
      <p className="results__count">{t('search.results', { count: bookings.length })}</p>
      <ul className="results__list">
        {bookings.map((booking) => (
          <li key={booking.id}>
            <button type="button" className="result" data-testid="booking-result" data-booking-id={booking.id} onClick={() => selectBooking(booking)}>
              <span className="result__main">
                <span className="result__name">{booking.visitorName}</span>
                <span className="result__meta">
                  {t('details.host')}: {booking.hostName} · {booking.hostDepartment}
                </span>
                <span className="result__meta">{formatWindow(language, booking.windowStart, booking.windowEnd)}</span>
              </span>
              <span className="result__side">
                <StatusBadge status={booking.status} />
                <span className="result__code">{booking.code}</span>
              </span>
              <span className="result__chevron" aria-hidden="true">
                ›
              </span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
