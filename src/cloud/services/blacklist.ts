/** Blacklist rows as the sync protocol shows them, and as a site administrator sees them. */
import type { BlacklistAdminEntry, BlacklistStatus } from '../../shared/blacklistAdmin';
import { BlacklistLevel, type BlacklistEntry } from '../../shared/sync';
import type { BlacklistTable } from '../db/schema';

/** An entry announced as expired (the sweep, or any change after its expiry): kiosks drop it. */
const announcedExpired = (row: BlacklistTable): boolean => row.expires_at !== null && row.updated_at >= row.expires_at;

export function toBlacklistEntry(row: BlacklistTable): BlacklistEntry {
  return {
    id: row.id,
    reason: row.reason,
    // a level this build does not know reads as the stricter one
    level: BlacklistLevel.catch('refuse').parse(row.level),
    active: row.active !== 0 && !announcedExpired(row),
    updatedAt: row.updated_at,
    ...(row.id_number_hash !== null ? { idNumberHash: row.id_number_hash } : {}),
    ...(row.phone_hash !== null ? { phoneHash: row.phone_hash } : {}),
    ...(row.name !== null ? { name: row.name } : {}),
  };
}

export function blacklistStatusOf(row: BlacklistTable, nowIso: string): BlacklistStatus {
  if (row.active === 0) return 'inactive';
  return row.expires_at !== null && row.expires_at <= nowIso ? 'expired' : 'active';
}

/** What an administrator sees: never a hash or a full number. */
export function toBlacklistAdminEntry(row: BlacklistTable & { hits: number }, nowIso: string): BlacklistAdminEntry {
  return {
    id: row.id,
    siteId: row.site_id,
    ...(row.name !== null ? { name: row.name } : {}),
    ...(row.phone_masked !== null ? { phoneMasked: row.phone_masked } : {}),
    ...(row.id_number_masked !== null ? { idNumberMasked: row.id_number_masked } : {}),
    level: BlacklistLevel.catch('refuse').parse(row.level),
    reason: row.reason,
    status: blacklistStatusOf(row, nowIso),
    ...(row.expires_at !== null ? { expiresAt: row.expires_at } : {}),
    ...(row.added_by !== null ? { addedBy: row.added_by } : {}),
    ...(row.created_at !== null ? { createdAt: row.created_at } : {}),
    updatedAt: row.updated_at,
    hits: row.hits,
  };
}
