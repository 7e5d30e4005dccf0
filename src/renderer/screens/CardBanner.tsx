import type { IdCardRead } from '../../shared/ipc';
import { useT } from '../state/KioskStoreContext';

/** Whose ID card was read: the name and the number as the core sent it (masked). */
export function CardBanner({ card }: { card: IdCardRead }) {
  const t = useT();
  return (
    <div className="banner banner--card" data-testid="card-banner" data-card-type={card.cardType}>
      <span className="banner__icon" aria-hidden="true">
        ID
      </span>
      <div className="banner__body">
        <p className="banner__text">{t('card.holder', { name: card.name })}</p>
        <p className="banner__detail">{t('card.idNumber', { number: card.idNumberMasked })}</p>
      </div>
    </div>
  );
}
