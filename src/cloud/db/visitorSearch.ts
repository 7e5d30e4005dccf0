/**
 * The search columns of a booking (migration 0019): its lead visitor's name and the blacklist keys of their phone and ID
 * number, derived from the booking's visitor JSON whenever it is written (repositories/bookings.ts) and by the
 * migration for the bookings there were. A keyword finds a number only by the exact match of its hash.
 */
import { blacklistKeysOf } from '../../shared/blacklistKey';

export interface VisitorSearchColumns {
  visitor_name: string;
  visitor_phone_key: string | null;
  visitor_id_key: string | null;
}

/** The search columns of a booking's visitor JSON (as the repository writes them). */
export function visitorSearchColumns(visitorJson: string): VisitorSearchColumns {
  const v = JSON.parse(visitorJson) as { name?: unknown; phone?: unknown; idNumber?: unknown };
  const keys = blacklistKeysOf({
    phone: typeof v.phone === 'string' ? v.phone : undefined,
    idNumber: typeof v.idNumber === 'string' ? v.idNumber : undefined,
  });
  return { visitor_name: typeof v.name === 'string' ? v.name : '', visitor_phone_key: keys.phoneHash ?? null, visitor_id_key: keys.idNumberHash ?? null };
}
