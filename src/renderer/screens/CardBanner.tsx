import type { IdCardRead } from '../../shared/ipc';
import type { MessageKey } from '../i18n';
import { useT } from '../state/KioskStoreContext';

/** Card warnings ("code: explanation") a person at the desk must act on, by code, to message keys. */
const ACTIONABLE_WARNINGS = [
  ['card.expired', 'card.warn.expired'],
  ['card.not_yet_valid', 'card.warn.notYetValid'],
  ['id_number.check_digit', 'card.warn.numberSuspect'],
  ['id_number.format', 'card.warn.numberSuspect'],
  ['id_number.birth_date', 'card.warn.numberSuspect'],
] as const;

export function cardWarningKeys(warnings: readonly string[]): MessageKey[] {
  const codes = new Set(warnings.map((w) => w.split(':', 1)[0]));
  return [...new Set(ACTIONABLE_WARNINGS.filter(([code]) => codes.has(code)).map(([, key]) => key))];
}

/** Whose ID card was read: the name and the number as the core sent it (masked), and what needs checking. */
export function CardBanner({ card }: { card: IdCardRead }) {
  const t = useT();
  const warnings = cardWarningKeys(card.warnings);
  return (
    <div
      className={`banner banner--card${warnings.length > 0 ? ' banner--card-warning' : ''}`}
      data-testid="card-banner"
      data-card-type={card.cardType}
    >
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
