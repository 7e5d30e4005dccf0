/** SQL on invitations (migration 0017). */
import type { InvitationsTable } from '../db/schema';
import type { Db } from './db';

export async function insertInvitation(db: Db, row: InvitationsTable): Promise<void> {
  await db.insertInto('invitations').values(row).execute();
}

export async function findInvitationByTokenHash(db: Db, tokenHash: string): Promise<InvitationsTable | undefined> {
  return db.selectFrom('invitations').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

/** The invitation a booking was made with (an invited visitor's booking), if it was. */
export async function findInvitationOfBooking(db: Db, bookingId: string): Promise<InvitationsTable | undefined> {
  return db.selectFrom('invitations').selectAll().where('booking_id', '=', bookingId).executeTakeFirst();
}

export async function findInvitation(db: Db, id: string): Promise<InvitationsTable | undefined> {
  return db.selectFrom('invitations').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A host's invitations, newest first. */
export async function listInvitationsOfHost(db: Db, hostId: string, limit: number): Promise<InvitationsTable[]> {
  return db.selectFrom('invitations').selectAll().where('host_id', '=', hostId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

/** Revokes an invitation still open (not used, not revoked); returns how many rows changed (0 or 1). */
export async function revokeOpenInvitation(db: Db, id: string, at: string): Promise<number> {
  const res = await db
    .updateTable('invitations')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** Marks an invitation used by a booking, only while it is still open at `at`; returns how many rows changed (0 or 1). */
export async function useOpenInvitation(db: Db, id: string, bookingId: string, at: string): Promise<number> {
  const res = await db
    .updateTable('invitations')
    .set({ used_at: at, booking_id: bookingId })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .where('used_at', 'is', null)
    .where('expires_at', '>', at)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}
