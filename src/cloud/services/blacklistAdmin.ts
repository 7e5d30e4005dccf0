/**
 * The administrators' blacklist (issue 14 item 3): a new entry's row (hashes for matching, masked numbers for people,
 * expiry, who added it) and the search's reading of what was typed.
 */
import type { z } from 'zod';
import type { BlacklistCreate } from '../../shared/api';
import type { BlacklistSearch } from '../../shared/blacklistAdmin';
import { blacklistIdNumberKey, blacklistKeysOf, blacklistPhoneKey } from '../../shared/blacklistKey';
import { normalizeIdNumber } from '../../shared/idNumber';
import { maskIdNumber, maskPhone } from '../../shared/mask';
import { normalizePhone } from '../../shared/phone';
import type { BlacklistTable } from '../db/schema';
import { badRequest } from '../errors';
import type { BlacklistFilter } from '../repositories/blacklistAdmin';

type Create = z.output<typeof BlacklistCreate>;

/** The stored row of a new entry, but for its id, site and change number. */
export function blacklistRowOf(input: Create, actor: string, now: Date): Omit<BlacklistTable, 'id' | 'site_id' | 'change_seq'> {
  if (input.expiresAt !== undefined && Date.parse(input.expiresAt) <= now.getTime()) {
    throw badRequest('expiry_in_past', '到期时间已过 / the expiry must be in the future');
  }
  // the shared key (src/shared/blacklistKey.ts): the kiosk hashes its bookings' visitors the same way
  const keys = blacklistKeysOf(input);
  return {
    id_number_hash: keys.idNumberHash ?? null,
    phone_hash: keys.phoneHash ?? null,
    name: input.name ?? null,
    reason: input.reason,
    level: input.level,
    active: 1,
    updated_at: now.toISOString(),
    phone_masked: input.phone !== undefined ? maskPhone(normalizePhone(input.phone)) : null,
    id_number_masked: input.idNumber !== undefined ? maskIdNumber(normalizeIdNumber(input.idNumber)) : null,
    expires_at: input.expiresAt !== undefined ? new Date(input.expiresAt).toISOString() : null,
    added_by: actor,
    created_at: now.toISOString(),
  };
}

const WHOLE_PHONE = /^(1[3-9]\d{9}|\+\d{6,15})$/;
const WHOLE_ID = /^(\d{17}[\dX]|\d{15})$/;
const DIGITS = /^[\d*X]{2,}$/;

/** What the search box holds: a whole number (found by its key), visible digits of a masked one, or a name's start. */
export function blacklistFilterOf(query: z.output<typeof BlacklistSearch>, siteId: string, nowIso: string): BlacklistFilter {
  const base: BlacklistFilter = {
    siteId,
    nowIso,
    limit: query.limit,
    ...(query.level !== undefined ? { level: query.level } : {}),
    ...(query.status !== undefined ? { status: query.status } : {}),
  };
  const q = query.q?.trim() ?? '';
  if (q === '') return base;
  const phone = normalizePhone(q);
  if (WHOLE_PHONE.test(phone)) return { ...base, hash: blacklistPhoneKey(phone) };
  const id = normalizeIdNumber(q);
  if (WHOLE_ID.test(id)) return { ...base, hash: blacklistIdNumberKey(id) };
  if (DIGITS.test(q.toUpperCase())) return { ...base, maskedPart: q.toUpperCase() };
  return { ...base, namePrefix: q };
}
