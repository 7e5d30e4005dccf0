import { IpcCallError, isIpcErrorCode, type TransportErrorCode } from '../../shared/ipc';
import { messageOf } from '../../shared/errorText';

/** Codes the renderer's own IPC plumbing produces (the core's codes come through unchanged). */
export const bridgeErrorCode = {
  unavailable: 'ipc_unavailable',
  disconnected: 'ipc_disconnected',
  timeout: 'ipc_timeout',
  badResponse: 'ipc_bad_response',
  badInput: 'bad_input',
} as const satisfies Record<string, TransportErrorCode>;

/**
 * Any rejection from a call, as an IpcCallError with a code the UI can translate: a plain `{ code, message }` (the
 * preload's) keeps its code when it is one of the contract's, anything else is `internal`.
 */
export function toIpcCallError(error: unknown): IpcCallError {
  // instanceof narrows to the class with `any` for its code parameter: every instance's code is an IpcErrorCode
  if (error instanceof IpcCallError) return error as IpcCallError;
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') {
    const message = 'message' in error && typeof error.message === 'string' ? error.message : error.code;
    return new IpcCallError(isIpcErrorCode(error.code) ? error.code : 'internal', message);
  }
  return new IpcCallError('internal', messageOf(error));
}
