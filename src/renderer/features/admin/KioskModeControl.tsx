import { useState } from 'react';
import { useKiosk, useT } from '../../state/KioskStoreContext';
import { Result } from './AdminSections';

/**
 * Leaving the Electron shell's kiosk mode (issue 11): only from here, with an admin session; shown only when the
 * shell is Electron (the browser shell has none: the core would answer admin_not_electron).
 */
export function KioskModeControl() {
  const t = useT();
  const host = useKiosk((s) => s.appInfo?.host);
  const busy = useKiosk((s) => s.admin.busy);
  const call = useKiosk((s) => s.adminSectionCall);
  const [exited, setExited] = useState(false);
  if (host !== 'electron') return null;
  return (
    <>
      <button
        type="button"
        className="button button--secondary"
        data-testid="admin-exit-kiosk-mode"
        disabled={busy || exited}
        onClick={() => void call('admin.exitKioskMode', {}).then((r) => setExited(r !== undefined))}
      >
        {t('admin.kioskMode.exit')}
      </button>
      {exited && <Result testId="admin-kiosk-mode-result">{t('admin.kioskMode.exited')}</Result>}
    </>
  );
}
