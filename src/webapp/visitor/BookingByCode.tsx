/**
 * The links the cloud's texts carry (/app/pass/<code>, /app/bookings/<code>, src/cloud/notifications/templates.ts):
 * once signed in, the booking of that code among mine is found and its pass or its page opened in place of the link.
 */
import { useEffect, useState } from 'react';
import { listMyBookings } from '../api/visitorClient';
import { Screen } from '../components/Screen';
import { useLanguage } from '../i18n/language';
import { Link, useRouter } from '../router';
import { errorText, sessionEnded } from './errorText';
import type { VisitorSession } from './session';

export function BookingByCode({ session, code, pass, onSessionEnded }: { session: VisitorSession; code: string; pass: boolean; onSessionEnded: () => void }) {
  const { t } = useLanguage();
  const { navigate } = useRouter();
  const [problem, setProblem] = useState<string | undefined>();
  useEffect(() => {
    let live = true;
    listMyBookings(session.token).then(
      ({ bookings }) => {
        if (!live) return;
        const found = bookings.find((b) => b.code === code.toUpperCase());
        if (found) navigate(`/visitor/bookings/${found.id}${pass ? '/pass' : ''}`, { replace: true });
        else setProblem(t('bookingMissing'));
      },
      (err: unknown) => {
        if (!live) return;
        if (sessionEnded(err)) onSessionEnded();
        else setProblem(errorText(err, t));
      },
    );
    return () => {
      live = false;
    };
  }, [session.token, code, pass, navigate, onSessionEnded, t]);
  return (
    <Screen title={pass ? t('myPassTitle') : t('bookingDetailTitle')} testId="booking-by-code-screen">
      {problem === undefined ? (
        <p>{t('loading')}</p>
      ) : (
        <p role="alert" data-testid="booking-by-code-problem">
          {problem}
        </p>
      )}
      <Link to="/visitor">{t('backToList')}</Link>
    </Screen>
  );
}
