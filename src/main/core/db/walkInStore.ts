/**
 * Walk-in and booked visits (issue 9): a visit with who it was for — ID number key and phone key (SHA-256, never the numbers),
 * masked ID, company, title, host, reason, type, area, plate and its main bill — and the last visit of a person by
 * either key (one seek on a partial index, migration 0010). Hosts searched by phone or name.
 */
import { Host } from '../../../shared/domain';
import { BlacklistEntry } from '../../../shared/sync';
import type { KioskDb } from './openDb';
import { insertVisit, type StoredVisit } from './visitsStore';

export interface WalkInVisitFields {
  idKey?: string;
  phoneKey?: string;
  idMasked?: string;
  company?: string;
  title?: string;
  hostId: string;
  reason: string;
  visitType?: string;
  area?: string;
  plate?: string;
  /** a companion's visit: the main bill it follows */
  mainBookingId?: string;
}

/** Records a walk-in visit (the visit and its pass as every visit, plus what a walk-in says of the person). */
export function insertWalkInVisit(db: KioskDb, stored: StoredVisit, fields: WalkInVisitFields): void {
  insertVisit(db, stored);
  recordVisitPerson(db, stored.visit.id, fields, { walkIn: true });
}

/** Marks a visit (checked in once its host approved) as a walk-in's, with what the walk-in said of the person. */
export function markWalkInVisit(db: KioskDb, visitId: string, fields: WalkInVisitFields): void {
  recordVisitPerson(db, visitId, fields, { walkIn: true });
}

/**
 * What a visit says of its person, for "访客最后来访" (walk-ins and booked check-ins alike): the ID number and phone
 * keys (SHA-256, never the numbers), the masked ID and the fields a later registration may reuse.
 */
export function recordVisitPerson(db: KioskDb, visitId: string, fields: WalkInVisitFields, opts: { walkIn: boolean }): void {
  db.prepare(
    `UPDATE visits SET walk_in = @walkIn, id_key = @idKey, phone_key = @phoneKey, id_masked = @idMasked, company = @company, title = @title,
       host_id = @hostId, reason = @reason, visit_type = @visitType, area = @area, plate = @plate, main_booking_id = @mainBookingId
     WHERE id = @id`,
  ).run({
    id: visitId,
    walkIn: opts.walkIn ? 1 : 0,
    idKey: fields.idKey ?? null,
    phoneKey: fields.phoneKey ?? null,
    idMasked: fields.idMasked ?? null,
    company: fields.company ?? null,
    title: fields.title ?? null,
    hostId: fields.hostId,
    reason: fields.reason,
    visitType: fields.visitType ?? null,
    area: fields.area ?? null,
    plate: fields.plate ?? null,
    mainBookingId: fields.mainBookingId ?? null,
  });
}

export interface LastVisitRow {
  id: string;
  bookingId?: string;
  visitorName: string;
  visitorPhoneMasked: string;
  hostName: string;
  checkedInAt: string;
  idMasked?: string;
  company?: string;
  title?: string;
  hostId?: string;
  reason?: string;
  visitType?: string;
  area?: string;
  plate?: string;
}

interface Row {
  id: string;
  booking_id: string | null;
  visitor_name: string;
  visitor_phone_masked: string;
  host_name: string;
  checked_in_at: string;
  id_masked: string | null;
  company: string | null;
  title: string | null;
  host_id: string | null;
  reason: string | null;
  visit_type: string | null;
  area: string | null;
  plate: string | null;
}

const COLUMNS = `id, booking_id, visitor_name, visitor_phone_masked, host_name, checked_in_at, id_masked, company, title, host_id, reason,
  visit_type, area, plate`;

function toLastVisit(row: Row): LastVisitRow {
  const out: LastVisitRow = {
    id: row.id,
    visitorName: row.visitor_name,
    visitorPhoneMasked: row.visitor_phone_masked,
    hostName: row.host_name,
    checkedInAt: row.checked_in_at,
  };
  const optional = {
    bookingId: row.booking_id,
    idMasked: row.id_masked,
    company: row.company,
    title: row.title,
    hostId: row.host_id,
    reason: row.reason,
    visitType: row.visit_type,
    area: row.area,
    plate: row.plate,
  };
  for (const [k, v] of Object.entries(optional)) if (v !== null) (out as unknown as Record<string, string>)[k] = v;
  return out;
}

