import type { IdCardRead } from '../../../shared/ipc';
import { useT } from '../../state/KioskStoreContext';
import { cardWarningKeys } from './cardWarnings';

/** Whose ID card was read: the name and the number as the core sent it (masked), and what needs checking. */
export function CardBanner({ card }: { card: IdCardRead }) {
  const t = useT();
  const warnings = cardWarningKeys(card.warnings);
  return (
    <div className={`banner banner--card${warnings.length > 0 ? ' banner--card-warning' : ''}`} data-testid="card-banner" data-card-type={card.cardType}>
      <span className="banner__icon" aria-hidden="true">
        ID
      </span>
      <div className="banner__body">
        <p className="banner__text">{t('card.holder', { name: card.name })}</p>
        <p className="banner__detail">{t('card.idNumber', { number: card.idNumberMasked })}</p>
        {warnings.map((key) => (
          <p key={key} className="banner__warning" data-testid="card-warning" role="alert">
            {t(key)}
          </p>
        ))}
      </div>
    </div>
  );
}
