import { useKiosk, useT } from '../state/KioskStoreContext';
import { DeviceChip } from './DeviceChip';
import { SyncStatus } from './SyncStatus';

/** Always on screen: sync state and one chip per device, so anyone can see what works. */
export function StatusBar() {
  const t = useT();
  const devices = useKiosk((s) => s.devices);
  return (
    <footer className="status-bar" data-testid="status-bar" aria-label={t('status.label')}>
      <SyncStatus />
      <ul className="status-bar__devices">
        {devices.length === 0 ? (
          <li className="chip chip--muted">{t('status.devicesNone')}</li>
        ) : (
          devices.map((device) => <DeviceChip key={device.kind} device={device} />)
        )}
      </ul>
    </footer>
  );
}
