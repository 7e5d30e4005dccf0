/**
 * GB 11643-1999 citizen identity numbers: 17 digits and a check character (ISO 7064 MOD 11-2).
 * Pure; used by the ID card decoder (a bad check digit is a warning on the card, never a crash) and by forms.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK = '10X98765432';

export function idCheckCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('need 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

/**
 * An ID number as it is compared and hashed everywhere (check-in by card, the blacklist's SHA-256 key on the cloud
 * and at the kiosk, src/shared/blacklistKey.ts): no spaces (a person types 110105 19491231 002x), the check
 * character X upper-case.
 */
export const normalizeIdNumber = (id: string): string => id.replace(/[\s\u3000]+/g, '').toUpperCase();

export type IdNumberProblem = 'format' | 'birth_date' | 'check_digit';

/** null when valid; otherwise what is wrong. */
export function checkIdNumber(id: string): IdNumberProblem | null {
  const s = normalizeIdNumber(id);
  if (!/^\d{17}[\dX]$/.test(s)) return 'format';
  const y = Number(s.slice(6, 10));
  const m = Number(s.slice(10, 12));
  const d = Number(s.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return 'birth_date';
  if (idCheckCharacter(s.slice(0, 17)) !== s[17]) return 'check_digit';
  return null;
}

export const isValidIdNumber = (id: string): boolean => checkIdNumber(id) === null;
