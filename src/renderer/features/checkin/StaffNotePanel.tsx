import type { StaffWarning } from '../../../shared/domain';
import { useT } from '../../state/KioskStoreContext';

/**
 * A discreet note for the desk staff (a blacklist hit of the visitor or a companion): who (masked), the level and the
 * reason; never the word blacklist, never on the visitor-facing text. With a `warn` hit the staff acknowledge it
 * before check-in or registration may go on; a `refuse` one offers no acknowledgement.
 */
export function StaffNotePanel({
  warnings,
  acknowledged,
  onAcknowledge,
}: {
  warnings: readonly StaffWarning[] | undefined;
  acknowledged: boolean;
  onAcknowledge?: () => void;
}) {
  const t = useT();
  if (!warnings || warnings.length === 0) return null;
  const refused = warnings.some((w) => w.level === 'refuse');
  return (
    <aside className="staff-note" data-testid="staff-note" data-acknowledged={acknowledged} aria-label={t('staffNote.title')}>
      <p className="staff-note__title">{t('staffNote.title')}</p>
      <ul className="staff-note__list">
        {warnings.map((w, i) => (
          <li key={i} data-testid="staff-note-item" data-level={w.level}>
            <span className="staff-note__who">
              {w.person === 'lead' ? t('staffNote.lead') : t('staffNote.companion', { n: w.person + 1 })} {w.nameMasked}
            </span>
            <span className={`staff-note__level staff-note__level--${w.level}`}>
              {t(w.level === 'warn' ? 'staffNote.level.warn' : 'staffNote.level.refuse')}
            </span>
            <span className="staff-note__reason">{w.reason}</span>
          </li>
        ))}
      </ul>
      {!refused &&
        (acknowledged ? (
          <p className="staff-note__done">{t('staffNote.acknowledged')}</p>
        ) : (
          onAcknowledge && (
            <button type="button" className="button button--secondary" data-testid="staff-note-acknowledge" onClick={onAcknowledge}>
              {t('staffNote.acknowledge')}
            </button>
          )
        ))}
    </aside>
  );
}
