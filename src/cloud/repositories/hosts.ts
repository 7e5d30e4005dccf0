/** SQL on hosts. */
import { sql } from 'kysely';
import type { HostsTable } from '../db/schema';
import type { Db } from './db';
import { prepared } from '../db/preparedStatements';

export async function findHostIdBySitePhone(db: Db, siteId: string, phone: string): Promise<string | undefined> {
  return (await db.selectFrom('hosts').select('id').where('site_id', '=', siteId).where('phone', '=', phone).executeTakeFirst())?.id;
}

export async function findHostId(db: Db, hostId: string): Promise<string | undefined> {
  return (await db.selectFrom('hosts').select('id').where('id', '=', hostId).executeTakeFirst())?.id;
}

/** A host's id and site (a row check: assertRowOfSite). */
export async function findHostSite(db: Db, hostId: string): Promise<{ id: string; site_id: string } | undefined> {
  return db.selectFrom('hosts').select(['id', 'site_id']).where('id', '=', hostId).executeTakeFirst();
}

export async function insertHost(db: Db, row: HostsTable): Promise<void> {
  await db.insertInto('hosts').values(row).execute();
}

export async function listHosts(db: Db): Promise<HostsTable[]> {
  return db.selectFrom('hosts').selectAll().orderBy('created_at').orderBy('id').execute();
}

/** A host's name; undefined when there is no such host. */
export async function findHostName(db: Db, hostId: string): Promise<string | undefined> {
  return (await db.selectFrom('hosts').select('name').where('id', '=', hostId).executeTakeFirst())?.name;
}

/** A host's name; Kysely's NoResultError when there is no such host. */
export async function getHostName(db: Db, hostId: string): Promise<string> {
  return (await db.selectFrom('hosts').select('name').where('id', '=', hostId).executeTakeFirstOrThrow()).name;
}

/** The first host (by creation) matching every criterion given. */
export async function findFirstHost(
  db: Db,
  by: { hostId?: string | undefined; hostPhone?: string | undefined; siteId?: string | undefined },
): Promise<HostsTable | undefined> {
  let q = db.selectFrom('hosts').selectAll();
  if (by.siteId !== undefined) q = q.where('site_id', '=', by.siteId);
  if (by.hostId !== undefined) q = q.where('id', '=', by.hostId);
  if (by.hostPhone !== undefined) q = q.where('phone', '=', by.hostPhone);
  return q.orderBy('created_at').executeTakeFirst();
}

/** A site's hosts changed after a change_seq, in change order, at most `limit`. */
export async function listHostChanges(db: Db, siteId: string, after: number, limit: number): Promise<HostsTable[]> {
  return db.selectFrom('hosts').selectAll().where('site_id', '=', siteId).where('change_seq', '>', after).orderBy('change_seq').limit(limit).execute();
}

export async function listHostsByIds(db: Db, ids: string[]): Promise<HostsTable[]> {
  return db.selectFrom('hosts').selectAll().where('id', 'in', ids).execute();
}

/** A host of a site by id. */
const selectHostOfSite = prepared((db: Db, hostId: string, siteId: string) =>
  db.selectFrom('hosts').selectAll().where('id', '=', hostId).where('site_id', '=', siteId),
);

export async function findHostOfSite(db: Db, hostId: string, siteId: string): Promise<HostsTable | undefined> {
  return (await selectHostOfSite(db, hostId, siteId)).rows[0];
}

/** A site's hosts with this (normalised) phone. */
export async function listHostsOfSiteByPhone(db: Db, siteId: string, phone: string): Promise<HostsTable[]> {
  return db.selectFrom('hosts').selectAll().where('site_id', '=', siteId).where('phone', '=', phone).execute();
}

/** A site's hosts whose name contains the text (case-insensitive; LIKE wildcards in it are literal), by name. */
export async function searchHostsOfSiteByName(db: Db, siteId: string, text: string, limit: number): Promise<HostsTable[]> {
  const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return db
    .selectFrom('hosts')
    .selectAll()
    .where('site_id', '=', siteId)
    .where((eb) => eb(eb.fn('lower', ['name']), 'like', sql<string>`${pattern} escape '\\'`))
    .orderBy('name')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** A site's hosts who may receive visitors whose name begins with the text (case-insensitive; wildcards literal), by name. */
export async function searchVisitableHostsByNamePrefix(db: Db, siteId: string, prefix: string, limit: number): Promise<HostsTable[]> {
  const pattern = `${prefix.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return db
    .selectFrom('hosts')
    .selectAll()
    .where('site_id', '=', siteId)
    .where('can_receive_visitors', '!=', 0)
    .where('disabled', '=', 0)
    .where((eb) => eb(eb.fn('lower', ['name']), 'like', sql<string>`${pattern} escape '\\'`))
    .orderBy('name')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Marks a host disabled (no sign-in, no visitors; their tokens and sessions are ended beside this): a change kiosks pull. */
export async function markHostDisabled(db: Db, hostId: string, at: string, changeSeq: number): Promise<void> {
  await db.updateTable('hosts').set({ disabled: 1, updated_at: at, change_seq: changeSeq }).where('id', '=', hostId).execute();
}
