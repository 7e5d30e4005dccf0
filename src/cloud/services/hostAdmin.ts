/** The host directory for site administrators (issue 14 item 2): masked views, the search's filter, an edit. */
import type { Transaction } from 'kysely';
import type { z } from 'zod';
import { maskPhone } from '../../shared/mask';
import { normalizePhone } from '../../shared/phone';
import type { HostAdminView, HostSearch, HostUpdate } from '../../shared/peopleAdmin';
import { nextChangeSeq } from '../db/changeSeq';
import type { CloudSchema, HostsTable } from '../db/schema';
import { conflict, notFound } from '../errors';
import { findHostIdBySitePhone } from '../repositories/hosts';
import { getHostRow, updateHostRow, type HostFilter } from '../repositories/hostAdmin';
import { HOST_NOT_FOUND_MESSAGE } from './hosts';
import { assertRowOfSite } from '../rowOfSite';
import { ensureDepartments } from './departmentAdmin';

export function toHostAdminView(row: HostsTable): HostAdminView {
  return {
    id: row.id,
    siteId: row.site_id,
    name: row.name,
    phoneMasked: maskPhone(row.phone),
    department: row.department,
    ...(row.office !== null ? { office: row.office } : {}),
    canReceiveVisitors: row.can_receive_visitors !== 0,
    updatedAt: row.updated_at,
  };
}

const WHOLE_PHONE = /^(1[3-9]\d{9}|\+\d{6,15})$/;

export function hostFilterOf(query: z.output<typeof HostSearch>, siteId: string): HostFilter {
  const phone = query.phone !== undefined ? normalizePhone(query.phone) : undefined;
  return {
    siteId,
    limit: query.limit,
    ...(query.name ? { namePrefix: query.name } : {}),
    ...(query.department ? { department: query.department } : {}),
    ...(phone !== undefined ? (WHOLE_PHONE.test(phone) ? { phone } : { phoneDigits: phone }) : {}),
  };
}

/** An edit of a host (`limit`: an administrator account's site, another site's host is 404): what is given changes, with a new change so kiosks learn of it; a phone taken at the site is 409. */
export async function updateHost(
  trx: Transaction<CloudSchema>,
  id: string,
  edit: z.output<typeof HostUpdate>,
  nowIso: string,
  limit: string | undefined,
): Promise<HostsTable> {
  const row = assertRowOfSite(
    await getHostRow(trx, id),
    (r) => r.site_id,
    limit,
    () => notFound('host_not_found', HOST_NOT_FOUND_MESSAGE),
  );
  if (edit.phone !== undefined && edit.phone !== row.phone) {
    const owner = await findHostIdBySitePhone(trx, row.site_id, edit.phone);
    if (owner !== undefined && owner !== id) throw conflict('host_phone_taken', 'a host with this phone number exists at this site');
  }
  if (edit.department) await ensureDepartments(trx, row.site_id, [edit.department]);
  const fields = {
    ...(edit.name !== undefined ? { name: edit.name } : {}),
    ...(edit.phone !== undefined ? { phone: edit.phone } : {}),
    ...(edit.department !== undefined ? { department: edit.department } : {}),
    ...(edit.office !== undefined ? { office: edit.office } : {}),
    ...(edit.canReceiveVisitors !== undefined ? { can_receive_visitors: edit.canReceiveVisitors ? 1 : 0 } : {}),
    updated_at: nowIso,
    change_seq: await nextChangeSeq(trx),
  };
  await updateHostRow(trx, id, fields);
  return { ...row, ...fields };
}
