/**
 * /app/host and below: the sign-in without a session; with one, the host's three screens — 审批 (the inbox, /host),
 * 代约 (/host/proxy) and 邀请 (/host/invitations) — under one navigation with the sign-out, which ends a phone
 * sign-in's session in the cloud too.
 */
import { useCallback, useState } from 'react';
import { useLanguage } from '../i18n/language';
import { Link } from '../router';
import { HostInboxScreen } from './HostInboxScreen';
import { HostSignInScreen } from './HostSignInScreen';
import { InvitationsScreen } from './InvitationsScreen';
import { ProxyBookingScreen } from './ProxyBookingScreen';
import { endHostSession, loadHostSession, saveHostSession, type HostSession } from './session';

const SCREENS = [
  { path: '/host', label: 'hostNavInbox' },
  { path: '/host/proxy', label: 'hostNavProxy' },
  { path: '/host/invitations', label: 'hostNavInvitations' },
] as const;

export function HostArea({ path }: { path: string }) {
  const { t } = useLanguage();
  const [session, setSession] = useState<HostSession | undefined>(loadHostSession);
  const [notice, setNotice] = useState<string | undefined>();
  const signIn = useCallback((s: HostSession) => {
    saveHostSession(s);
    setNotice(undefined);
    setSession(s);
  }, []);
  /** the cloud refused the bearer (expired, revoked): forget it and say why */
  const sessionEnded = useCallback(() => {
    saveHostSession(undefined);
    setNotice(t('hostSessionEnded'));
    setSession(undefined);
  }, [t]);
  const signOut = useCallback(async () => {
    if (session) await endHostSession(session);
    saveHostSession(undefined);
    setNotice(undefined);
    setSession(undefined);
  }, [session]);

  if (!session) return <HostSignInScreen onSignedIn={signIn} {...(notice ? { notice } : {})} />;
  const screen =
    path === '/host/proxy' ? (
      <ProxyBookingScreen session={session} onSessionEnded={sessionEnded} />
    ) : path === '/host/invitations' ? (
      <InvitationsScreen session={session} onSessionEnded={sessionEnded} />
    ) : (
      <HostInboxScreen session={session} onSessionEnded={sessionEnded} />
    );
  return (
    <div className="host-area">
      <nav aria-label={t('hostNav')} className="host-nav">
        <ul>
          {SCREENS.map((s) => (
            <li key={s.path} aria-current={path === s.path ? 'page' : undefined}>
              <Link to={s.path}>{t(s.label)}</Link>
            </li>
          ))}
        </ul>
        <button type="button" data-testid="host-signout" onClick={() => void signOut()}>
          {t('signOut')}
        </button>
      </nav>
      {screen}
    </div>
  );
}
