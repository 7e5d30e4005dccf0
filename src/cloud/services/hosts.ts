/** Hosts (受访人): records, lookup for visitors (only hosts with visit permission are found), tokens. */
import type { Kysely, Transaction } from 'kysely';
import type { Host } from '../../shared/domain';
import { HOST_DIRECTORY_LIMIT, type HostDirectory } from '../../shared/hostDesk';
import type { CloudSchema, HostsTable } from '../db/schema';
import { notFound } from '../errors';
import { findFirstHost, findHostSite, searchVisitableHostsByNamePrefix } from '../repositories/hosts';
import { assertRowOfSite } from '../rowOfSite';

export function toHost(row: HostsTable): Host {
  return {
    id: row.id,
    siteId: row.site_id,
    name: row.name,
    phone: row.phone,
    department: row.department,
    ...(row.office !== null ? { office: row.office } : {}),
    // a disabled host receives nobody (issue 14): kiosks take them as such at their next pull
    canReceiveVisitors: row.can_receive_visitors !== 0 && row.disabled !== 1,
    updatedAt: row.updated_at,
  };
}

export const HOST_NOT_FOUND_MESSAGE = '无此受访人 / no such host';

/** A host a visitor may book: exists, has visit permission and is not disabled; undefined otherwise. */
export async function lookupVisitableHost(
  db: Kysely<CloudSchema> | Transaction<CloudSchema>,
  by: { hostId?: string | undefined; hostPhone?: string | undefined; siteId?: string | undefined },
): Promise<HostsTable | undefined> {
  const row = await findFirstHost(db, by);
  return row && row.can_receive_visitors !== 0 && row.disabled === 0 ? row : undefined;
}

/** A host a visitor may book, for a signed-in caller. Otherwise 404 host_not_found (无此受访人). */
export async function findVisitableHost(
  db: Kysely<CloudSchema> | Transaction<CloudSchema>,
  by: { hostId?: string | undefined; hostPhone?: string | undefined; siteId?: string | undefined },
): Promise<HostsTable> {
  const row = await lookupVisitableHost(db, by);
  if (!row) throw notFound('host_not_found', HOST_NOT_FOUND_MESSAGE);
  return row;
}

/**
 * The public host directory of a site (the apply form's picker): hosts who may receive visitors whose name begins
 * with the text, at most 10, each a name, a department and the id a booking's hostId takes; never a phone.
 */
export async function searchHostDirectory(db: Kysely<CloudSchema>, siteId: string, prefix: string): Promise<HostDirectory> {
  const rows = await searchVisitableHostsByNamePrefix(db, siteId, prefix, HOST_DIRECTORY_LIMIT);
  return { hosts: rows.map((r) => ({ id: r.id, name: r.name, department: r.department })) };
}

/** The host a route names by id, if the caller may see it (`limit`: an administrator account's site): else 404 host_not_found. */
export async function hostOfSite(db: Kysely<CloudSchema>, hostId: string, limit: string | undefined, message = HOST_NOT_FOUND_MESSAGE): Promise<string> {
  const row = assertRowOfSite(
    await findHostSite(db, hostId),
    (r) => r.site_id,
    limit,
    () => notFound('host_not_found', message),
  );
  return row.id;
}
