import type { SyncConflict } from '../../shared/ipc';
import type { MessageKey } from './translate';
import { zhCN } from './zhCN';

const REASON_PREFIX = 'conflict.reason.';

const isReasonKey = (key: string): key is MessageKey & `conflict.reason.${string}` =>
  key.startsWith(REASON_PREFIX) && Object.hasOwn(zhCN, key);

/**
 * The words for why the cloud did not accept a command: one message per code the cloud gives
 * (src/cloud/services/kioskCommands.ts, the push route's refusals), else a fallback by status, so staff
 * always read a sentence and the code stays in small print.
 */
export function conflictReasonKey(conflict: Pick<SyncConflict, 'code' | 'status'>): MessageKey {
  const key = `${REASON_PREFIX}${conflict.code.trim().toLowerCase()}`;
  if (isReasonKey(key)) return key;
  return conflict.status === 'conflict' ? 'conflict.fallback.conflict' : 'conflict.fallback.rejected';
}

/** true when the code has its own message (the fallback shows the cloud's words as well) */
export const hasReasonFor = (code: string): boolean => isReasonKey(`${REASON_PREFIX}${code.trim().toLowerCase()}`);
