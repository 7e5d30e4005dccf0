import type { Language } from '../../shared/domain';
import type { IpcErrorCode } from '../../shared/errorCodes';
import { isMessageKey, translate, type MessageKey } from './translate';

/**
 * The message key for an error code from IPC (IpcError.code), a booking's `checkIn.reason`, or a pass error.
 * Accepts namespaced codes too ("checkin.too_early", "booking:cancelled") by trying the last segment.
 * Unknown codes get the fallback message: a person always reads something helpful, never a raw code.
 */
export function errorMessageKey(code: string | undefined): MessageKey {
  if (!code) return 'error.fallback';
  const normalized = code.trim().toLowerCase();
  const candidates = [normalized, normalized.split(/[.:/]/).pop() ?? ''];
  for (const candidate of candidates) {
    const key = `error.${candidate}`;
    if (candidate !== 'fallback' && isMessageKey(key)) return key;
  }
  return 'error.fallback';
}

export function errorMessage(language: Language, code: string | undefined): string {
  return translate(language, errorMessageKey(code));
}

/** The message key of an error code of the contract. Every code has one: a code without words fails to compile here. */
export type ErrorMessageKey = `error.${IpcErrorCode}`;
type CodesWithoutWords = Exclude<ErrorMessageKey, MessageKey>;
export const everyCodeHasWords: [CodesWithoutWords] extends [never] ? true : CodesWithoutWords = true;

export const errorKeyOf = (code: IpcErrorCode): ErrorMessageKey & MessageKey => `error.${code}`;
