/**
 * A site's departments for its administrators (issue 14 item 2): list, add, rename. Hosts name their department by
 * text; a rename renames it on the department's hosts too (each with a new change, so kiosks learn of it).
 */
import type { Kysely, Transaction } from 'kysely';
import type { Department } from '../../shared/peopleAdmin';
import { newId } from '../../platform/secrets';
import { nextChangeSeq } from '../db/changeSeq';
import type { CloudSchema, DepartmentsTable } from '../db/schema';
import { conflict, notFound } from '../errors';
import { listHostIdsOfDepartment, updateHostRow } from '../repositories/hostAdmin';
import type { Db } from '../repositories/db';
import { assertRowOfSite } from '../rowOfSite';

const toDepartment = (r: DepartmentsTable): Department => ({ id: r.id, siteId: r.site_id, name: r.name });

export async function listDepartments(db: Db, siteId: string): Promise<Department[]> {
  return (await db.selectFrom('departments').selectAll().where('site_id', '=', siteId).orderBy('name').orderBy('id').execute()).map(toDepartment);
}

async function findByName(db: Db, siteId: string, name: string): Promise<DepartmentsTable | undefined> {
  return db.selectFrom('departments').selectAll().where('site_id', '=', siteId).where('name', '=', name).executeTakeFirst();
}

/** Adds the departments of these names the site lacks. */
export async function ensureDepartments(db: Db, siteId: string, names: readonly string[]): Promise<void> {
  for (const name of names) {
    if ((await findByName(db, siteId, name)) === undefined)
      await db
        .insertInto('departments')
        .values({ id: newId('dept'), site_id: siteId, name })
        .execute();
  }
}

export async function addDepartment(db: Kysely<CloudSchema>, siteId: string, name: string): Promise<Department> {
  if ((await findByName(db, siteId, name)) !== undefined) throw conflict('department_exists', '此部门已存在 / this department exists');
  const row = { id: newId('dept'), site_id: siteId, name };
  await db.insertInto('departments').values(row).execute();
  return toDepartment(row);
}

/** `limit`: an administrator account's site (another site's department is 404, as absent). */
export async function renameDepartment(
  trx: Transaction<CloudSchema>,
  id: string,
  name: string,
  nowIso: string,
  limit: string | undefined,
): Promise<Department> {
  const found = await trx.selectFrom('departments').selectAll().where('id', '=', id).executeTakeFirst();
  const row = assertRowOfSite(
    found,
    (r) => r.site_id,
    limit,
    () => notFound('department_unknown', `no department ${id}`),
  );
  if (row.name === name) return toDepartment(row);
  if ((await findByName(trx, row.site_id, name)) !== undefined) throw conflict('department_exists', '此部门已存在 / this department exists');
  await trx.updateTable('departments').set({ name }).where('id', '=', id).execute();
  for (const hostId of await listHostIdsOfDepartment(trx, row.site_id, row.name)) {
    await updateHostRow(trx, hostId, { department: name, updated_at: nowIso, change_seq: await nextChangeSeq(trx) });
  }
  // reviewers name their departments by id (reviewer_departments, migration 0027): they keep it
  return toDepartment({ ...row, name });
}
