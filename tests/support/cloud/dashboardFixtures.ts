/**
 * A small known world for the dashboard tests (issue 14 §7): site_test (Asia/Shanghai) on 2026-11-22 14:30 local,
 * visits on both sides of its midnight and of the 12 months' and the 30 days' first days, refusals and hits reported
 * by its kiosks and by another site's, an application refused by the blacklist, kiosks online, offline and never seen,
 * and another site's visit today. Written straight into the tables, so every expected number is known by hand.
 */
import { insertBookingRow } from '../../../src/cloud/repositories/bookings';
import { writeAudit } from '../../../src/cloud/repositories/audit';
import type { Kysely } from 'kysely';
import type { BookingsTable, CloudSchema } from '../../../src/cloud/db/schema';
import type { BookingSource, BookingStatus } from '../../../src/shared/domain';

/** 14:30 in Shanghai on 2026-11-22 */
export const DASHBOARD_NOW = new Date('2026-11-22T06:30:00.000Z');

interface VisitSeed {
  id: string;
  site: string;
  host: 'admin' | 'dev' | 'other';
  source: BookingSource;
  status: BookingStatus;
  arrivedAt: string | null;
}

export const DASHBOARD_VISITS: readonly VisitSeed[] = [
  // today's first instant in Shanghai (00:00), still on site
  { id: 'dash-v1', site: 'site_test', host: 'admin', source: 'walk_in', status: 'arrived', arrivedAt: '2026-11-21T16:00:00.000Z' },
  // yesterday's last instant (23:59:59.999), still marked on site: not today's
  { id: 'dash-v2', site: 'site_test', host: 'dev', source: 'self', status: 'arrived', arrivedAt: '2026-11-21T15:59:59.999Z' },
  { id: 'dash-v3', site: 'site_test', host: 'dev', source: 'self', status: 'left', arrivedAt: '2026-11-22T01:10:00.000Z' },
  { id: 'dash-v4', site: 'site_test', host: 'dev', source: 'invited', status: 'arrived', arrivedAt: '2026-11-22T01:50:00.000Z' },
  { id: 'dash-v5', site: 'site_test', host: 'admin', source: 'staff', status: 'arrived', arrivedAt: '2026-11-22T06:00:00.000Z' },
  // the day before the 30 days (2026-10-24 .. 2026-11-22) start
  { id: 'dash-v6', site: 'site_test', host: 'dev', source: 'group', status: 'left', arrivedAt: '2026-10-23T02:00:00.000Z' },
  // the 12 months' first day (2025-11-23), and the day before it
  { id: 'dash-v7', site: 'site_test', host: 'admin', source: 'self', status: 'left', arrivedAt: '2025-11-23T02:00:00.000Z' },
  { id: 'dash-v8', site: 'site_test', host: 'admin', source: 'self', status: 'left', arrivedAt: '2025-11-22T10:00:00.000Z' },
  // a booking no one arrived on, and another site's visit of today
  { id: 'dash-b1', site: 'site_test', host: 'admin', source: 'self', status: 'approved', arrivedAt: null },
  { id: 'dash-x1', site: 'site_b', host: 'other', source: 'walk_in', status: 'arrived', arrivedAt: '2026-11-22T02:00:00.000Z' },
];

function rowOf(s: VisitSeed, hostId: string, i: number): BookingsTable {
  const start = s.arrivedAt ?? '2026-11-22T03:00:00.000Z';
  return {
    id: s.id,
    code: `D${String(i).padStart(7, '0')}`,
    site_id: s.site,
    host_id: hostId,
    source: s.source,
    status: s.status,
    visitor: JSON.stringify({ name: '张伟', phone: `1391234${String(i).padStart(4, '0')}`, idType: 'resident_id' }),
    companions: '[]',
    group_size: 1,
    reason: '商务洽谈',
    area: null,
    window_start: start,
    window_end: new Date(Date.parse(start) + 8 * 3600_000).toISOString(),
    decision_reason: null,
    arrived_at: s.arrivedAt,
    arrived_visit_id: null,
    arrived_kiosk_id: null,
    left_at: s.status === 'left' ? new Date(Date.parse(start) + 3600_000).toISOString() : null,
    expired_from: null,
    visit_type: null,
    remarks: null,
    belongings: null,
    main_booking_id: null,
    visitor_id: null,
    approval_kind: null,
    temperature_c: null,
    temperature_override_reason: null,
    created_at: start,
    updated_at: start,
    change_seq: 0,
  };
}

