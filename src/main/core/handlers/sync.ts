/** The sync feature's calls (src/shared/contract/sync.ts): the engine's state, syncing now, the conflicts. */
import type { syncCalls } from '../../../shared/contract/sync';
import type { HandlerTable } from './handler';

export const syncHandlers: HandlerTable<typeof syncCalls> = {
  'sync.status': (core) => core.sync.state(),
  'sync.now': (core) => core.sync.now(),
  'sync.conflicts': (core) => ({ conflicts: core.sync.conflicts() }),
  'sync.acknowledgeConflict': (core, { commandId }) => core.sync.acknowledgeConflict(commandId),
};
