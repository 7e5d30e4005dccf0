/**
 * A site's departments (migration 0022; issue 13 item 1, seed 002): an official visit names a department instead of a
 * host, and goes to the department's hosts (hosts whose department is its name, who may receive visitors): the first
 * of them by name decides, the others are copied (抄送). Minimal on purpose: id, site, name; the admin screen reuses it.
 */
import type { Department } from '../../shared/siteLists';
import type { DepartmentsTable, HostsTable } from '../db/schema';
import { conflict, notFound } from '../errors';
import { newId } from '../../platform/secrets';
import type { Db } from '../repositories/db';

export const toDepartment = (row: DepartmentsTable): Department => ({ id: row.id, siteId: row.site_id, name: row.name });

export async function listDepartments(db: Db, siteId: string): Promise<Department[]> {
  const rows = await db.selectFrom('departments').selectAll().where('site_id', '=', siteId).orderBy('name').orderBy('id').execute();
  return rows.map(toDepartment);
}

/** Adds a department (a name a site has once: 409 department_exists). */
export async function addDepartment(db: Db, siteId: string, name: string): Promise<Department> {
  const taken = await db.selectFrom('departments').select('id').where('site_id', '=', siteId).where('name', '=', name).executeTakeFirst();
  if (taken) throw conflict('department_exists', `部门已存在 / the site already has a department ${name}`);
  const row = { id: newId('dep'), site_id: siteId, name };
  await db.insertInto('departments').values(row).execute();
  return toDepartment(row);
}

const DEPARTMENT_UNKNOWN = '无此部门 / no such department';

/** A department of the site (a department of another site, or none: 400 department_unknown). */
export async function findDepartmentOfSite(db: Db, id: string, siteId: string | undefined): Promise<DepartmentsTable> {
  let q = db.selectFrom('departments').selectAll().where('id', '=', id);
  if (siteId !== undefined) q = q.where('site_id', '=', siteId);
  const row = await q.executeTakeFirst();
  if (!row) throw notFound('department_unknown', DEPARTMENT_UNKNOWN);
  return row;
}

/** The hosts an official visit to the department goes to (who may receive visitors), the deciding one first. */
export async function hostsOfDepartment(db: Db, dept: DepartmentsTable): Promise<HostsTable[]> {
  const hosts = await db
    .selectFrom('hosts')
    .selectAll()
    .where('site_id', '=', dept.site_id)
    .where('department', '=', dept.name)
    .where('can_receive_visitors', '<>', 0)
    .where('disabled', '=', 0)
    .orderBy('name')
    .orderBy('id')
    .execute();
  if (hosts.length === 0) throw notFound('department_has_no_host', '该部门暂无受访人 / the department has no host who receives visitors');
  return hosts;
}
