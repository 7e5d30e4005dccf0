/**
 * The blacklist's key, one rule for the cloud (which stores only these hashes when an admin adds an entry) and the
 * kiosk (which hashes a booking's visitor the same way to refuse check-in offline): SHA-256 hex of the normalised
 * ID number (normalizeIdNumber: no spaces, X upper-case) or phone number (normalizePhone: no separators, +86 dropped).
 * Synchronous (src/shared/sha256.ts), as the kiosk decides inside better-sqlite3 transactions.
 */
import { normalizeIdNumber } from './idNumber';
import { normalizePhone } from './phone';
import { sha256Hex } from './sha256';

export const blacklistIdNumberKey = (idNumber: string): string => sha256Hex(normalizeIdNumber(idNumber));
export const blacklistPhoneKey = (phone: string): string => sha256Hex(normalizePhone(phone));

export interface BlacklistKeys {
  idNumberHash?: string;
  phoneHash?: string;
}

/** The keys of a person's numbers: only of those present (an empty number has no key). */
export function blacklistKeysOf(person: { idNumber?: string | null | undefined; phone?: string | null | undefined }): BlacklistKeys {
  const keys: BlacklistKeys = {};
  if (person.idNumber && normalizeIdNumber(person.idNumber) !== '') keys.idNumberHash = blacklistIdNumberKey(person.idNumber);
  if (person.phone && normalizePhone(person.phone) !== '') keys.phoneHash = blacklistPhoneKey(person.phone);
  return keys;
}
