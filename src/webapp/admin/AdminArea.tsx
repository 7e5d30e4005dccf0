/**
 * /app/admin/*: sign-in when there is no session; otherwise the admin layout, a navigation of the screens the session's
 * roles are shown (screensFor: an administrator all; a reviewer Review; a records viewer Records) beside the screen
 * whose path matches. After signing in, and at /admin, each lands on their first screen; a screen not theirs says so
 * in words. Desktop-first, still usable at 360 px: the navigation wraps above the screen.
 */
import { useCallback, useEffect, useState } from 'react';
import { Screen } from '../components/Screen';
import { useLanguage } from '../i18n/language';
import { Link, useRouter } from '../router';
import { ADMIN_SCREENS, screensFor } from './adminScreens';
import { AdminSignInScreen } from './AdminSignInScreen';
import { loadAdminSession, saveAdminSession, type AdminSession } from './session';

const screenOf = (path: string) => ADMIN_SCREENS.find((s) => path === s.path || path.startsWith(`${s.path}/`));

export function AdminArea({ path }: { path: string }) {
  const { t } = useLanguage();
  const { navigate } = useRouter();
  const [session, setSession] = useState<AdminSession | undefined>(loadAdminSession);
  const [notice, setNotice] = useState<string | undefined>();
  const signIn = useCallback(
    (s: AdminSession) => {
      saveAdminSession(s);
      setNotice(undefined);
      setSession(s);
      // signed in on a screen that is not theirs (or at /admin): to their first screen
      const theirs = screensFor(s);
      const here = screenOf(path);
      if (theirs[0] && (here === undefined || !theirs.includes(here))) navigate(theirs[0].path, { replace: true });
    },
    [path, navigate],
  );
  const signOut = useCallback((why?: string) => {
    saveAdminSession(undefined);
    setNotice(why);
    setSession(undefined);
  }, []);
  const screens = session ? screensFor(session) : [];
  const first = screens[0];
  // at /admin with a session (e.g. reopened): to their first screen
  const home = path === '/admin';
  useEffect(() => {
    if (session && home && first) navigate(first.path, { replace: true });
  }, [session, home, first, navigate]);
  if (!session) return <AdminSignInScreen onSignedIn={signIn} {...(notice ? { notice } : {})} />;

  const matched = screenOf(path);
  const entry = matched && screens.includes(matched) ? matched : undefined;
  return (
    <div className="admin-layout">
      <nav className="admin-nav" aria-label={t('adminNav')}>
        <ul>
          {screens.map((s) => (
            <li key={s.path} aria-current={s === entry ? 'page' : undefined}>
              <Link to={s.path}>{t(s.label)}</Link>
            </li>
          ))}
        </ul>
        <button type="button" className="link-button" data-testid="admin-signout" onClick={() => signOut()}>
          {t('signOut')}
        </button>
      </nav>
      <div className="admin-screen">
        {entry ? (
          entry.render({ session, onSignOut: signOut })
        ) : (
          <Screen title={t('adminHomeTitle')} testId="admin-home-screen">
            {matched && (
              <p className="field-error" role="alert" data-testid="admin-screen-refused">
                {t('adminScreenRefused', { screen: t(matched.label) })}
              </p>
            )}
            <p>{t(screens.length > 0 ? 'adminHomeIntro' : 'adminHomeEmpty')}</p>
            <ul className="choices">
              {screens.map((s) => (
                <li key={s.path}>
                  <Link to={s.path} className="choice">
                    {t(s.label)}
                  </Link>
                </li>
              ))}
            </ul>
          </Screen>
        )}
      </div>
    </div>
  );
}
