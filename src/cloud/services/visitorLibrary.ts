/**
 * The visitor library: one row per person a site has seen (by ID key, else phone key), written by walk-ins and booked
 * check-ins alike (kioskCommands.ts, walkIns.ts), so that the kiosks' last-visit look-up finds both. Where its rows are
 * looked up is given: the table, or a batch of kiosk commands' memory (commandReads.ts: one read for the batch).
 */
import type { Transaction, Updateable } from 'kysely';
import { blacklistIdNumberKey, blacklistPhoneKey } from '../../shared/blacklistKey';
import { normalizeIdNumber } from '../../shared/idNumber';
import { maskIdNumber, maskPhone } from '../../shared/mask';
import type { WalkInPerson } from '../../shared/walkIn';
import { newId } from '../../platform/secrets';
import type { CloudSchema, VisitorsTable } from '../db/schema';
import { findVisitorByPersonKey, insertVisitor, updateVisitor } from '../repositories/visitors';

type Trx = Transaction<CloudSchema>;

/** Where upsertVisitor finds library rows and writes them. */
export interface VisitorRows {
  byPersonKey(siteId: string, personKey: string): Promise<VisitorsTable | undefined>;
  /** a new row */
  insert(row: VisitorsTable): Promise<void>;
  /** `set` written over `existing` (its person key may change) */
  update(existing: VisitorsTable, set: Updateable<VisitorsTable>): Promise<void>;
}

/** The table itself. */
export function visitorTable(trx: Trx): VisitorRows {
  return {
    byPersonKey: (siteId, personKey) => findVisitorByPersonKey(trx, siteId, personKey),
    insert: (row) => insertVisitor(trx, row),
    update: (existing, set) => updateVisitor(trx, existing.id, set),
  };
}

/** A person as the visitor library takes one: a walk-in's person, or a booking's visitor (src/shared/domain.ts). */
export type LibraryPerson = Pick<WalkInPerson, 'name' | 'idType' | 'phone' | 'idNumber' | 'company' | 'title' | 'sex' | 'nation'>;

/** The person in the visitor library (by ID key, else phone key; a phone-only entry gains the ID); null when neither. */
export async function upsertVisitor(trx: Trx, siteId: string, person: LibraryPerson, nowIso: string, rows = visitorTable(trx)): Promise<string | null> {
  const idKey = person.idNumber !== undefined ? blacklistIdNumberKey(person.idNumber) : undefined;
  const phoneKey = person.phone !== undefined ? blacklistPhoneKey(person.phone) : undefined;
  if (idKey === undefined && phoneKey === undefined) return null;
  // a phone-keyed entry (no ID known then) becomes ID-keyed when the ID shows up, unless that ID has its own entry
  const existing =
    (idKey !== undefined ? await rows.byPersonKey(siteId, `id:${idKey}`) : undefined) ??
    (phoneKey !== undefined ? await rows.byPersonKey(siteId, `phone:${phoneKey}`) : undefined);
  const fields = {
    person_key: idKey !== undefined ? `id:${idKey}` : `phone:${phoneKey!}`,
    name: person.name,
    id_type: person.idNumber !== undefined ? person.idType : (existing?.id_type ?? null),
    ...(idKey !== undefined ? { id_key: idKey, id_number_masked: maskIdNumber(normalizeIdNumber(person.idNumber!)) } : {}),
    ...(phoneKey !== undefined ? { phone_key: phoneKey, phone_masked: maskPhone(person.phone!) } : {}),
    ...(person.company !== undefined ? { company: person.company } : {}),
    ...(person.title !== undefined ? { title: person.title } : {}),
    ...(person.sex !== undefined ? { sex: person.sex } : {}),
    ...(person.nation !== undefined ? { nation: person.nation } : {}),
    updated_at: nowIso,
  };
  if (existing) {
    await rows.update(existing, fields);
    return existing.id;
  }
  const row: VisitorsTable = {
    id: newId('vis'),
    site_id: siteId,
    id_key: null,
    phone_key: null,
    id_number_masked: null,
    phone_masked: null,
    company: null,
    title: null,
    sex: null,
    nation: null,
    created_at: nowIso,
    ...fields,
  };
  await rows.insert(row);
  return row.id;
}
