/**
 * /app/visitor/bookings/<id>: one of my bookings (people masked), the host's reason when it was returned or rejected;
 * while pending or returned, amend and resubmit it (pending again for the host); cancel it after a confirmation; send
 * companions a link to fill in their own details (CompanionLinksSection).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { maskIdNumber, maskPhone } from '../../shared/mask';
import type { MyBooking } from '../../shared/signIn';
import { cancelMyBooking, getMyBooking } from '../api/visitorClient';
import { Screen } from '../components/Screen';
import { formatWindow } from '../format';
import { useLanguage } from '../i18n/language';
import { Link } from '../router';
import { AmendForm } from './AmendForm';
import { CompanionLinksSection } from './CompanionLinksSection';
import { errorText, sessionEnded } from './errorText';
import type { VisitorSession } from './session';

export function BookingDetailScreen({ session, bookingId, onSessionEnded }: { session: VisitorSession; bookingId: string; onSessionEnded: () => void }) {
  const { t, language } = useLanguage();
  const [booking, setBooking] = useState<MyBooking | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [announcement, setAnnouncement] = useState('');
  const [mode, setMode] = useState<'view' | 'edit' | 'confirm-cancel'>('view');
  const confirmButton = useRef<HTMLButtonElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);

  const failed = useCallback(
    (err: unknown) => {
      if (sessionEnded(err)) onSessionEnded();
      else setError(errorText(err, t));
    },
    [onSessionEnded, t],
  );

  useEffect(() => {
    let live = true;
    getMyBooking(session.token, bookingId).then(
      (b) => live && setBooking(b),
      (err: unknown) => live && failed(err),
    );
    return () => {
      live = false;
    };
  }, [session.token, bookingId, failed]);

  useEffect(() => {
    if (mode === 'confirm-cancel') confirmButton.current?.focus();
  }, [mode]);

  const cancel = async () => {
    try {
      setBooking(await cancelMyBooking(session.token, bookingId));
      setMode('view');
      setAnnouncement(t('cancelled'));
    } catch (err) {
      failed(err);
    }
  };

  const title = booking ? `${t('bookingDetailTitle')} ${booking.code}` : t('bookingDetailTitle');
  return (
    <Screen title={title} testId="booking-detail-screen">
      <p>
        <Link to="/visitor">{t('backToList')}</Link>
      </p>
      <p role="status" data-testid="booking-detail-announcement">
        {announcement}
      </p>
      {error && (
        <p className="form-error" role="alert" data-testid="booking-detail-error">
          {error}
        </p>
      )}
      {!booking && !error && <p>{t('loading')}</p>}
      {booking && (
        <>
          <dl className="details" data-testid="booking-detail" data-status={booking.status}>
            <dt>{t('bookingCode')}</dt>
            <dd data-testid="booking-detail-code">{booking.code}</dd>
            <dt>{t('bookingStatus')}</dt>
            <dd data-testid="booking-detail-status">{booking.statusLabel[language]}</dd>
            {booking.decisionReason && (booking.status === 'returned' || booking.status === 'rejected') && (
              <>
                <dt>{t(booking.status === 'returned' ? 'returnReason' : 'rejectReason')}</dt>
                <dd data-testid="booking-detail-reason">{booking.decisionReason}</dd>
              </>
            )}
            <dt>{t('bookingWindow')}</dt>
            <dd>{formatWindow(booking.windowStart, booking.windowEnd, language)}</dd>
            <dt>{t('bookingReason')}</dt>
            <dd data-testid="booking-detail-visit-reason">{booking.reason}</dd>
            <dt>{t('bookingVisitor')}</dt>
            <dd>
              {booking.visitor.name} · {maskPhone(booking.visitor.phone)}
              {booking.visitor.idNumber ? ` · ${maskIdNumber(booking.visitor.idNumber)}` : ''}
            </dd>
            <dt>{t('bookingCompanions')}</dt>
            <dd data-testid="booking-detail-companions">
              {booking.companions.length === 0
                ? t('bookingNoCompanions')
                : booking.companions.map((c) => (c.phone ? `${c.name} (${maskPhone(c.phone)})` : c.name)).join('、')}
            </dd>
          </dl>
          {booking.status === 'approved' && (
            <p>
              <Link to={`/visitor/bookings/${booking.id}/pass`} className="choice">
                {t('openPass')}
              </Link>
            </p>
          )}
          {mode === 'edit' && (
            <AmendForm
              session={session}
              booking={booking}
              onDone={(b) => {
                setBooking(b);
                setMode('view');
                setAnnouncement(t('resubmitted'));
              }}
              onCancel={() => setMode('view')}
              onSessionEnded={onSessionEnded}
            />
          )}
          {mode === 'confirm-cancel' && (
            <div role="group" aria-labelledby="cancel-confirm-text" className="confirm" data-testid="cancel-confirm">
              <p id="cancel-confirm-text">{t('cancelConfirm', { code: booking.code })}</p>
              <button type="button" ref={confirmButton} className="danger" data-testid="cancel-yes" onClick={() => void cancel()}>
                {t('cancelYes')}
              </button>
              <button
                type="button"
                data-testid="cancel-no"
                onClick={() => {
                  setMode('view');
                  setTimeout(() => cancelButton.current?.focus(), 0);
                }}
              >
                {t('cancelNo')}
              </button>
            </div>
          )}
          {mode === 'view' && (
            <div className="actions">
              {booking.editable && (
                <button type="button" data-testid="booking-edit" onClick={() => setMode('edit')}>
                  {t('editBooking')}
                </button>
              )}
              {(booking.editable || booking.status === 'approved') && (
                <button type="button" ref={cancelButton} className="danger" data-testid="booking-cancel" onClick={() => setMode('confirm-cancel')}>
                  {t('cancelBooking')}
                </button>
              )}
            </div>
          )}
          {/* 转发同伴填写: a main bill still pending, returned or approved (a companion's own sub-bill takes none) */}
          {mode === 'view' && booking.mainBookingId === undefined && ['pending', 'returned', 'approved'].includes(booking.status) && (
            <CompanionLinksSection session={session} bookingId={booking.id} onSessionEnded={onSessionEnded} />
          )}
        </>
      )}
    </Screen>
  );
}
