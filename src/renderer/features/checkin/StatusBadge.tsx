import type { BookingStatus } from '../../../shared/domain';
import { useT } from '../../state/KioskStoreContext';

export function StatusBadge({ status }: { status: BookingStatus }) {
  const t = useT();
  return (
    <span className={`badge badge--${status}`} data-status={status}>
      {t(`bookingStatus.${status}`)}
    </span>
  );
}
