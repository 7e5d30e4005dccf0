/**
 * Demo data for trying the kiosk: one site, four hosts (one without visit permission) and bookings for today
 * with fixed, memorable codes. Idempotent: records that exist are left alone (so check-ins made during a demo
 * survive a restart); a demo booking whose window ended before today is refreshed to today.
 */
import type { Transaction } from 'kysely';
import {
  DEFAULT_TEMPERATURE_THRESHOLD_C,
  type Booking,
  type BookingSource,
  type BookingStatus,
  type Companion,
  type Host,
  type VisitorIdentity,
} from '../shared/domain';
import { idCheckCharacter } from '../shared/idNumber';
import { nextChangeSeq } from './db/changeSeq';
import { migrateToLatest, type CloudDatabase } from './db/database';
import type { CloudSchema } from './db/schema';
import { getBookingRow, NOT_A_WALK_IN, NOT_YET_DECIDED_OR_VISITED, toBooking } from './services/bookingRecords';
import { ensureDepartments } from './services/departmentAdmin';
import { toHost } from './services/hosts';
import { dayRange } from '../shared/siteDay';
import { insertApproval } from './repositories/approvals';
import { findBookingWindowEnd, insertBookingRow, updateBooking } from './repositories/bookings';
import { findHostId, insertHost, listHostsByIds } from './repositories/hosts';
import { insertSite, siteExists } from './repositories/sites';

export interface DemoData {
  siteId: string;
  hosts: Host[];
  bookings: { approved: Booking[]; pending: Booking[] };
}

export const DEMO_SITE = { id: 'site_demo', name: 'Passdesk 演示园区', timezone: 'Asia/Shanghai' } as const;

const withCheck = (first17: string) => `${first17}${idCheckCharacter(first17)}`;

export const DEMO_HOSTS = [
  { id: 'host_demo_liming', name: '李明', phone: '13800138001', department: '行政部', canReceiveVisitors: true },
  { id: 'host_demo_wangfang', name: '王芳', phone: '13800138002', department: '研发中心', canReceiveVisitors: true },
  { id: 'host_demo_chenjing', name: '陈静', phone: '13800138003', department: '市场部', canReceiveVisitors: true },
  { id: 'host_demo_zhaoqiang', name: '赵强', phone: '13800138004', department: '财务部', canReceiveVisitors: false },
] as const;

interface DemoBooking {
  id: string;
  code: string;
  hostId: string;
  source: BookingSource;
  status: Extract<BookingStatus, 'approved' | 'pending'>;
  visitor: VisitorIdentity;
  companions: Companion[];
  groupSize: number;
  reason: string;
  area?: string;
}

export const DEMO_BOOKINGS: readonly DemoBooking[] = [
  {
    id: 'bk_demo_a001',
    code: 'DEM0A001',
    hostId: 'host_demo_liming',
    source: 'self',
    status: 'approved',
    visitor: { name: '张伟', phone: '13912345678', idType: 'resident_id', idNumber: withCheck('11010519491231002'), company: '星河科技' },
    companions: [],
    groupSize: 1,
    reason: '商务洽谈',
    area: 'A座 3楼',
  },
  {
    id: 'bk_demo_a002',
    code: 'DEM0A002',
    hostId: 'host_demo_wangfang',
    source: 'invited',
    status: 'approved',
    visitor: { name: '刘洋', phone: '13912345679', idType: 'resident_id', idNumber: withCheck('44010619900101123'), company: '蓝海咨询', plate: '粤A12345' },
    companions: [{ name: '周杰', phone: '13712345670' }, { name: '吴敏' }],
    groupSize: 3,
    reason: '技术交流',
    area: '研发楼 2楼',
  },
  {
    id: 'bk_demo_g001',
    code: 'DEM0G001',
    hostId: 'host_demo_chenjing',
    source: 'group',
    status: 'approved',
    visitor: { name: '孙丽', phone: '13912345680', idType: 'resident_id', idNumber: withCheck('33010219850615204') },
    companions: [{ name: '钱多多' }, { name: '欧阳娜娜', phone: '13612345671' }],
    groupSize: 12,
    reason: '参观交流（团体）',
    area: '展厅',
  },
  {
    id: 'bk_demo_p001',
    code: 'DEM0P001',
    hostId: 'host_demo_liming',
    source: 'staff',
    status: 'pending',
    visitor: { name: '郑浩', phone: '13912345681', idType: 'passport', idNumber: 'E12345678', company: 'Acme Ltd.' },
    companions: [{ name: 'Anna Smith' }],
    groupSize: 2,
    reason: '设备维修',
  },
];

interface DemoWindow {
  start: string;
  end: string;
  today: string;
  /** the instant today starts in the site's zone */
  todayStart: string;
}

