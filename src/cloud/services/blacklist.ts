/** Blacklist rows as the sync protocol shows them. */
import type { BlacklistEntry } from '../../shared/sync';
import type { BlacklistTable } from '../db/schema';

export function toBlacklistEntry(row: BlacklistTable): BlacklistEntry {
  return {
    id: row.id,
    reason: row.reason,
    level: 'refuse',
    active: row.active !== 0,
    updatedAt: row.updated_at,
    ...(row.id_number_hash !== null ? { idNumberHash: row.id_number_hash } : {}),
    ...(row.phone_hash !== null ? { phoneHash: row.phone_hash } : {}),
    ...(row.name !== null ? { name: row.name } : {}),
  };
}
