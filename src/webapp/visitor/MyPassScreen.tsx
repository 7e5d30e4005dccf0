/**
 * /app/visitor/bookings/<id>/pass: my pass, the QR with the booking code as text, only once the booking is approved
 * and only inside its window (from the pass's not-before, the site's early-arrival allowance included, to its end);
 * otherwise why not.
 */
import { useEffect, useState } from 'react';
import type { MyBooking } from '../../shared/signIn';
import type { IssuedPass } from '../../shared/sync';
import { getMyBooking, getMyPass } from '../api/visitorClient';
import { Screen } from '../components/Screen';
import { formatWindow } from '../format';
import { useLanguage } from '../i18n/language';
import { Link } from '../router';
import { errorText, sessionEnded } from './errorText';
import { PassQr } from './PassQr';
import type { VisitorSession } from './session';

export function MyPassScreen({ session, bookingId, onSessionEnded }: { session: VisitorSession; bookingId: string; onSessionEnded: () => void }) {
  const { t } = useLanguage();
  const [state, setState] = useState<{ booking: MyBooking; pass?: IssuedPass } | undefined>();
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    let live = true;
    const load = async () => {
      const booking = await getMyBooking(session.token, bookingId);
      const pass = booking.status === 'approved' ? await getMyPass(session.token, bookingId) : undefined;
      return { booking, ...(pass ? { pass } : {}) };
    };
    load().then(
      (loaded) => live && setState(loaded),
      (err: unknown) => {
        if (!live) return;
        if (sessionEnded(err)) onSessionEnded();
        else setError(errorText(err, t));
      },
    );
    return () => {
      live = false;
    };
  }, [session.token, bookingId, onSessionEnded, t]);

  return (
    <Screen title={t('myPassTitle')} testId="my-pass-screen">
      <p>
        <Link to={`/visitor/bookings/${bookingId}`}>{t('bookingDetailTitle')}</Link>
      </p>
      {error && (
        <p className="form-error" role="alert" data-testid="my-pass-error">
          {error}
        </p>
      )}
      {!state && !error && <p>{t('loading')}</p>}
      {state && <PassView booking={state.booking} pass={state.pass} />}
    </Screen>
  );
}

/** The QR when the pass works now, else why not (used by the find-a-pass screen too). */
export function PassView({ booking, pass }: { booking: MyBooking; pass: IssuedPass | undefined }) {
  const { t, language } = useLanguage();
  const now = Date.now();
  let why: string | undefined;
  if (!pass || booking.status !== 'approved') why = t('passNotApproved', { status: booking.statusLabel[language] });
  else if (now < pass.payload.nbf * 1000)
    why = t('passNotYet', { from: formatWindow(new Date(pass.payload.nbf * 1000).toISOString(), booking.windowEnd, language) });
  else if (now >= pass.payload.exp * 1000) why = t('passEnded');
  return (
    <div className="pass" data-testid="pass-view" data-booking-code={booking.code}>
      <dl className="details">
        <dt>{t('bookingCode')}</dt>
        <dd className="booking-code" data-testid="pass-code">
          {booking.code}
        </dd>
        <dt>{t('passValid')}</dt>
        <dd>{formatWindow(booking.windowStart, booking.windowEnd, language)}</dd>
        <dt>{t('passPeople')}</dt>
        <dd>{booking.groupSize}</dd>
      </dl>
      {why !== undefined || !pass ? (
        <p className="notice" role="status" data-testid="pass-unavailable">
          {why}
        </p>
      ) : (
        <>
          <PassQr token={pass.token} label={t('passQrLabel', { code: booking.code })} />
          <p>{t('passShow')}</p>
        </>
      )}
    </div>
  );
}
