/**
 * /app/admin/*: sign-in when there is no session; otherwise the admin layout, a navigation of ADMIN_SCREENS beside the
 * screen whose path matches (the overview at /admin lists them too). Desktop-first, still usable at 360 px: the
 * navigation wraps above the screen.
 */
import { useCallback, useState } from 'react';
import { Screen } from '../components/Screen';
import { useLanguage } from '../i18n/language';
import { Link } from '../router';
import { ADMIN_SCREENS } from './adminScreens';
import { AdminSignInScreen } from './AdminSignInScreen';
import { loadAdminSession, saveAdminSession, type AdminSession } from './session';

export function AdminArea({ path }: { path: string }) {
  const { t } = useLanguage();
  const [session, setSession] = useState<AdminSession | undefined>(loadAdminSession);
  const [notice, setNotice] = useState<string | undefined>();
  const signIn = useCallback((s: AdminSession) => {
    saveAdminSession(s);
    setNotice(undefined);
    setSession(s);
  }, []);
  const signOut = useCallback((why?: string) => {
    saveAdminSession(undefined);
    setNotice(why);
    setSession(undefined);
  }, []);
  if (!session) return <AdminSignInScreen onSignedIn={signIn} {...(notice ? { notice } : {})} />;

  const entry = ADMIN_SCREENS.find((s) => path === s.path || path.startsWith(`${s.path}/`));
  return (
    <div className="admin-layout">
      <nav className="admin-nav" aria-label={t('adminNav')}>
        <ul>
          {ADMIN_SCREENS.map((s) => (
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
            <p>{t(ADMIN_SCREENS.length > 0 ? 'adminHomeIntro' : 'adminHomeEmpty')}</p>
            <ul className="choices">
              {ADMIN_SCREENS.map((s) => (
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
