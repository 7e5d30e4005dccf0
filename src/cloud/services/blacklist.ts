/** Blacklist rows as the sync protocol shows them. */
import { BlacklistLevel, type BlacklistEntry } from '../../shared/sync';
import type { BlacklistTable } from '../db/schema';

export function toBlacklistEntry(row: BlacklistTable): BlacklistEntry {
  return {
    id: row.id,
    reason: row.reason,
    // a level this build does not know reads as the stricter one
    level: BlacklistLevel.catch('refuse').parse(row.level),
    active: row.active !== 0,
    updatedAt: row.updated_at,
    ...(row.id_number_hash !== null ? { idNumberHash: row.id_number_hash } : {}),
    ...(row.phone_hash !== null ? { phoneHash: row.phone_hash } : {}),
    ...(row.name !== null ? { name: row.name } : {}),
  };
}