/**
 * Today's demo window in the site's zone: from 08:00 (or an hour ago, but not before midnight) to the end of the day, a
 * visit of one day; only in the day's last half hour does it reach 6 h ahead (into tomorrow: a visit of two days). It
 * once always reached 6 h ahead, so from 18:00 on every demo booking was of two days and a second check-in was a
 * re-entry, not a conflict; and in the day's first hour it began yesterday.
 */
function demoWindow(now: Date): DemoWindow {
  const day = dayRange(now, DEMO_SITE.timezone, 0, 0);
  // never before today's start: in the day's first hour "an hour ago" was yesterday, a visit of two days
  const start = Math.max(Date.parse(day.from), Math.min(Date.parse(day.from) + 8 * 3600_000, now.getTime() - 3600_000));
  const endOfDay = Date.parse(day.to) - 1000;
  const end = endOfDay - now.getTime() >= 30 * 60_000 ? endOfDay : now.getTime() + 6 * 3600_000;
  return { start: new Date(start).toISOString(), end: new Date(end).toISOString(), today: day.today, todayStart: day.from };
}

async function upsertSiteAndHosts(trx: Transaction<CloudSchema>, nowIso: string): Promise<void> {
  if (!(await siteExists(trx, DEMO_SITE.id))) {
    await insertSite(trx, {
      ...DEMO_SITE,
      kiosk_settings: JSON.stringify({ language: 'zh-CN', temperatureThresholdC: DEFAULT_TEMPERATURE_THRESHOLD_C }),
      created_at: nowIso,
      config_seq: 0,
    });
  }
  for (const h of DEMO_HOSTS) {
    if ((await findHostId(trx, h.id)) !== undefined) continue;
    await insertHost(trx, {
      id: h.id,
      site_id: DEMO_SITE.id,
      name: h.name,
      phone: h.phone,
      department: h.department,
      office: null,
      can_receive_visitors: h.canReceiveVisitors ? 1 : 0,
      created_at: nowIso,
      updated_at: nowIso,
      change_seq: await nextChangeSeq(trx),
    });
  }
  // the hosts' departments as the site's list (a reviewer is given departments from it)
  await ensureDepartments(trx, DEMO_SITE.id, [...new Set(DEMO_HOSTS.map((h) => h.department))]);
}

async function upsertBooking(trx: Transaction<CloudSchema>, b: DemoBooking, window: DemoWindow, nowIso: string): Promise<void> {
  const existing = await findBookingWindowEnd(trx, b.id);
  if (existing && existing.window_end > window.todayStart) return; // still today's: leave it (and any check-in) alone
  const values = {
    code: b.code,
    site_id: DEMO_SITE.id,
    host_id: b.hostId,
    source: b.source,
    status: b.status,
    visitor: JSON.stringify(b.visitor),
    companions: JSON.stringify(b.companions),
    group_size: b.groupSize,
    reason: b.reason,
    area: b.area ?? null,
    window_start: window.start,
    window_end: window.end,
    ...NOT_YET_DECIDED_OR_VISITED,
    ...NOT_A_WALK_IN,
    updated_at: nowIso,
    change_seq: await nextChangeSeq(trx),
  };
  if (existing) await updateBooking(trx, b.id, values);
  else await insertBookingRow(trx, { id: b.id, created_at: nowIso, ...values });
  if (b.status === 'approved') {
    await insertApproval(trx, {
      id: `apr_${b.id}_${window.today.replace(/-/g, '')}`,
      booking_id: b.id,
      action: 'approve',
      from_status: 'pending',
      to_status: 'approved',
      reason: null,
      actor: 'demo',
      at: nowIso,
    });
  }
}

export async function loadDemoData(db: CloudDatabase, opts: { now?: Date } = {}): Promise<DemoData> {
  await migrateToLatest(db);
  const now = opts.now ?? new Date();
  const nowIso = now.toISOString();
  const window = demoWindow(now);
  await db.kysely.transaction().execute(async (trx) => {
    await upsertSiteAndHosts(trx, nowIso);
    for (const b of DEMO_BOOKINGS) await upsertBooking(trx, b, window, nowIso);
  });
  const hostRows = await listHostsByIds(
    db.kysely,
    DEMO_HOSTS.map((h) => h.id),
  );
  const byId = new Map(hostRows.map((r) => [r.id, toHost(r)]));
  const read = async (status: DemoBooking['status']) =>
    Promise.all(DEMO_BOOKINGS.filter((b) => b.status === status).map(async (b) => toBooking(await getBookingRow(db.kysely, b.id))));
  return {
    siteId: DEMO_SITE.id,
    hosts: DEMO_HOSTS.map((h) => byId.get(h.id)!),
    bookings: { approved: await read('approved'), pending: await read('pending') },
  };
}
