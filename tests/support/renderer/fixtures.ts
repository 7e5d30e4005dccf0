import type { BookingView, KioskSettingsPublic, Visit } from '../../../src/shared/domain';
import type { AppInfo, DeviceState, IpcOutput, SyncState } from '../../../src/shared/ipc';

export const booking = (overrides: Partial<BookingView> = {}): BookingView => ({
  id: 'bk_1',
  code: '7K3M9Q2P',
  status: 'approved',
  source: 'self',
  visitorName: '张三',
  visitorPhoneMasked: '138****5678',
  visitorIdMasked: '110***********002X',
  company: '示例科技',
  companions: [{ name: '李四', phoneMasked: '139****0000' }],
  groupSize: 2,
  hostId: 'host_1',
  hostName: '王五',
  hostDepartment: '行政部',
  hostPhoneMasked: '137****1111',
  reason: '商务洽谈',
  area: 'A 座',
  windowStart: '2026-11-22T01:00:00.000Z',
  windowEnd: '2026-11-22T03:00:00.000Z',
  checkIn: { allowed: true },
  ...overrides,
});

export const visit = (overrides: Partial<Visit> = {}): Visit => ({
  id: '0b6f3c1e-7d3a-4c1b-9a55-2f7d0f1e9a01',
  kioskId: 'kiosk_1',
  bookingId: 'bk_1',
  visitorName: '张三',
  visitorPhoneMasked: '138****5678',
  hostName: '王五',
  checkedInAt: '2026-11-22T01:05:00.000Z',
  passId: '0b6f3c1e-7d3a-4c1b-9a55-2f7d0f1e9a01',
  synced: false,
  ...overrides,
});

export const issued = (visitId: string): IpcOutput<'checkin.confirm'> => ({
  visit: visit({ id: visitId, passId: visitId }),
  pass: {
    token: 'PD2.AAAA',
    payload: {
      v: 2,
      pid: visitId,
      bid: 'bk_1',
      site: 'site_1',
      name: '张*',
      host: '王五',
      n: 2,
      nbf: 1_795_000_000,
      exp: 1_795_010_000,
      iss: 'kiosk:kiosk_1',
      kid: 'kid_1',
    },
  },
});

export const syncState = (overrides: Partial<SyncState> = {}): SyncState => ({
  online: true,
  phase: 'idle',
  pendingCommands: 0,
  conflicts: 0,
  ...overrides,
});

export const device = (overrides: Partial<DeviceState> = {}): DeviceState => ({
  kind: 'printer',
  status: 'ready',
  updatedAt: '2026-11-22T01:00:00.000Z',
  ...overrides,
});

export const appInfo: AppInfo = { version: '0.1.0', kioskName: '一楼前台', siteName: '总部', language: 'zh-CN', host: 'browser', printer: 'escpos' };

export const settings = (language: 'zh-CN' | 'en' = 'zh-CN'): KioskSettingsPublic => ({
  version: 2,
  cloudUrl: 'http://127.0.0.1:9/',
  language,
  kioskName: '一楼前台',
  syncIntervalMs: 15_000,
  bookingDaysBefore: 1,
  bookingDaysAfter: 7,
  temperatureThresholdC: 37.3,
  retentionDays: 180,
  faceUploadAllowed: false,
  idleTimeoutS: 60,
  adminLockAfterS: 120,
  startScreen: 'home',
  devices: {
    idReader: { enabled: false },
    thermometer: { model: 'gy', enabled: false },
    printer: { kind: 'none', paperWidthMm: 80 },
    scanner: { enabled: false },
    camera: {},
  },
});
