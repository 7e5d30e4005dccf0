import type { DeviceState } from '../../../shared/ipc';
import { useT } from '../../state/KioskStoreContext';
import { cameraNoteKey } from './camera';

/**
 * One device's state: its name, a coloured dot and the status in words. A printer's paper (out, running low)
 * shows inline in the person's language; otherwise the core's detail (in English, for staff) shows inline for
 * errors and on hover, with the address.
 */
export function DeviceChip({ device }: { device: DeviceState }) {
  const t = useT();
  const title = [device.address, device.detail].filter(Boolean).join(' · ');
  const paperNote = device.paper === 'out' || device.paper === 'near_end' ? t(`paper.${device.paper}`) : undefined;
  const cameraKey = cameraNoteKey(device);
  const inline = paperNote ?? (cameraKey ? t(cameraKey) : device.status === 'error' ? device.detail : undefined);
  return (
    <li
      className={`chip chip--device chip--${device.status}`}
      data-testid="device-chip"
      data-device={device.kind}
      data-status={device.status}
      data-paper={device.paper}
      title={title || undefined}
    >
      <span className="chip__dot" aria-hidden="true" />
      <span className="chip__name">{t(`device.${device.kind}`)}</span>
      <span className="chip__status">{t(`deviceStatus.${device.status}`)}</span>
      {inline && (
        <span className="chip__detail" data-testid="device-chip-detail">
          {inline}
        </span>
      )}
    </li>
  );
}
