/** The sync feature (src/shared/contract/sync.ts): the engine's state, syncing now, the conflicts staff see. */
import type { syncCalls } from '../../../shared/contract/sync';
import { IpcCallError, type SyncConflict, type SyncState } from '../../../shared/ipc';
import { acknowledgeConflict, listConflicts } from '../db/conflictsStore';
import type { KioskDb } from '../db/openDb';
import type { KioskEventBus } from '../events';
import type { HandlerTable } from './feature';

export interface SyncFeatureDeps {
  db: KioskDb;
  /** where an acknowledgement's new state is announced (sync.state) */
  events: Pick<KioskEventBus, 'emit'>;
  now: () => Date;
  /** the sync engine (../sync/syncEngine.ts) */
  engine: { state(): SyncState; syncNow(): Promise<SyncState> };
}

export interface SyncFeature {
  readonly handlers: HandlerTable<typeof syncCalls>;
  now(): Promise<SyncState>;
  state(): SyncState;
  /** conflicted and rejected commands, with their local booking (code, masked visitor name) */
  conflicts(): SyncConflict[];
  /** marks a conflict seen (emits sync.state); IpcCallError not_found when `commandId` is no conflict */
  acknowledgeConflict(commandId: string): SyncState;
}

export function createSyncFeature(deps: SyncFeatureDeps): SyncFeature {
  const { db, events, engine } = deps;
  const feature: Omit<SyncFeature, 'handlers'> = {
    now: () => engine.syncNow(),
    state: () => engine.state(),
    conflicts: () => listConflicts(db),
    acknowledgeConflict(commandId) {
      if (!acknowledgeConflict(db, commandId, deps.now())) throw new IpcCallError('not_found', `no conflict with command id ${commandId}`);
      const state = engine.state();
      events.emit('sync.state', state);
      return state;
    },
  };
  return {
    ...feature,
    handlers: {
      'sync.status': () => feature.state(),
      'sync.now': () => feature.now(),
      'sync.conflicts': () => ({ conflicts: feature.conflicts() }),
      'sync.acknowledgeConflict': ({ commandId }) => feature.acknowledgeConflict(commandId),
    },
  };
}