const kiosk = (id: string, site: string, name: string, revoked = 0) => ({
  id,
  site_id: site,
  name,
  credential_hash: `cred-${id}`,
  public_key: 'pk',
  key_id: `kid-${id}`,
  enrolled_at: '2026-01-01T00:00:00.000Z',
  revoked,
  revoked_at: revoked ? '2026-02-01T00:00:00.000Z' : null,
});

const command = (id: string, kioskId: string, code: string, status: string, at: string) => ({
  id,
  kiosk_id: kioskId,
  kind: 'walkIn',
  booking_id: null,
  visit_id: null,
  status,
  code,
  message: null,
  result: '{}',
  at,
  applied_at: at,
});

const host = (id: string, site: string, name: string, phone: string, department: string) => ({
  id,
  site_id: site,
  name,
  phone,
  department,
  office: null,
  can_receive_visitors: 1,
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
  change_seq: 0,
});

/** Seeds the world; `withSiteTest`: creates site_test too (a CloudTestEnv has it already). */
export async function seedDashboard(db: Kysely<CloudSchema>, opts: { withSiteTest?: boolean } = {}): Promise<void> {
  const site = (id: string, name: string) => ({
    id,
    name,
    timezone: 'Asia/Shanghai',
    kiosk_settings: '{}',
    created_at: '2026-01-01T00:00:00.000Z',
    config_seq: 0,
  });
  await db
    .insertInto('sites')
    .values(opts.withSiteTest ? [site('site_test', '测试园区'), site('site_b', '乙园区')] : [site('site_b', '乙园区')])
    .execute();
  await db
    .insertInto('hosts')
    .values([
      host('dh-admin', 'site_test', '李明', '13800138001', '行政部'),
      host('dh-dev', 'site_test', '王芳', '13800138002', '研发部'),
      host('dh-other', 'site_b', '赵强', '13800138009', '乙部'),
    ])
    .execute();
  const now = DASHBOARD_NOW.getTime();
  const ago = (minutes: number) => new Date(now - minutes * 60_000).toISOString();
  const hostIds = { admin: 'dh-admin', dev: 'dh-dev', other: 'dh-other' };
  for (const [i, s] of DASHBOARD_VISITS.entries()) await insertBookingRow(db, rowOf(s, hostIds[s.host], i));
  await db
    .insertInto('kiosks')
    .values([
      kiosk('dk-a', 'site_test', '前台一号'),
      kiosk('dk-b', 'site_test', '前台二号'),
      kiosk('dk-c', 'site_test', '侧门'),
      kiosk('dk-r', 'site_test', '已撤销', 1),
      kiosk('dk-x', 'site_b', '乙前台'),
    ])
    .execute();
  await db
    .insertInto('kiosk_status')
    .values([
      { kiosk_id: 'dk-a', last_seen_at: ago(5), version: '1.0.0', pending_commands: 0 },
      { kiosk_id: 'dk-b', last_seen_at: ago(20), version: '1.0.0', pending_commands: 0 },
      { kiosk_id: 'dk-x', last_seen_at: ago(60), version: '1.0.0', pending_commands: 0 },
    ])
    .execute();
  await db
    .insertInto('applied_commands')
    .values([
      command('dc-1', 'dk-a', 'temperature_abnormal', 'rejected', ago(60)),
      command('dc-2', 'dk-a', 'temperature_abnormal', 'rejected', '2026-10-24T00:00:00.000Z'),
      command('dc-3', 'dk-b', 'blacklisted', 'conflict', ago(30)),
      command('dc-4', 'dk-a', 'blacklist_warn', 'applied', ago(10)),
      // before the 30 days, another site's, and a command with another code
      command('dc-5', 'dk-a', 'blacklisted', 'conflict', '2026-10-23T15:59:59.000Z'),
      command('dc-6', 'dk-x', 'temperature_abnormal', 'rejected', ago(60)),
      command('dc-7', 'dk-a', 'host_unknown', 'rejected', ago(60)),
    ])
    .execute();
  const audit = (hostId: string) => ({
    at: new Date(now - 3600_000),
    actor: 'anonymous',
    action: 'booking.blacklisted',
    subject: 'X0000001',
    detail: { hostId },
  });
  await writeAudit(db, audit('dh-dev'));
  await writeAudit(db, audit('dh-other'));
}
