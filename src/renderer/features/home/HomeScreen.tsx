import { useKiosk, useT } from '../../state/KioskStoreContext';

/** The start: booked check-in first and biggest, then sign-out and today's visitors. */
export function HomeScreen() {
  const t = useT();
  const openCheckin = useKiosk((s) => s.openCheckin);
  const openSignOut = useKiosk((s) => s.openSignOut);
  const openToday = useKiosk((s) => s.openToday);
  const openWalkIn = useKiosk((s) => s.openWalkIn);
  const openGate = useKiosk((s) => s.openGate);
  const siteName = useKiosk((s) => s.appInfo?.siteName ?? s.appInfo?.kioskName ?? null);
  const revoked = useKiosk((s) => s.sync?.phase === 'revoked');
  const openAdmin = useKiosk((s) => s.openAdmin);

  // the platform disabled this kiosk: no visitor may start anything here; staff call the administrator
  if (revoked) {
    return (
      <section className="home revoked" data-testid="home-revoked" role="alert">
        <h1 className="revoked__title">{t('home.revoked.title')}</h1>
        <p className="revoked__body">{t('home.revoked.body')}</p>
        <p className="revoked__staff">{t('home.revoked.staff')}</p>
        <button type="button" className="button button--secondary" data-testid="revoked-open-admin" onClick={() => void openAdmin()}>
          {t('home.revoked.admin')}
        </button>
      </section>
    );
  }

  return (
    <section className="home" data-testid="home">
      <div className="home__greeting">
        <h1 className="home__welcome">{t('home.welcome')}</h1>
        {siteName && <p className="home__site">{siteName}</p>}
        <p className="home__subtitle">{t('home.subtitle')}</p>
      </div>
      <div className="home__actions">
        <button type="button" className="tile tile--primary" data-testid="start-checkin" onClick={openCheckin}>
          <span className="tile__icon" aria-hidden="true">
            ✓
          </span>
          <span className="tile__title">{t('home.checkin')}</span>
          <span className="tile__hint">{t('home.checkinHint')}</span>
        </button>
        <button type="button" className="tile" data-testid="start-signout" onClick={openSignOut}>
          <span className="tile__icon" aria-hidden="true">
            ⇥
          </span>
          <span className="tile__title">{t('home.signOut')}</span>
          <span className="tile__hint">{t('home.signOutHint')}</span>
        </button>
        <button type="button" className="tile" data-testid="open-today" onClick={openToday}>
          <span className="tile__icon" aria-hidden="true">
            ☰
          </span>
          <span className="tile__title">{t('home.today')}</span>
          <span className="tile__hint">{t('home.todayHint')}</span>
        </button>
        <button type="button" className="tile" data-testid="start-walkin" onClick={openWalkIn}>
          <span className="tile__icon" aria-hidden="true">
            +
          </span>
          <span className="tile__title">{t('home.walkin')}</span>
          <span className="tile__hint">{t('home.walkinHint')}</span>
        </button>
        <button type="button" className="tile" data-testid="start-gate" onClick={openGate}>
          <span className="tile__icon" aria-hidden="true">
            ⇄
          </span>
          <span className="tile__title">{t('home.gate')}</span>
          <span className="tile__hint">{t('home.gateHint')}</span>
        </button>
      </div>
    </section>
  );
}
