/** The blacklist calls of the admin screen (src/cloud/routes/blacklist.ts). */
import type { BlacklistCreate } from '../../../shared/api';
import { BlacklistAdminList, BlacklistHitList } from '../../../shared/blacklistAdmin';
import { BlacklistEntry } from '../../../shared/sync';
import { call } from '../../api/client';

export interface BlacklistQuery {
  q: string;
  level: '' | 'warn' | 'refuse';
  status: '' | 'active' | 'expired' | 'inactive';
}

export function searchBlacklist(token: string, query: BlacklistQuery) {
  const params = new URLSearchParams();
  if (query.q.trim() !== '') params.set('q', query.q.trim());
  if (query.level !== '') params.set('level', query.level);
  if (query.status !== '') params.set('status', query.status);
  return call(BlacklistAdminList, 'GET', `/admin/blacklist?${params.toString()}`, { token });
}

export const addToBlacklist = (token: string, body: BlacklistCreate) => call(BlacklistEntry, 'POST', '/admin/blacklist', { token, body });

export const deactivateBlacklistEntry = (token: string, id: string) =>
  call(BlacklistEntry, 'POST', `/admin/blacklist/${encodeURIComponent(id)}/deactivate`, { token });

export const blacklistHits = (token: string, id: string) => call(BlacklistHitList, 'GET', `/admin/blacklist/${encodeURIComponent(id)}/hits`, { token });
