import type { SystemPrinterListing } from '../../../shared/deviceSetup';
import { useT } from '../../state/KioskStoreContext';

/**
 * The operating system's printers (CUPS), under a `system` printer's settings: the installer sees which printers the
 * print dialog will offer, their state (with CUPS' message: why one is disabled) and the default; none: why.
 */
export function SystemPrinters({ listing }: { listing: SystemPrinterListing }) {
  const t = useT();
  if (listing.items.length === 0)
    return (
      <p className="field__hint" data-testid="admin-system-printers" data-count="0">
        {t('admin.devices.noSystemPrinters', { reason: listing.reason ?? '—' })}
      </p>
    );
  return (
    <div className="field" data-testid="admin-system-printers" data-count={listing.items.length}>
      <span className="field__label" id="admin-system-printers-title">
        {t('admin.devices.systemPrintersTitle')}
      </span>
      <ul className="admin__list" aria-labelledby="admin-system-printers-title">
        {listing.items.map((p) => (
          <li key={p.name} data-testid={`admin-system-printer-${p.name}`} data-state={p.state}>
            <code>{p.name}</code>
            {p.isDefault && ` · ${t('admin.devices.systemPrinter.default')}`}
            {` · ${t(`admin.devices.systemPrinter.${p.state}`)}`}
            {p.message !== undefined && ` · ${p.message}`}
          </li>
        ))}
      </ul>
    </div>
  );
}
