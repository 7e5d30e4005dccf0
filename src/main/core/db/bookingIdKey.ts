/**
 * The kiosk's local key of an ID number (table booking_id_keys, migration 0016): the same SHA-256 hex of the normalised
 * number as the blacklist's key (src/shared/blacklistKey.ts), so that a scanned card finds its bookings by an index
 * without the number itself in another table. None for an empty number. Changing it needs a migration that fills the
 * table again.
 */
import { blacklistIdNumberKey } from '../../../shared/blacklistKey';
import { normalizeIdNumber } from '../../../shared/idNumber';

export function bookingIdKey(idNumber: string | undefined): string | undefined {
  return idNumber === undefined || normalizeIdNumber(idNumber) === '' ? undefined : blacklistIdNumberKey(idNumber);
}
