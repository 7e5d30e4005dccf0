/** /app/visitor signed in: my bookings, newest first, of one state or all, in the applicant's words (seed 004). */
import { useEffect, useState } from 'react';
import { bookingStatusLabel } from '../../shared/bookingStates';
import { BookingStatus } from '../../shared/domain';
import type { MyBooking } from '../../shared/signIn';
import { listMyBookings } from '../api/visitorClient';
import { Screen } from '../components/Screen';
import { formatWindow } from '../format';
import { useLanguage } from '../i18n/language';
import { Link } from '../router';
import { errorText, sessionEnded } from './errorText';
import type { VisitorSession } from './session';

export function MyBookingsScreen({ session, onSignOut, onSessionEnded }: { session: VisitorSession; onSignOut: () => void; onSessionEnded: () => void }) {
  const { t, language } = useLanguage();
  const [status, setStatus] = useState<BookingStatus | ''>('');
  const [bookings, setBookings] = useState<MyBooking[] | undefined>();
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    let live = true;
    setBookings(undefined);
    listMyBookings(session.token, status === '' ? undefined : status).then(
      (list) => {
        if (!live) return;
        setBookings(list.bookings);
        setError(undefined);
      },
      (err: unknown) => {
        if (!live) return;
        if (sessionEnded(err)) onSessionEnded();
        else setError(errorText(err, t));
      },
    );
    return () => {
      live = false;
    };
  }, [session.token, status, t, onSessionEnded]);

  return (
    <Screen title={t('myBookingsTitle')} testId="my-bookings-screen">
      <div className="session-bar">
        <span data-testid="visitor-signed-in-as">{t('signedInAs', { phone: session.phoneMasked })}</span>
        <button type="button" data-testid="visitor-sign-out" onClick={onSignOut}>
          {t('signOut')}
        </button>
      </div>
      <div className="field">
        <label htmlFor="my-bookings-status">{t('myBookingsFilterStatus')}</label>
        <select id="my-bookings-status" value={status} onChange={(e) => setStatus(e.target.value === '' ? '' : BookingStatus.parse(e.target.value))}>
          <option value="">{t('filterAll')}</option>
          {BookingStatus.options.map((s) => (
            <option key={s} value={s}>
              {bookingStatusLabel(s, 'applicant', language)}
            </option>
          ))}
        </select>
      </div>
      {error && (
        <p className="form-error" role="alert" data-testid="my-bookings-error">
          {error}
        </p>
      )}
      <div aria-live="polite">
        {bookings === undefined && !error && <p>{t('loading')}</p>}
        {bookings?.length === 0 && <p data-testid="my-bookings-none">{t('myBookingsNone')}</p>}
      </div>
      {bookings && bookings.length > 0 && (
        <ul className="booking-list">
          {bookings.map((b) => (
            <li key={b.id} className="booking-card" data-testid="my-booking" data-booking-code={b.code} data-status={b.status}>
              <Link to={`/visitor/bookings/${b.id}`} className="booking-link">
                <span className="booking-code">{b.code}</span>
                <span className={`status status-${b.status}`} data-testid="my-booking-status">
                  {b.statusLabel[language]}
                </span>
                <span className="booking-when">{formatWindow(b.windowStart, b.windowEnd, language)}</span>
                <span>{b.reason}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </Screen>
  );
}
