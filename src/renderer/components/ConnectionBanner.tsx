import type { ConnectionStatus } from '../bridge/connectionState';
import type { MessageKey } from '../i18n/translate';
import { useKiosk, useT } from '../state/KioskStoreContext';

const messageOf: Record<Exclude<ConnectionStatus, 'connected'>, MessageKey> = {
  connecting: 'connection.connecting',
  reconnecting: 'connection.reconnecting',
  no_secret: 'connection.noSecret',
};

/** Says so when the renderer is not (yet) talking to the kiosk core. */
export function ConnectionBanner() {
  const t = useT();
  const status = useKiosk((s) => s.connection.status);
  if (status === 'connected') return null;
  return (
    <div className={`banner banner--connection banner--${status}`} role="status" data-testid="connection-state" data-status={status}>
      {status !== 'no_secret' && <span className="spinner__wheel spinner__wheel--small" aria-hidden="true" />}
      {t(messageOf[status])}
    </div>
  );
}
