import { errorKeyOf } from '../i18n/errorMessages';
import { useT } from '../state/KioskStoreContext';
import type { UiError } from '../state/types';

/** Codes whose name a visitor must not read (blacklisted): their small print is left out, the words stay neutral. */
const DISCREET_CODES: ReadonlySet<string> = new Set(['blacklisted']);

/** An error in words a visitor understands, with the code in small print for staff (but for a discreet one). */
export function ErrorBanner({ error, onRetry }: { error: UiError | null; onRetry?: () => void }) {
  const t = useT();
  if (!error) return null;
  return (
    <div className="banner banner--error" role="alert" data-testid="error-message" data-code={error.code}>
      <span className="banner__icon" aria-hidden="true">
        !
      </span>
      <div className="banner__body">
        <p className="banner__text">{t(errorKeyOf(error.code))}</p>
        {!DISCREET_CODES.has(error.code) && <p className="banner__code">{t('common.errorCode', { code: error.code })}</p>}
      </div>
      {onRetry && (
        <button type="button" className="button button--secondary banner__action" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}
