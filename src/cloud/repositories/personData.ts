/**
 * SQL of a person's data (issue 14 §6, PIPL): the rows that hold one person, found by the hashes of their numbers
 * (the visitor library's keys, the blacklist's hashes) and, for bookings that keep the visitor's numbers in their
 * JSON, by a text pre-filter on the number that the service confirms by hashing each candidate's numbers.
 */
import { sql } from 'kysely';
import type { BookingsTable } from '../db/schema';
import type { Db } from './db';
import { sha256Hex } from '../../platform/secrets';

export interface PersonKeys {
  idKey?: string;
  phoneKey?: string;
  siteId?: string;
}

export async function findVisitorsByKeys(db: Db, k: PersonKeys) {
  return db
    .selectFrom('visitors')
    .selectAll()
    .where((eb) => eb.or([...(k.idKey ? [eb('id_key', '=', k.idKey)] : []), ...(k.phoneKey ? [eb('phone_key', '=', k.phoneKey)] : [])]))
    .$if(k.siteId !== undefined, (q) => q.where('site_id', '=', k.siteId!))
    .execute();
}

export async function findPhotosOf(db: Db, visitorIds: readonly string[]) {
  if (visitorIds.length === 0) return [];
  return db.selectFrom('visitor_photos').selectAll().where('visitor_id', 'in', visitorIds).execute();
}

/**
 * Candidate bookings: those of these visitor-library people, and those whose visitor or companions text contains one of
 * the numbers (case-folded; numbers are letters and digits only, so no LIKE wildcard can hide in them).
 */
export async function findCandidateBookings(db: Db, visitorIds: readonly string[], numbers: readonly string[], siteId?: string): Promise<BookingsTable[]> {
  const patterns = numbers.map((n) => `%${n.toLowerCase()}%`);
  return db
    .selectFrom('bookings')
    .selectAll()
    .where((eb) =>
      eb.or([
        ...(visitorIds.length > 0 ? [eb('visitor_id', 'in', visitorIds)] : []),
        ...patterns.flatMap((p) => [eb(sql<string>`lower(visitor)`, 'like', p), eb(sql<string>`lower(companions)`, 'like', p)]),
      ]),
    )
    .$if(siteId !== undefined, (q) => q.where('site_id', '=', siteId!))
    .execute();
}

export async function findApprovalsOf(db: Db, bookingIds: readonly string[]) {
  if (bookingIds.length === 0) return [];
  return db.selectFrom('approvals').selectAll().where('booking_id', 'in', bookingIds).orderBy('at').execute();
}

export async function findPassagesOf(db: Db, bookingIds: readonly string[]) {
  if (bookingIds.length === 0) return [];
  return db.selectFrom('passages').selectAll().where('booking_id', 'in', bookingIds).orderBy('at').execute();
}

export async function findBlacklistByKeys(db: Db, k: PersonKeys) {
  return db
    .selectFrom('blacklist')
    .selectAll()
    .where((eb) => eb.or([...(k.idKey ? [eb('id_number_hash', '=', k.idKey)] : []), ...(k.phoneKey ? [eb('phone_hash', '=', k.phoneKey)] : [])]))
    .$if(k.siteId !== undefined, (q) => q.where('site_id', '=', k.siteId!))
    .execute();
}

export async function countCommandsOf(db: Db, bookingIds: readonly string[]): Promise<number> {
  if (bookingIds.length === 0) return 0;
  const row = await db
    .selectFrom('applied_commands')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('booking_id', 'in', bookingIds)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** A booking's companions rewritten, with a new change_seq (its kiosks pull it again, without the people erased). */
export async function setCompanions(db: Db, bookingId: string, companions: string, groupSize: number, at: string, changeSeq: number): Promise<void> {
  await db.updateTable('bookings').set({ companions, group_size: groupSize, updated_at: at, change_seq: changeSeq }).where('id', '=', bookingId).execute();
}

export async function deleteBlacklistEntries(db: Db, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  return Number((await db.deleteFrom('blacklist').where('id', 'in', ids).executeTakeFirst()).numDeletedRows);
}

/** Rate-limit counters kept on the hash of the person's phone (anonymous bookings per phone). */
export async function deleteRateLimitsOf(db: Db, phoneKey: string): Promise<void> {
  await db.deleteFrom('rate_limits').where('key', 'like', `%:${phoneKey}`).execute();
}

/** The person's messages: those about their bookings, and any still to be sent to their phone (raw or as typed). */
export async function deleteMessagesOf(db: Db, bookingIds: readonly string[], phones: readonly string[]): Promise<number> {
  let deleted = 0;
  if (bookingIds.length > 0)
    deleted += Number((await db.deleteFrom('notification_outbox').where('booking_id', 'in', bookingIds).executeTakeFirst()).numDeletedRows);
  if (phones.length > 0)
    deleted += Number((await db.deleteFrom('notification_outbox').where('recipient_phone', 'in', phones).executeTakeFirst()).numDeletedRows);
  return deleted;
}

/** The person's sign-in traces by phone: sessions, one-time codes and privacy-notice acceptances. */
export async function deleteSignInTracesOf(db: Db, phone: string): Promise<void> {
  await db.deleteFrom('sessions').where('phone', '=', phone).execute();
  await db.deleteFrom('sign_in_codes').where('phone_hash', '=', sha256Hex(phone)).execute();
  await db.deleteFrom('privacy_acceptances').where('phone_hash', '=', sha256Hex(phone)).execute();
}
