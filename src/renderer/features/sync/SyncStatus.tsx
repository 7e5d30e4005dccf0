import type { SyncState } from '../../../shared/ipc';
import type { MessageKey } from '../../i18n/translate';
import { useKiosk, useT } from '../../state/KioskStoreContext';

const phaseKey: Record<SyncState['phase'], MessageKey> = {
  idle: 'status.online',
  syncing: 'status.syncing',
  offline: 'status.offline',
  error: 'status.syncError',
  unenrolled: 'status.unenrolled',
  revoked: 'status.revoked',
};

/** Online/offline with the sync phase, the outbox size and unseen conflicts (a button to their list when there are any). */
export function SyncStatus() {
  const t = useT();
  const sync = useKiosk((s) => s.sync);
  const connected = useKiosk((s) => s.connection.status === 'connected');
  const openConflicts = useKiosk((s) => s.openConflicts);
  // Without the core the last sync state is stale: say "unknown" rather than a possibly wrong "online".
  if (!sync || !connected) {
    return (
      <div className="sync-status sync-status--unknown" data-testid="sync-status" data-online="unknown">
        <span className="chip__dot" aria-hidden="true" />
        {t('status.syncUnknown')}
      </div>
    );
  }
  const connectivity = sync.online ? t('status.online') : t('status.offline');
  const phase = sync.phase === 'idle' || sync.phase === 'offline' ? null : t(phaseKey[sync.phase]);
  return (
    <div
      className={`sync-status sync-status--${sync.online ? 'online' : 'offline'}`}
      data-testid="sync-status"
      data-online={String(sync.online)}
      data-phase={sync.phase}
      title={sync.lastError}
    >
      <span className="chip__dot" aria-hidden="true" />
      <span className="sync-status__state">{connectivity}</span>
      {phase && <span className="sync-status__phase">· {phase}</span>}
      <span className="sync-status__count" data-testid="sync-pending">
        {t('status.pending', { count: sync.pendingCommands })}
      </span>
      {sync.conflicts > 0 ? (
        // staff open the list of what went wrong from here
        <button
          type="button"
          className="sync-status__count sync-status__count--alert sync-status__count--button"
          data-testid="sync-conflicts"
          aria-label={`${t('status.conflicts', { count: sync.conflicts })} · ${t('conflicts.open')}`}
          onClick={openConflicts}
        >
          {t('status.conflicts', { count: sync.conflicts })} ›
        </button>
      ) : (
        <span className="sync-status__count" data-testid="sync-conflicts">
          {t('status.conflicts', { count: sync.conflicts })}
        </span>
      )}
    </div>
  );
}
