import { formatDateTime } from '../../format/dateTime';
import type { MessageKey } from '../../i18n/translate';
import { useKiosk, useT } from '../../state/KioskStoreContext';

/**
 * 等待中的访客: the walk-ins waiting for their host at this kiosk (a restart does not lose them) and today's that ended,
 * masked; one tap picks one up again — its waiting screen, its passes to show or print, or how it ended.
 */
export function WaitingVisitorsPanel() {
  const t = useT();
  const language = useKiosk((s) => s.language);
  const waits = useKiosk((s) => s.walkin.waits);
  const resume = useKiosk((s) => s.resumeWalkInWait);
  if (!waits || waits.length === 0) return null;
  return (
    <div className="card walkin__waits" data-testid="walkin-waits">
      <p className="field__label">{t('walkin.waits.title')}</p>
      <ul className="walkin__waits-list">
        {waits.map((w) => (
          <li key={w.registrationId}>
            <button
              type="button"
              className="button button--secondary walkin__wait-item"
              data-testid="walkin-wait-item"
              data-registration-id={w.registrationId}
              data-state={w.state}
              onClick={() => resume(w.registrationId)}
            >
              <span>
                {t('walkin.waits.item', {
                  name: w.leadNameMasked,
                  people: String(w.people),
                  host: w.hostNameMasked,
                  time: formatDateTime(language, new Date(w.registeredAt)),
                })}
              </span>
              <span className="walkin__wait-state"> · {t(`walkin.waits.state.${w.state}` as MessageKey)}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
