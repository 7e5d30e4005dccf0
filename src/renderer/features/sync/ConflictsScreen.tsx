import { ErrorBanner } from '../../components/ErrorBanner';
import { ScreenHeader } from '../../components/ScreenHeader';
import { Spinner } from '../../components/Spinner';
import { useKiosk, useT } from '../../state/KioskStoreContext';
import { ConflictRow } from './ConflictRow';

/**
 * Sync conflicts for reception staff: each command the cloud did not accept, with what, when, which booking,
 * the masked visitor and the reason in words, and a way to acknowledge it. Acknowledged ones stay listed.
 */
export function ConflictsScreen() {
  const t = useT();
  const { loading, items, error } = useKiosk((s) => s.conflicts);
  const loadConflicts = useKiosk((s) => s.loadConflicts);
  const unseen = items?.filter((c) => c.acknowledgedAt === undefined).length ?? 0;

  return (
    <section className="screen screen--conflicts" data-testid="conflicts-screen">
      <ScreenHeader title={t('conflicts.title')} />
      <p className="conflicts__intro">{t('conflicts.intro')}</p>
      <div className="today__bar">
        {items && <p className="today__count">{t('conflicts.unseen', { count: unseen })}</p>}
        <button type="button" className="button button--secondary" onClick={() => void loadConflicts()} disabled={loading}>
          ↻ {t('conflicts.refresh')}
        </button>
      </div>
      {loading && items === null && <Spinner label={t('conflicts.loading')} />}
      <ErrorBanner error={error} />
      {items && items.length === 0 && <p className="empty">{t('conflicts.empty')}</p>}
      {items && items.length > 0 && (
        <ul className="today__list card">
          {items.map((conflict) => (
            <ConflictRow key={conflict.commandId} conflict={conflict} />
          ))}
        </ul>
      )}
    </section>
  );
}
