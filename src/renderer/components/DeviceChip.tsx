import type { DeviceState } from '../../shared/ipc';
import { useT } from '../state/KioskStoreContext';

/**
 * One device's state: its name, a coloured dot and the status in words. The core's detail (in English, for
 * staff) shows inline for errors and otherwise on hover, with the address.
 */
export function DeviceChip({ device }: { device: DeviceState }) {
  const t = useT();
  const title = [device.address, device.detail].filter(Boolean).join(' · ');
  return (
    <li
      className={`chip chip--device chip--${device.status}`}
      data-testid="device-chip"
      data-device={device.kind}
      data-status={device.status}
      title={title || undefined}
    >
      <span className="chip__dot" aria-hidden="true" />
      <span className="chip__name">{t(`device.${device.kind}`)}</span>
      <span className="chip__status">{t(`deviceStatus.${device.status}`)}</span>
      {device.status === 'error' && device.detail && <span className="chip__detail">{device.detail}</span>}
    </li>
  );
}
