import { useKiosk, useT } from '../state/KioskStoreContext';
import { DeviceChip, useCameraProbe, withCamera } from '../features/devices';
import { SyncStatus } from '../features/sync/SyncStatus';

/** Always on screen: sync state and one chip per device, so anyone can see what works. */
export function StatusBar() {
  const t = useT();
  const coreDevices = useKiosk((s) => s.devices);
  const camera = useKiosk((s) => s.camera);
  useCameraProbe();
  const devices = withCamera(coreDevices, camera);
  // Without the core these are the last states known, perhaps no longer true: shown dimmed.
  const stale = useKiosk((s) => s.connection.status !== 'connected');
  return (
    <footer className="status-bar" data-testid="status-bar" aria-label={t('status.label')}>
      <SyncStatus />
      <ul className={`status-bar__devices${stale ? ' status-bar__devices--stale' : ''}`} data-stale={stale}>
        {devices.length === 0 ? (
          <li className="chip chip--muted">{t('status.devicesNone')}</li>
        ) : (
          devices.map((device) => <DeviceChip key={device.kind} device={device} />)
        )}
      </ul>
    </footer>
  );
}