/** The newest visit of the person with this ID number key (one index seek). */
export function lastVisitByIdKey(db: KioskDb, idKey: string): LastVisitRow | undefined {
  const row = db.prepare(`SELECT ${COLUMNS} FROM visits WHERE id_key = ? ORDER BY checked_in_at DESC LIMIT 1`).get(idKey) as Row | undefined;
  return row ? toLastVisit(row) : undefined;
}

/** The newest visit of the person with this phone key (one index seek). */
export function lastVisitByPhoneKey(db: KioskDb, phoneKey: string): LastVisitRow | undefined {
  const row = db.prepare(`SELECT ${COLUMNS} FROM visits WHERE phone_key = ? ORDER BY checked_in_at DESC LIMIT 1`).get(phoneKey) as Row | undefined;
  return row ? toLastVisit(row) : undefined;
}

/** The ID number key of a visit (to check that a phone is reused by the person it belongs to). */
export function visitPersonKeys(db: KioskDb, visitId: string): { idKey?: string; phoneKey?: string; bookingId?: string } | undefined {
  const row = db.prepare('SELECT id_key, phone_key, booking_id FROM visits WHERE id = ?').get(visitId) as
    { id_key: string | null; phone_key: string | null; booking_id: string | null } | undefined;
  if (!row) return undefined;
  return {
    ...(row.id_key !== null ? { idKey: row.id_key } : {}),
    ...(row.phone_key !== null ? { phoneKey: row.phone_key } : {}),
    ...(row.booking_id !== null ? { bookingId: row.booking_id } : {}),
  };
}

/** Hosts with this (normalised) phone. */
export function hostsByPhone(db: KioskDb, phone: string): Host[] {
  const rows = db.prepare('SELECT json FROM hosts WHERE phone = ?').all(phone) as { json: string }[];
  return rows.map((r) => Host.parse(JSON.parse(r.json)));
}

/**
 * Hosts who may receive visitors and whose name contains `text` (a host list is small: a scan of its name column),
 * at most `limit`.
 */
export function receivingHostsByName(db: KioskDb, text: string, limit = 20): Host[] {
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = db
    .prepare(`SELECT json FROM hosts WHERE name LIKE ? ESCAPE '\\' AND json_extract(json, '$.canReceiveVisitors') = 1 ORDER BY name LIMIT ?`)
    .all(pattern, limit) as { json: string }[];
  return rows.map((r) => Host.parse(JSON.parse(r.json)));
}

/** Every active blacklist entry matching either key (a person may be on it twice, at different levels). */
export function activeBlacklistEntriesFor(db: KioskDb, keys: { idNumberHash?: string; phoneHash?: string }): BlacklistEntry[] {
  const rows = db
    .prepare(
      `SELECT json FROM blacklist WHERE active = 1 AND ((@idHash IS NOT NULL AND id_number_hash = @idHash) OR (@phoneHash IS NOT NULL AND phone_hash = @phoneHash))`,
    )
    .all({ idHash: keys.idNumberHash ?? null, phoneHash: keys.phoneHash ?? null }) as { json: string }[];
  return rows.map((r) => BlacklistEntry.parse(JSON.parse(r.json)));
}

/** The kind and payload of the outbox command with this id, if any. */
export function outboxCommandPayload(db: KioskDb, id: string): { kind: string; payload: unknown } | undefined {
  const row = db.prepare('SELECT kind, payload FROM outbox WHERE id = ?').get(id) as { kind: string; payload: string } | undefined;
  return row ? { kind: row.kind, payload: JSON.parse(row.payload) as unknown } : undefined;
}

/** Where an outbox command stands (pending until the cloud answered) and the cloud's code when it did not apply it. */
export function outboxCommandOutcome(db: KioskDb, id: string): { state: 'pending' | 'sent' | 'conflict' | 'rejected'; code?: string } | undefined {
  const row = db.prepare('SELECT state, result, error_code FROM outbox WHERE id = ?').get(id) as
    { state: 'pending' | 'sent' | 'conflict' | 'rejected'; result: string | null; error_code: string | null } | undefined;
  if (!row) return undefined;
  const result = row.result !== null ? (JSON.parse(row.result) as { code?: unknown }) : undefined;
  const code = typeof result?.code === 'string' ? result.code : (row.error_code ?? undefined);
  return { state: row.state, ...(code !== undefined ? { code } : {}) };
}
