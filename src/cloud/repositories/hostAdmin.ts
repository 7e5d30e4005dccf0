/** SQL of the administrators' host directory: the search and edits. */
import type { HostsTable } from '../db/schema';
import type { Db } from './db';
import { likePrefix } from './likePatterns';

/** LIKE's wildcards taken literally */

export interface HostFilter {
  siteId: string;
  namePrefix?: string;
  department?: string;
  /** a whole phone: equal */
  phone?: string;
  /** visible digits of a masked phone: its start or its end */
  phoneDigits?: string;
  limit: number;
}

export async function searchHosts(db: Db, f: HostFilter): Promise<HostsTable[]> {
  let q = db.selectFrom('hosts').selectAll().where('site_id', '=', f.siteId);
  if (f.namePrefix !== undefined) q = q.where('name', 'like', likePrefix(f.namePrefix));
  if (f.department !== undefined) q = q.where('department', '=', f.department);
  if (f.phone !== undefined) q = q.where('phone', '=', f.phone);
  const digits = f.phoneDigits;
  if (digits !== undefined) q = q.where((eb) => eb.or([eb('phone', 'like', `${digits}%`), eb('phone', 'like', `%${digits}`)]));
  return q.orderBy('name').orderBy('id').limit(f.limit).execute();
}

export async function updateHostRow(db: Db, id: string, fields: Partial<Omit<HostsTable, 'id' | 'site_id' | 'created_at'>>): Promise<void> {
  await db.updateTable('hosts').set(fields).where('id', '=', id).execute();
}

export async function getHostRow(db: Db, id: string): Promise<HostsTable | undefined> {
  return db.selectFrom('hosts').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A site's hosts in a department, by id (to renumber them when it is renamed). */
export async function listHostIdsOfDepartment(db: Db, siteId: string, department: string): Promise<string[]> {
  return (await db.selectFrom('hosts').select('id').where('site_id', '=', siteId).where('department', '=', department).orderBy('id').execute()).map(
    (r) => r.id,
  );
}
