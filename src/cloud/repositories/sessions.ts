/** SQL on sessions: visitors' and hosts' sign-ins, found by the hash of their bearer. */
import type { SessionsTable } from '../db/schema';
import type { Db } from './db';

export async function insertSession(db: Db, row: SessionsTable): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

export async function findSessionByTokenHash(db: Db, tokenHash: string): Promise<SessionsTable | undefined> {
  return db.selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

export async function findSession(db: Db, id: string): Promise<SessionsTable | undefined> {
  return db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Revokes a live session by its bearer's hash; returns whether one was revoked. */
export async function revokeSessionByTokenHash(db: Db, tokenHash: string, at: string): Promise<boolean> {
  const res = await db.updateTable('sessions').set({ revoked_at: at }).where('token_hash', '=', tokenHash).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Revokes every live session of a host; returns how many. */
export async function revokeHostSessions(db: Db, hostId: string, at: string): Promise<number> {
  const res = await db.updateTable('sessions').set({ revoked_at: at }).where('host_id', '=', hostId).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** Deletes the sessions (visitors', hosts', staff's) that expired before an instant; returns how many. */
export async function purgeSessions(db: Db, expiredBy: string): Promise<number> {
  const res = await db.deleteFrom('sessions').where('expires_at', '<=', expiredBy).executeTakeFirst();
  return Number(res.numDeletedRows);
}
