/** The contract's devices feature: every device's state, the thermometer, and what the readers send. */
import { z } from 'zod';
import { Instant } from '../domain';
import { DevicesErrorCode } from '../errorCodes';
import { call, Empty } from './define';

export const DeviceKind = z.enum(['idReader', 'thermometer', 'printer', 'scanner', 'camera']);
export type DeviceKind = z.infer<typeof DeviceKind>;

/** A printer's paper sensor (DLE EOT 4): unknown when the printer does not answer. */
export const PaperLevel = z.enum(['ok', 'near_end', 'out', 'unknown']);
export type PaperLevel = z.infer<typeof PaperLevel>;

export const DeviceState = z.object({
  kind: DeviceKind,
  /** disabled in settings | no port/device | opening | ready | working (reading, printing) | error */
  status: z.enum(['disabled', 'disconnected', 'connecting', 'ready', 'busy', 'error']),
  /** where it is attached (port path, host:port, VID:PID) */
  address: z.string().optional(),
  /** a person-readable detail: "card present", "paper low", the status code's meaning */
  detail: z.string().optional(),
  /** printers only: the paper sensor, so the status bar can say 缺纸 / 纸将用尽 in the person's language */
  paper: PaperLevel.optional(),
  updatedAt: Instant,
});
export type DeviceState = z.infer<typeof DeviceState>;

export const IdCardType = z.enum(['resident', 'hkmotw_permit', 'foreign_2017', 'foreign_2023']);
export type IdCardType = z.infer<typeof IdCardType>;

/**
 * A card read as the renderer sees it: the ID number masked. The full card stays in the core under `cardRef`
 * for the registration that follows.
 */
export const IdCardRead = z.object({
  cardRef: z.string(),
  cardType: IdCardType,
  name: z.string(),
  nameEn: z.string().optional(),
  sex: z.string(),
  nation: z.string().optional(),
  birthDate: z.string(),
  idNumberMasked: z.string(),
  issuer: z.string().optional(),
  validFrom: z.string(),
  validUntil: z.string(),
  warnings: z.array(z.string()),
  hasPhoto: z.boolean(),
  readAt: Instant,
});
export type IdCardRead = z.infer<typeof IdCardRead>;

export const TemperatureReading = z.object({
  celsius: z.number(),
  abnormal: z.boolean(),
  thresholdC: z.number(),
  at: Instant,
});
export type TemperatureReading = z.infer<typeof TemperatureReading>;

export const QrScan = z.object({ text: z.string().max(4096), source: z.enum(['serial', 'keyboard', 'camera']), at: Instant });
export type QrScan = z.infer<typeof QrScan>;

export const devicesCalls = {
  'devices.list': call(Empty, z.object({ devices: z.array(DeviceState) }), "every device's state"),
  'devices.readTemperature': call(
    Empty,
    TemperatureReading,
    'one measurement by the thermometer (also sent as device.temperature); error device_unavailable without a ready thermometer',
  ),
} as const;

export const devicesEvents = {
  'device.state': DeviceState,
  'device.idCard': IdCardRead,
  'device.temperature': TemperatureReading,
  'device.qr': QrScan,
} as const;

export const devicesContract = { calls: devicesCalls, events: devicesEvents, errors: DevicesErrorCode } as const;
