import type { SyncConflict } from '../../../shared/ipc';
import { isMessageKey, type MessageKey } from '../../i18n/translate';

/** The message of the code's own reason, when it has one. */
function reasonKeyOf(code: string): MessageKey | undefined {
  const key = `conflict.reason.${code.trim().toLowerCase()}`;
  return isMessageKey(key) ? key : undefined;
}

/**
 * The words for why the cloud did not accept a command: one message per code the cloud gives
 * (src/cloud/services/kioskCommands.ts, the push route's refusals), else a fallback by status, so staff
 * always read a sentence and the code stays in small print.
 */
export function conflictReasonKey(conflict: Pick<SyncConflict, 'code' | 'status'>): MessageKey {
  return reasonKeyOf(conflict.code) ?? (conflict.status === 'conflict' ? 'conflict.fallback.conflict' : 'conflict.fallback.rejected');
}

/** true when the code has its own message (the fallback shows the cloud's words as well) */
export const hasReasonFor = (code: string): boolean => reasonKeyOf(code) !== undefined;
