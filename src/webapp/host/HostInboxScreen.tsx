/**
 * /app/host with a session: the host's bookings, pending ones first with approve and reject, decided ones below.
 * Phone and ID numbers masked; a decision is announced (live region) and the booking moves to the decided list.
 */
import { useCallback, useEffect, useState } from 'react';
import { bookingStatusLabel } from '../../shared/bookingStates';
import type { Booking } from '../../shared/domain';
import { maskIdNumber, maskPhone } from '../../shared/mask';
import { ApiFailure, decideBooking, listHostBookings } from '../api/client';
import { Screen } from '../components/Screen';
import { formatWindow } from '../format';
import { useLanguage } from '../i18n/language';
import type { HostSession } from './session';

const AWAITING = new Set<Booking['status']>(['pending']);

export function HostInboxScreen({ session, onSignOut }: { session: HostSession; onSignOut: (notice?: string) => void }) {
  const { t, language } = useLanguage();
  const [bookings, setBookings] = useState<Booking[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [announcement, setAnnouncement] = useState('');
  const [busyId, setBusyId] = useState<string | undefined>();

  const failed = useCallback(
    (err: unknown) => {
      if (err instanceof ApiFailure && err.status === 401) onSignOut(t('tokenRejected'));
      else setError(err instanceof ApiFailure ? err.body.message : t('networkError'));
    },
    [onSignOut, t],
  );
  const load = useCallback(async () => {
    try {
      setBookings((await listHostBookings(session.token)).bookings);
      setError(undefined);
    } catch (err) {
      failed(err);
    }
  }, [session.token, failed]);
  useEffect(() => {
    void load();
  }, [load]);

  const decide = async (booking: Booking, action: 'approve' | 'reject') => {
    if (busyId !== undefined) return;
    setBusyId(booking.id);
    try {
      const decided = await decideBooking(session.token, booking.id, { action });
      setBookings((list) => list?.map((b) => (b.id === decided.id ? decided : b)));
      setAnnouncement(t('decided', { name: decided.visitor.name, status: bookingStatusLabel(decided.status, 'staff', language) }));
      // the decided booking leaves the list its button was in: keyboard focus goes back to the head of that list
      setTimeout(() => document.getElementById('host-pending-title')?.focus(), 0);
    } catch (err) {
      failed(err);
    } finally {
      setBusyId(undefined);
    }
  };

  const pending = bookings?.filter((b) => AWAITING.has(b.status)) ?? [];
  const done = bookings?.filter((b) => !AWAITING.has(b.status)) ?? [];
  const card = (b: Booking, actions: boolean) => (
    <li key={b.id} className="booking" data-testid="host-booking" data-booking-code={b.code} data-status={b.status}>
      <h3>{b.visitor.name}</h3>
      <dl className="details">
        <dt>{t('bookingStatus')}</dt>
        <dd data-testid="host-booking-status">{bookingStatusLabel(b.status, 'staff', language)}</dd>
        <dt>{t('bookingPhone')}</dt>
        <dd data-testid="host-booking-phone">{maskPhone(b.visitor.phone)}</dd>
        {b.visitor.idNumber !== undefined && (
          <>
            <dt>{t('bookingIdNumber')}</dt>
            <dd data-testid="host-booking-id-number">{maskIdNumber(b.visitor.idNumber)}</dd>
          </>
        )}
        <dt>{t('bookingReason')}</dt>
        <dd>{b.reason}</dd>
        <dt>{t('bookingWindow')}</dt>
        <dd>{formatWindow(b.windowStart, b.windowEnd, language)}</dd>
      </dl>
      {actions && (
        <div className="actions">
          <button
            type="button"
            className="primary"
            data-testid="host-approve"
            aria-label={t('approveLabel', { name: b.visitor.name })}
            aria-disabled={busyId !== undefined}
            onClick={() => void decide(b, 'approve')}
          >
            {t('approve')}
          </button>
          <button
            type="button"
            data-testid="host-reject"
            aria-label={t('rejectLabel', { name: b.visitor.name })}
            aria-disabled={busyId !== undefined}
            onClick={() => void decide(b, 'reject')}
          >
            {t('reject')}
          </button>
        </div>
      )}
    </li>
  );

  return (
    <Screen title={t('hostInboxTitle')} testId="host-inbox-screen">
      <div className="toolbar">
        <button type="button" onClick={() => void load()}>
          {t('refresh')}
        </button>
        <button type="button" data-testid="host-signout" onClick={() => onSignOut()}>
          {t('signOut')}
        </button>
      </div>
      <p className="visually-hidden" role="status" data-testid="host-announcement">
        {announcement}
      </p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {bookings === undefined ? (
        <p role="status">{t('loading')}</p>
      ) : (
        <>
          <section aria-labelledby="host-pending-title">
            <h2 id="host-pending-title" tabIndex={-1}>
              {t('tabPending')} ({pending.length})
            </h2>
            {pending.length === 0 ? <p>{t('noPending')}</p> : <ul className="bookings">{pending.map((b) => card(b, true))}</ul>}
          </section>
          <section aria-labelledby="host-done-title">
            <h2 id="host-done-title">
              {t('tabDone')} ({done.length})
            </h2>
            {done.length === 0 ? <p>{t('noDone')}</p> : <ul className="bookings">{done.map((b) => card(b, false))}</ul>}
          </section>
        </>
      )}
    </Screen>
  );
}
