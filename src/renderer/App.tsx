import type { ComponentType } from 'react';
import { ConnectionBanner } from './components/ConnectionBanner';
import { LanguageSwitch } from './components/LanguageSwitch';
import { StatusBar } from './components/StatusBar';
import { formatDateTime } from './format/dateTime';
import { useClock } from './hooks/useClock';
import { useIdleTimeout } from './hooks/useIdleTimeout';
import { useWedgeScanner } from './hooks/useWedgeScanner';
import { adminScreens, isAdminSessionScreen, useAdminEntry } from './features/admin';
import { checkinScreens } from './features/checkin';
import { gateScreens } from './features/gate';
import { homeScreens } from './features/home';
import { signOutScreens } from './features/signout';
import { syncScreens } from './features/sync';
import { walkInScreens } from './features/walkin';
import { useKiosk, useT } from './state/KioskStoreContext';
import type { Screen } from './state/types';

/** With nobody touching the kiosk for this long, any screen returns home and forgets what was typed (settings: idleTimeoutS). */
export const IDLE_TIMEOUT_MS = 60_000;

const screens: Record<Screen, ComponentType> = {
  ...homeScreens,
  ...checkinScreens,
  ...signOutScreens,
  ...syncScreens,
  ...walkInScreens,
  ...adminScreens,
  ...gateScreens,
};

function TopBar() {
  const t = useT();
  const language = useKiosk((s) => s.language);
  const kioskName = useKiosk((s) => s.appInfo?.kioskName);
  const goHome = useKiosk((s) => s.goHome);
  const openAdmin = useKiosk((s) => s.openAdmin);
  const adminTap = useAdminEntry(() => void openAdmin());
  const now = useClock();
  return (
    <header className="top-bar">
      <button
        type="button"
        className="top-bar__brand"
        data-testid="top-bar-brand"
        onClick={() => {
          // the fifth tap within 3 s opens the PIN pad instead of going home
          if (!adminTap()) goHome();
        }}
      >
        <span className="top-bar__logo" aria-hidden="true">
          P
        </span>
        <span className="top-bar__names">
          <span className="top-bar__app">{t('app.name')}</span>
          {kioskName && <span className="top-bar__kiosk">{kioskName}</span>}
        </span>
      </button>
      <span className="top-bar__clock">{formatDateTime(language, now)}</span>
      <LanguageSwitch />
    </header>
  );
}

export function App() {
  const screen = useKiosk((s) => s.screen);
  const language = useKiosk((s) => s.language);
  const goHome = useKiosk((s) => s.goHome);
  const receiveScan = useKiosk((s) => s.receiveScan);
  const idleMs = (useKiosk((s) => s.settings?.idleTimeoutS) ?? IDLE_TIMEOUT_MS / 1000) * 1000;
  // the gate screen is unattended by design: it keeps scanning, idle or not
  useIdleTimeout(screen !== 'home' && screen !== 'gate' && !isAdminSessionScreen(screen), idleMs, goHome, screen);
  // Other screens that take scans have a focused field the scanner types into.
  useWedgeScanner(screen === 'home', receiveScan);
  const CurrentScreen = screens[screen];

  return (
    <div className="app" lang={language} data-screen={screen}>
      <TopBar />
      <ConnectionBanner />
      <main className="app__main">
        <CurrentScreen key={screen} />
      </main>
      <StatusBar />
    </div>
  );
}
