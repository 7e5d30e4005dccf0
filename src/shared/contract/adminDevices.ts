/**
 * The admin screen's devices section (issue 11; the camera's choice, issue 10): what the machine has, each device's
 * settings as they are, a device's new choice (validated by src/shared/deviceSetup.ts, saved atomically in the
 * kiosk settings, audited old → new, the device reopened with it at once), and the tests that need the core: an ID
 * card read shown masked, the last codes scanned (masked when they look like ID or phone numbers).
 */
import { z } from 'zod';
import { AdminSessionToken } from './adminSession';
import { DeviceChoice, DeviceDetection } from '../deviceSetup';
import { Instant, KioskDeviceSettings } from '../domain';
import { call } from './define';
import { DeviceState, IdCardType } from './devices';

const WithSession = z.object({ session: AdminSessionToken }).strict();

export const AdminDeviceSetup = z.object({
  /** every device's settings as saved */
  settings: KioskDeviceSettings,
  /** one state per device kind, as now */
  states: z.array(DeviceState),
  detection: DeviceDetection,
});
export type AdminDeviceSetup = z.infer<typeof AdminDeviceSetup>;

/** A card read at the devices test: what the admin sees, every personal number masked, the name too. */
export const AdminCardTest = z.discriminatedUnion('result', [
  z.object({
    result: z.literal('read'),
    cardType: IdCardType,
    nameMasked: z.string(),
    idNumberMasked: z.string(),
    validUntil: z.string(),
    readAt: Instant,
  }),
  /** no card was read within the time asked */
  z.object({ result: z.literal('no_card') }),
]);
export type AdminCardTest = z.infer<typeof AdminCardTest>;

export const AdminScannerTest = z.object({
  /** the last codes scanned, newest first, masked */
  scans: z.array(z.object({ text: z.string().max(200), at: Instant })).max(10),
});
export type AdminScannerTest = z.infer<typeof AdminScannerTest>;

export const adminDeviceCalls = {
  'admin.deviceSetup': call(WithSession, AdminDeviceSetup, 'admin: every device’s settings and state, and the serial ports and HID devices the machine has'),
  'admin.saveDevice': call(
    WithSession.extend({ device: DeviceChoice }).strict(),
    AdminDeviceSetup.omit({ detection: true }),
    'admin: one device’s choice (enabled, port, baud, model; the camera’s deviceId), saved and audited; the device is reopened with it before the answer',
  ),
  'admin.testIdReader': call(
    WithSession.extend({ waitS: z.number().int().min(1).max(60).default(20) }).strict(),
    AdminCardTest,
    'admin: waits for the next ID card read (at most waitS seconds) and shows it masked; admin_device_not_ready without a ready reader',
  ),
  'admin.testScanner': call(WithSession, AdminScannerTest, 'admin: the last codes the scanner read, masked'),
} as const;
