/**
 * The rules every application, edit and approval of a booking passes (issue 13 item 1): valid resident ID numbers,
 * a group size that counts everyone, a visit window inside the site's limits, and nobody on the site's blacklist at a
 * refusing level (the lead visitor and every companion; checked at application and again at approval).
 */
import type { z } from 'zod';
import type { BookingEdit } from '../../shared/api';
import { blacklistKeysOf } from '../../shared/blacklistKey';
import type { Companion, VisitorIdentity } from '../../shared/domain';
import { checkIdNumber } from '../../shared/idNumber';
import { maskName } from '../../shared/mask';
import { badRequest } from '../errors';
import type { BlacklistTable } from '../db/schema';
import { listActiveBlacklistMatches } from '../repositories/blacklist';
import type { Db } from '../repositories/db';
import { BlacklistRefusal, recordBlacklistHits, type BlacklistCheck } from './blacklistHits';
import type { BookingLimits } from './sites';
import { checkSelfDrive } from './bookingDetails';

/** A site's active entries, not expired at `nowIso`, matching one of these ID or phone keys (the table, or a batch's memory). */
export type BlacklistMatches = (siteId: string, idHashes: readonly string[], phoneHashes: readonly string[], nowIso: string) => Promise<BlacklistTable[]>;

/** What an application and an edit both carry: the people and the window. */
export type BookingPeopleAndWindow = z.output<typeof BookingEdit>;

export const ID_PROBLEM_TEXT = {
  format: '身份证号格式不正确 / ID number has the wrong format',
  birth_date: '身份证号出生日期无效 / ID number has an invalid birth date',
  check_digit: '身份证号校验位错误 / ID number check digit is wrong',
} as const;

function checkResidentIds(input: BookingPeopleAndWindow): void {
  const people: { who: string; idType: string | undefined; idNumber: string | undefined }[] = [
    { who: 'visitor', idType: input.visitor.idType, idNumber: input.visitor.idNumber },
    ...input.companions.map((c, i) => ({ who: `companions[${i}]`, idType: c.idType ?? 'resident_id', idNumber: c.idNumber })),
  ];
  for (const p of people) {
    if (p.idType !== 'resident_id' || p.idNumber === undefined) continue;
    const problem = checkIdNumber(p.idNumber);
    if (problem !== null) throw badRequest('id_number_invalid', ID_PROBLEM_TEXT[problem], { who: p.who, problem });
  }
}

const DAY_MS = 24 * 3600_000;

/** A visit window must not have ended, nor last longer or start further ahead than the site allows. */
export function checkWindow(input: Pick<BookingPeopleAndWindow, 'windowStart' | 'windowEnd'>, now: Date, limits: BookingLimits): void {
  const start = Date.parse(input.windowStart);
  const end = Date.parse(input.windowEnd);
  if (end <= now.getTime()) throw badRequest('window_in_past', '来访时段已结束 / the visit window has already ended');
  if (end - start > limits.maxWindowDays * DAY_MS) {
    throw badRequest('window_too_long', `来访时段过长 / a visit window may last at most ${limits.maxWindowDays} days`, { maxWindowDays: limits.maxWindowDays });
  }
  if (start - now.getTime() > limits.maxLeadDays * DAY_MS) {
    throw badRequest('window_too_far_ahead', `预约过早 / a visit may be booked at most ${limits.maxLeadDays} days ahead`, { maxLeadDays: limits.maxLeadDays });
  }
}

/** What every booking must pass before its host is looked up; returns the group size. */
export function checkBookingInput(input: BookingPeopleAndWindow): number {
  checkResidentIds(input);
  checkSelfDrive(input);
  const groupSize = input.groupSize ?? input.companions.length + 1;
  if (groupSize < input.companions.length + 1) {
    throw badRequest('group_size_too_small', 'groupSize counts the visitor and every companion');
  }
  return groupSize;
}

export interface BlacklistedPerson {
  /** 'visitor' or companions[i] */
  who: string;
  nameMasked: string;
  level: 'warn' | 'refuse';
  /** the entry's reason: for staff and the desk only, never in a reply to an applicant */
  reason: string;
  entryId: string;
}

/** Who of a booking's people (the lead visitor and every companion) is on the site's active, unexpired blacklist, masked. */
export async function blacklistedPeople(
  db: Db,
  siteId: string,
  people: { visitor: VisitorIdentity; companions: readonly Companion[] },
  now: Date,
  matches: BlacklistMatches = (...args) => listActiveBlacklistMatches(db, ...args),
): Promise<BlacklistedPerson[]> {
  const keyed = [
    { who: 'visitor', name: people.visitor.name, keys: blacklistKeysOf(people.visitor) },
    ...people.companions.map((c, i) => ({ who: `companions[${i}]`, name: c.name, keys: blacklistKeysOf(c) })),
  ];
  const entries = await matches(
    siteId,
    keyed.flatMap((k) => (k.keys.idNumberHash !== undefined ? [k.keys.idNumberHash] : [])),
    keyed.flatMap((k) => (k.keys.phoneHash !== undefined ? [k.keys.phoneHash] : [])),
    now.toISOString(),
  );
  return keyed.flatMap((k) =>
    entries
      .filter((e) => (e.id_number_hash !== null && e.id_number_hash === k.keys.idNumberHash) || (e.phone_hash !== null && e.phone_hash === k.keys.phoneHash))
      .map((e) => ({
        who: k.who,
        nameMasked: maskName(k.name),
        // a level this build does not know refuses
        level: e.level === 'warn' ? ('warn' as const) : ('refuse' as const),
        reason: e.reason,
        entryId: e.id,
      })),
  );
}

/** The refusal of a booking naming someone the site's blacklist refuses (masked names; the entries' reasons stay with the desk). */
export function refusedAsBlacklisted(hits: readonly BlacklistedPerson[], check: BlacklistCheck): BlacklistRefusal | null {
  const refusing = hits.filter((h) => h.level === 'refuse');
  if (refusing.length === 0) return null;
  const names = refusing.map((h) => `${h.who} (${h.nameMasked})`).join(', ');
  // who, masked, for the applicant's form to name them (details.refused); never the entries' reasons
  const refused = refusing.map((h) => ({ who: h.who, nameMasked: h.nameMasked }));
  return new BlacklistRefusal(`访客在黑名单上，不能预约 / on this site’s blacklist, the booking cannot go ahead: ${names}`, check, hits, { refused });
}

/**
 * The blacklist at application and approval: a refuse hit throws BlacklistRefusal (its hits recorded after the
 * rollback: wrap the transaction in recordingRefusedHits); warn hits let the booking through, recorded as warned.
 */
export async function enforceBlacklist(trx: Db, check: BlacklistCheck, hits: readonly BlacklistedPerson[]): Promise<void> {
  const refusal = refusedAsBlacklisted(hits, check);
  if (refusal) throw refusal;
  await recordBlacklistHits(trx, check, hits, 'warned');
}
