import type { MessageKey } from '../../i18n';

/** Card warnings ("code: explanation") a person at the desk must act on, by code, to message keys. */
const ACTIONABLE_WARNINGS = [
  ['card.expired', 'card.warn.expired'],
  ['card.not_yet_valid', 'card.warn.notYetValid'],
  ['id_number.check_digit', 'card.warn.numberSuspect'],
  ['id_number.format', 'card.warn.numberSuspect'],
  ['id_number.birth_date', 'card.warn.numberSuspect'],
] as const;

export function cardWarningKeys(warnings: readonly string[]): MessageKey[] {
  const codes = new Set(warnings.map((w) => w.split(':', 1)[0]));
  return [...new Set(ACTIONABLE_WARNINGS.filter(([code]) => codes.has(code)).map(([, key]) => key))];
}
