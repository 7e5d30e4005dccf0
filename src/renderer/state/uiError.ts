import { toIpcCallError } from '../bridge/ipcErrors';
import type { UiError } from './types';

/** A rejected call as something to show: only the code is kept (its message is for logs). */
export function uiErrorFrom(error: unknown): UiError {
  return { code: toIpcCallError(error).code };
}

/** Errors of the IPC plumbing itself, after which the booking's state is unknown rather than changed. */
export const isTransportError = (error: UiError): boolean => error.code.startsWith('ipc_');
