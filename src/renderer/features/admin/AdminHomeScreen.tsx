import { useEffect } from 'react';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useIdleTimeout } from '../../hooks/useIdleTimeout';
import { useKiosk, useT } from '../../state/KioskStoreContext';
import { SECTIONS_BY_ROLE } from '../../../shared/adminPin';
import { ReplacePhotoSection, VisitPhotosSection } from '../staffphoto';
import { AboutSection, PinSection, SyncSection } from './AdminSections';
import { DevicesSection } from './DevicesSection';
import { EnrolmentSection } from './EnrolmentSection';
import { KioskModeControl } from './KioskModeControl';
import { LogsSection } from './LogsSection';
import { PolicySection } from './PolicySection';

const ACTIVITY = ['pointerdown', 'keydown'] as const;

/**
 * The admin home: the sections the session's role may see (staff: sync, today's visitors with their desk photos, 替换注册照片). It locks on "lock" (home),
 * after the session's idle time (back to the PIN pad), and whenever it closes (the core forgets the token).
 */
export function AdminHomeScreen() {
  const t = useT();
  const { session, section, error, lockAfterS } = useKiosk((s) => s.admin);
  const lockAdmin = useKiosk((s) => s.lockAdmin);
  const lockToPad = useKiosk((s) => s.lockAdminToPad);
  const release = useKiosk((s) => s.releaseAdminSession);
  const activity = useKiosk((s) => s.adminActivity);
  const show = useKiosk((s) => s.showAdminSection);
  const token = session?.token;

  useIdleTimeout(true, lockAfterS * 1000, lockToPad);
  useEffect(() => {
    if (token === undefined) return undefined;
    for (const name of ACTIVITY) window.addEventListener(name, activity, { capture: true, passive: true });
    return () => {
      for (const name of ACTIVITY) window.removeEventListener(name, activity, { capture: true });
      release(token);
    };
  }, [token, activity, release]);

  if (!session) return null;
  const sections = SECTIONS_BY_ROLE[session.role];
  return (
    <section className="screen screen--admin" data-testid="admin-home" data-role={session.role}>
      <header className="screen-header">
        <span className="admin__role">{session.role === 'admin' ? t('admin.home.roleAdmin') : t('admin.home.roleStaff')}</span>
        <h1 className="screen-header__title">{t('admin.home.title')}</h1>
        <button type="button" className="button button--secondary" data-testid="admin-lock" onClick={lockAdmin}>
          🔒 {t('admin.home.lock')}
        </button>
      </header>
      <nav className="admin__tabs" aria-label={t('admin.home.sections')}>
        {sections.map((s) => (
          <button
            key={s}
            type="button"
            className={`button ${s === section ? 'button--primary' : 'button--secondary'}`}
            aria-current={s === section ? 'page' : undefined}
            data-testid={`admin-section-${s}`}
            onClick={() => show(s)}
          >
            {t(`admin.section.${s}`)}
          </button>
        ))}
      </nav>
      <ErrorBanner error={error} />
      <div className="admin__section card" data-testid={`admin-${section}`}>
        {section === 'devices' && <DevicesSection />}
        {section === 'sync' && <SyncSection />}
        {section === 'visits' && <VisitPhotosSection />}
        {section === 'photo' && <ReplacePhotoSection />}
        {section === 'policy' && <PolicySection />}
        {section === 'enrolment' && <EnrolmentSection />}
        {section === 'logs' && <LogsSection />}
        {section === 'about' && <AboutSection />}
        {section === 'about' && <KioskModeControl />}
        {section === 'pin' && <PinSection />}
      </div>
    </section>
  );
}
