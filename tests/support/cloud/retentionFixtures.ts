/**
 * Rows of given ages for the retention and person-data tests (issue 14 §6): bookings, approvals, entries, kiosk
 * commands, visitor-library people with photos and audit entries, written straight into the cloud's tables (the
 * purge and the routes under test then work on them as on any history).
 */
import type { Kysely } from 'kysely';
import type { BookingsTable, CloudSchema } from '../../../src/cloud/db/schema';
import { blacklistIdNumberKey, blacklistPhoneKey } from '../../../src/shared/blacklistKey';
import { maskIdNumber, maskPhone } from '../../../src/shared/mask';

const DAY = 86_400_000;
export const daysBefore = (now: Date, days: number): string => new Date(now.getTime() - days * DAY).toISOString();

export async function insertKiosk(db: Kysely<CloudSchema>, id: string, siteId: string): Promise<void> {
  await db
    .insertInto('kiosks')
    .values({
      id,
      site_id: siteId,
      name: id,
      credential_hash: `h-${id}`,
      public_key: 'pk',
      key_id: `k-${id}`,
      enrolled_at: '2025-01-01T00:00:00.000Z',
      revoked: 0,
      revoked_at: null,
    })
    .execute();
}

export interface BookingSeed {
  id: string;
  siteId: string;
  hostId: string;
  status: string;
  windowEnd: string;
  visitor?: { name: string; phone: string; idNumber?: string };
  companions?: { name: string; phone?: string; idNumber?: string }[];
  visitorId?: string;
}

export async function insertBooking(db: Kysely<CloudSchema>, s: BookingSeed): Promise<void> {
  const row: BookingsTable = {
    id: s.id,
    code: s.id.slice(-8).toUpperCase().padStart(8, 'X'),
    site_id: s.siteId,
    host_id: s.hostId,
    source: 'self',
    status: s.status,
    visitor: JSON.stringify({ idType: 'resident_id', ...(s.visitor ?? { name: '路人', phone: '13700000001' }) }),
    companions: JSON.stringify(s.companions ?? []),
    group_size: 1 + (s.companions?.length ?? 0),
    reason: '商务',
    area: null,
    window_start: new Date(new Date(s.windowEnd).getTime() - 3600_000).toISOString(),
    window_end: s.windowEnd,
    decision_reason: null,
    arrived_at: null,
    arrived_visit_id: null,
    arrived_kiosk_id: null,
    left_at: null,
    expired_from: null,
    visit_type: null,
    remarks: null,
    belongings: null,
    main_booking_id: null,
    visitor_id: s.visitorId ?? null,
    approval_kind: null,
    temperature_c: null,
    temperature_override_reason: null,
    created_at: s.windowEnd,
    updated_at: s.windowEnd,
    change_seq: 0,
  };
  await db.insertInto('bookings').values(row).execute();
  await db
    .insertInto('approvals')
    .values({
      id: `ap-${s.id}`,
      booking_id: s.id,
      action: 'approve',
      from_status: 'pending',
      to_status: 'approved',
      reason: null,
      actor: 'admin',
      at: s.windowEnd,
    })
    .execute();
}

export async function insertPassage(db: Kysely<CloudSchema>, id: string, siteId: string, kioskId: string, bookingId: string | null, at: string): Promise<void> {
  await db
    .insertInto('passages')
    .values({ id, site_id: siteId, kiosk_id: kioskId, booking_id: bookingId, visit_id: `v-${id}`, pass_id: `p-${id}`, direction: 'entry', at, recorded_at: at })
    .execute();
}

export async function insertCommand(db: Kysely<CloudSchema>, id: string, kioskId: string, bookingId: string | null, at: string): Promise<void> {
  await db
    .insertInto('applied_commands')
    .values({
      id,
      kiosk_id: kioskId,
      kind: 'checkin',
      booking_id: bookingId,
      visit_id: null,
      status: 'applied',
      code: null,
      message: null,
      result: '{}',
      at,
      applied_at: at,
    })
    .execute();
}

/** A person of a site's visitor library, keyed by their ID number, with a photo stored at `photoAt` when given. */
export async function insertVisitor(
  db: Kysely<CloudSchema>,
  v: { id: string; siteId: string; name: string; phone: string; idNumber: string; updatedAt: string; photoAt?: string; kioskId: string },
): Promise<void> {
  const idKey = blacklistIdNumberKey(v.idNumber);
  await db
    .insertInto('visitors')
    .values({
      id: v.id,
      site_id: v.siteId,
      person_key: `id:${idKey}`,
      id_key: idKey,
      phone_key: blacklistPhoneKey(v.phone),
      name: v.name,
      id_type: 'resident_id',
      id_number_masked: maskIdNumber(v.idNumber),
      phone_masked: maskPhone(v.phone),
      company: null,
      title: null,
      sex: null,
      nation: null,
      created_at: v.updatedAt,
      updated_at: v.updatedAt,
    })
    .execute();
  if (v.photoAt === undefined) return;
  await db
    .insertInto('visitor_photos')
    .values({
      visitor_id: v.id,
      site_id: v.siteId,
      jpeg: Buffer.from([0xff, 0xd8, 0xff, 0xd9]),
      bytes: 4,
      width: 1,
      height: 1,
      source: 'walkin',
      consent_text_version: 'face-consent-upload-1',
      consent_decided_at: v.photoAt,
      kiosk_id: v.kioskId,
      command_id: `cmd-${v.id}`,
      taken_at: v.photoAt,
      stored_at: v.photoAt,
    })
    .execute();
}

export async function insertSiteAuditEntry(db: Kysely<CloudSchema>, id: string, siteId: string, at: string): Promise<void> {
  await db
    .insertInto('kiosk_audit')
    .values({ id, site_id: siteId, kiosk_id: null, source: 'cloud', at, action: 'policy.set', detail: '{}', recorded_at: at })
    .execute();
}

export async function insertAuditEntry(db: Kysely<CloudSchema>, id: string, at: string): Promise<void> {
  await db.insertInto('audit_log').values({ id, at, actor: 'admin', action: 'test', subject: '*', detail: '{}' }).execute();
}

/** The ids of a table's rows, sorted. */
export async function idsOf(
  db: Kysely<CloudSchema>,
  table: 'bookings' | 'approvals' | 'passages' | 'applied_commands' | 'visitors' | 'kiosk_audit' | 'audit_log',
): Promise<string[]> {
  return (await db.selectFrom(table).select('id').execute()).map((r) => r.id).sort();
}
