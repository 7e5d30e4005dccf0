/**
 * The visitor's part of the web app under /app/visitor: sign-in (phone, code, privacy notice), then my bookings,
 * one booking (/visitor/bookings/<id>) and its pass (…/pass); /visitor/find needs no sign-in. The session lives in
 * this tab (session.ts); signing out revokes it in the cloud too. The texts' links (/pass/<code>, /bookings/<code>)
 * open here as well, after a sign-in when needed.
 */
import { useCallback, useMemo, useState } from 'react';
import { signOutVisitor } from '../api/visitorClient';
import { useLanguage } from '../i18n/language';
import { BookingByCode } from './BookingByCode';
import { BookingDetailScreen } from './BookingDetailScreen';
import { FindPassScreen } from './FindPassScreen';
import { MyBookingsScreen } from './MyBookingsScreen';
import { MyPassScreen } from './MyPassScreen';
import { BOOKING_PATH, CODE_LINK } from './paths';
import { loadVisitorSession, saveVisitorSession, siteOfPage, type VisitorSession } from './session';
import { VisitorSignInScreen } from './VisitorSignInScreen';

export function VisitorArea({ path }: { path: string }) {
  const { t } = useLanguage();
  const siteId = useMemo(siteOfPage, []);
  const [session, setSession] = useState<VisitorSession | undefined>(loadVisitorSession);
  const [notice, setNotice] = useState<string | undefined>();

  const end = useCallback((why: string | undefined) => {
    saveVisitorSession(undefined);
    setNotice(why);
    setSession(undefined);
  }, []);
  const onSessionEnded = useCallback(() => end(t('errSessionEnded')), [end, t]);
  const signOut = useCallback(() => {
    if (session) void signOutVisitor(session.token).catch(() => undefined);
    end(t('signedOut'));
  }, [session, end, t]);

  if (path === '/visitor/find') return <FindPassScreen siteId={siteId} />;
  if (!session)
    return (
      <VisitorSignInScreen
        siteId={siteId}
        {...(notice ? { notice } : {})}
        onSignedIn={(s) => {
          saveVisitorSession(s);
          setNotice(undefined);
          setSession(s);
        }}
      />
    );
  const link = CODE_LINK.exec(path);
  if (link?.[2] !== undefined) return <BookingByCode session={session} code={link[2]} pass={link[1] === 'pass'} onSessionEnded={onSessionEnded} />;
  const match = BOOKING_PATH.exec(path);
  if (match?.[1] !== undefined) {
    return match[2] ? (
      <MyPassScreen session={session} bookingId={match[1]} onSessionEnded={onSessionEnded} />
    ) : (
      <BookingDetailScreen session={session} bookingId={match[1]} onSessionEnded={onSessionEnded} />
    );
  }
  return <MyBookingsScreen session={session} onSignOut={signOut} onSessionEnded={onSessionEnded} />;
}
