/**
 * A site's records for the record list tests: hosts of two departments, two kiosks, visits with every source and
 * status, areas, temperatures, a photo, and entries that share the same instant (ties the keyset must break by id),
 * a few bookings no one arrived on, and another site's visit. Written through the bookings repository (which derives
 * the search columns), so the expectations can be computed from `seeds` in memory.
 */
import { insertBookingRow } from '../../../src/cloud/repositories/bookings';
import type { BookingsTable } from '../../../src/cloud/db/schema';
import type { BookingSource, BookingStatus, Host } from '../../../src/shared/domain';
import { ADMIN_TOKEN, type CloudTestEnv, type Kiosk } from './harness';

export interface RecordSeed {
  id: string;
  siteId: string;
  hostId: string;
  source: BookingSource;
  status: BookingStatus;
  area: string | null;
  kioskId: string | null;
  name: string;
  phone: string;
  idNumber: string;
  windowStart: string;
  arrivedAt: string | null;
  leftAt: string | null;
  temperatureC: number | null;
}

export interface RecordWorld {
  hosts: { admin: Host; dev1: Host; dev2: Host };
  kiosks: [Kiosk, Kiosk];
  seeds: RecordSeed[];
  /** the visit a photo was stored for */
  photoBookingId: string;
}

const SOURCES: readonly BookingSource[] = ['self', 'invited', 'staff', 'group', 'walk_in'];
const NAMES = ['张伟', '张敏', '李娜', '王磊', '刘洋', '欧阳娜娜'];
const AREAS = ['A区', 'B区', null];

/** 18 digits, unique per i (the check digit is not checked by the identity schema). */
export const idNumberOf = (i: number): string => `1101051990${String(1000 + i).padStart(4, '0')}${String(i % 10)}123`.slice(0, 18);
export const phoneOf = (i: number): string => `1391234${String(i).padStart(4, '0')}`;

function rowOf(s: RecordSeed, i: number): BookingsTable {
  return {
    id: s.id,
    code: `R${String(i).padStart(7, '0')}`,
    site_id: s.siteId,
    host_id: s.hostId,
    source: s.source,
    status: s.status,
    visitor: JSON.stringify({ name: s.name, phone: s.phone, idType: 'resident_id', idNumber: s.idNumber, company: '示例公司' }),
    companions: '[]',
    group_size: 1,
    reason: '商务洽谈',
    area: s.area,
    window_start: s.windowStart,
    window_end: new Date(Date.parse(s.windowStart) + 8 * 3600_000).toISOString(),
    decision_reason: null,
    arrived_at: s.arrivedAt,
    arrived_visit_id: null,
    arrived_kiosk_id: s.kioskId,
    left_at: s.leftAt,
    expired_from: null,
    visit_type: null,
    remarks: null,
    belongings: null,
    main_booking_id: null,
    visitor_id: null,
    approval_kind: null,
    temperature_c: s.temperatureC,
    temperature_override_reason: null,
    created_at: s.windowStart,
    updated_at: s.windowStart,
    change_seq: 0,
  };
}

/** 30 visits over 2026-11-20..22 (Shanghai), in groups of three sharing one entry instant; 8 bookings not arrived. */
export async function seedRecords(env: CloudTestEnv): Promise<RecordWorld> {
  const admin = await env.createHost({ name: '李明', phone: '13800138001', department: '行政部' });
  const dev1 = await env.createHost({ name: '王芳', phone: '13800138002', department: '研发部' });
  const dev2 = await env.createHost({ name: '赵强', phone: '13800138003', department: '研发部' });
  const hosts = [admin, dev1, dev2];
  const kiosks: [Kiosk, Kiosk] = [await env.enrolKiosk('前台一号'), await env.enrolKiosk('前台二号')];
  const siteB = await env.request('POST', '/admin/sites', { token: ADMIN_TOKEN, body: { id: 'site_b', name: '乙园区', timezone: 'Asia/Shanghai' } });
  if (siteB.statusCode !== 201) throw new Error(`site b: ${siteB.body}`);
  const seeds: RecordSeed[] = [];
  for (let i = 0; i < 30; i++) {
    // 10 instants, three visits each: 2026-11-20 00:30 Shanghai (19th 16:30Z) and every 7 hours after
    const arrivedAt = new Date(Date.parse('2026-11-19T16:30:00.000Z') + Math.floor(i / 3) * 7 * 3600_000).toISOString();
    const left = i % 2 === 0;
    seeds.push({
      id: `rec-v${String(i).padStart(3, '0')}`,
      siteId: 'site_test',
      hostId: hosts[i % 3]!.id,
      source: SOURCES[i % 5]!,
      status: left ? 'left' : 'arrived',
      area: AREAS[i % 3]!,
      kioskId: kiosks[i % 2]!.kioskId,
      name: NAMES[i % NAMES.length]!,
      phone: phoneOf(i),
      idNumber: idNumberOf(i),
      windowStart: new Date(Date.parse(arrivedAt) - 3600_000).toISOString(),
      arrivedAt,
      leftAt: left ? new Date(Date.parse(arrivedAt) + 3600_000).toISOString() : null,
      temperatureC: i % 4 === 0 ? 36.5 : null,
    });
  }
  const notArrived: BookingStatus[] = ['pending', 'approved', 'rejected', 'cancelled', 'expired', 'returned', 'pending', 'approved'];
  notArrived.forEach((status, j) => {
    const i = 30 + j;
    seeds.push({
      id: `rec-b${String(j).padStart(3, '0')}`,
      siteId: 'site_test',
      hostId: hosts[j % 3]!.id,
      source: SOURCES[j % 4]!,
      status,
      area: null,
      kioskId: null,
      name: NAMES[j % NAMES.length]!,
      phone: phoneOf(i),
      idNumber: idNumberOf(i),
      windowStart: new Date(Date.parse('2026-11-20T01:00:00.000Z') + j * 5 * 3600_000).toISOString(),
      arrivedAt: null,
      leftAt: null,
      temperatureC: null,
    });
  });
  seeds.push({ ...seeds[0]!, id: 'rec-x000', siteId: 'site_b', phone: phoneOf(99), idNumber: idNumberOf(99), kioskId: null });
  for (const [i, s] of seeds.entries()) await insertBookingRow(env.kysely, rowOf(s, i));
  const photoBookingId = seeds[4]!.id;
  await env.kysely
    .insertInto('applied_commands')
    .values({
      id: 'cmd-photo-1',
      kiosk_id: kiosks[0].kioskId,
      kind: 'uploadVisitorPhoto',
      booking_id: photoBookingId,
      visit_id: null,
      status: 'applied',
      code: null,
      message: null,
      result: '{}',
      at: seeds[4]!.arrivedAt!,
      applied_at: seeds[4]!.arrivedAt!,
    })
    .execute();
  return { hosts: { admin, dev1, dev2 }, kiosks, seeds, photoBookingId };
}
