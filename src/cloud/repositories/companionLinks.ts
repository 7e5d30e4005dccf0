/** SQL on companion links (migration 0028). */
import type { CompanionLinksTable } from '../db/schema';
import type { Db } from './db';

export async function insertCompanionLink(db: Db, row: CompanionLinksTable): Promise<void> {
  await db.insertInto('companion_links').values(row).execute();
}

export async function findCompanionLinkByTokenHash(db: Db, tokenHash: string): Promise<CompanionLinksTable | undefined> {
  return db.selectFrom('companion_links').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

export async function findCompanionLink(db: Db, id: string): Promise<CompanionLinksTable | undefined> {
  return db.selectFrom('companion_links').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A booking's links, newest first (at most the site's companion limit can be open; the list is short). */
export async function listCompanionLinksOfBooking(db: Db, bookingId: string): Promise<CompanionLinksTable[]> {
  return db
    .selectFrom('companion_links')
    .selectAll()
    .where('booking_id', '=', bookingId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(200)
    .execute();
}

/** Whether a sub-bill was made by a companion through a link (转发同伴填写). */
export async function isCompanionLinkSubBill(db: Db, subBookingId: string): Promise<boolean> {
  return (await db.selectFrom('companion_links').select('id').where('sub_booking_id', '=', subBookingId).executeTakeFirst()) !== undefined;
}

/** Revokes a link still open at `at`; returns how many rows changed (0 or 1). */
export async function revokeOpenCompanionLink(db: Db, id: string, at: string): Promise<number> {
  const res = await db
    .updateTable('companion_links')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .where('used_at', 'is', null)
    .where('expires_at', '>', at)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** Marks a link used by a sub-bill, only while it is still open at `at`; returns how many rows changed (0 or 1). */
export async function useOpenCompanionLink(db: Db, id: string, subBookingId: string, at: string): Promise<number> {
  const res = await db
    .updateTable('companion_links')
    .set({ used_at: at, sub_booking_id: subBookingId })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .where('used_at', 'is', null)
    .where('expires_at', '>', at)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** The booking's links still open at `at`. */
export async function countOpenCompanionLinks(db: Db, bookingId: string, at: string): Promise<number> {
  const row = await db
    .selectFrom('companion_links')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('booking_id', '=', bookingId)
    .where('revoked_at', 'is', null)
    .where('used_at', 'is', null)
    .where('expires_at', '>', at)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Retention: the links of bookings about to be deleted go with them. */
export async function deleteCompanionLinksOf(db: Db, bookingIds: readonly string[]): Promise<void> {
  if (bookingIds.length === 0) return;
  await db.deleteFrom('companion_links').where('booking_id', 'in', bookingIds).execute();
  await db.updateTable('companion_links').set({ sub_booking_id: null }).where('sub_booking_id', 'in', bookingIds).execute();
}
