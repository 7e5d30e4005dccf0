/**
 * The kiosk's local key of an ID number (table booking_id_keys, migration 0017): SHA-256 hex of the normalised number
 * (normalizeIdNumber: no spaces, X upper-case), so that a scanned card finds its bookings by an index without the
 * number itself in another table. None for an empty number. Changing it needs a migration that fills the table again.
 */
import { createHash } from 'node:crypto';
import { normalizeIdNumber } from '../../../shared/idNumber';

export function bookingIdKey(idNumber: string | undefined): string | undefined {
  const n = idNumber === undefined ? '' : normalizeIdNumber(idNumber);
  return n === '' ? undefined : createHash('sha256').update(n).digest('hex');
}
