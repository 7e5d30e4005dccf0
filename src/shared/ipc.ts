/**
 * The IPC contract between the renderer and the kiosk core. One recipe per call: the contract here →
 * a validated handler in the core (src/main/core/ipcHandlers.ts) → the same method on window.passdesk,
 * whether the preload (Electron) or the WebSocket client (browser host) provides it.
 */
import { PassRefusal } from './passStanding';
import { IpcCallError, IpcErrorCode, isIpcErrorCode, type TransportErrorCode } from './errorCodes';
import { z } from 'zod';
import {
  BodyTemperatureC,
  BookingView,
  Id,
  Instant,
  KioskSettingsPublic,
  Language,
  plainText,
  Uuid,
  Visit,
} from './domain';
import { PassDetails, PassPayload } from './pass';

// ---- shared payloads -------------------------------------------------------------------------------
export const SyncState = z.object({
  online: z.boolean(),
  /** syncing | idle | offline | error | unenrolled */
  phase: z.enum(['idle', 'syncing', 'offline', 'error', 'unenrolled']),
  lastPullAt: Instant.optional(),
  lastPushAt: Instant.optional(),
  lastError: z.string().optional(),
  pendingCommands: z.number().int().min(0),
  /** commands the cloud answered with a conflict or rejection, still to be seen by staff */
  conflicts: z.number().int().min(0),
  nextAttemptAt: Instant.optional(),
});
export type SyncState = z.infer<typeof SyncState>;

/**
 * A command the cloud answered with a conflict (valid, but the world moved: checked in at another kiosk,
 * cancelled while this kiosk was offline) or a rejection (never applicable). Kept in the outbox and shown to
 * staff; acknowledging one stops it counting in SyncState.conflicts but keeps it recorded until the
 * retention purge.
 */
export const SyncConflict = z.object({
  commandId: Uuid,
  kind: z.enum(['checkin', 'checkout']),
  /** when it happened at the kiosk */
  at: Instant,
  status: z.enum(['conflict', 'rejected']),
  /** the cloud's code: already_arrived, booking_cancelled, booking_unknown, command_bad_signature… */
  code: z.string(),
  /** the cloud's words (English), numbers redacted */
  message: z.string(),
  bookingId: Id.optional(),
  bookingCode: z.string().optional(),
  /** masked (maskName) */
  visitorName: z.string().optional(),
  acknowledgedAt: Instant.optional(),
});
export type SyncConflict = z.infer<typeof SyncConflict>;

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

/**
 * How this kiosk prints passes: `escpos` through pass.print (a receipt printer on serial, TCP or USB), `system`
 * through the renderer's own print dialog (window.print), `none` not at all.
 */
export const PassPrinting = z.enum(['none', 'escpos', 'system']);
export type PassPrinting = z.infer<typeof PassPrinting>;

export const AppInfo = z.object({
  version: z.string(),
  kioskId: z.string().optional(),
  kioskName: z.string(),
  siteName: z.string().optional(),
  language: Language,
  host: z.enum(['electron', 'browser']),
  /** the printer the attached devices drive (with PASSDESK_SIMULATE_DEVICES=1, the simulated one) */
  printer: PassPrinting,
});
export type AppInfo = z.infer<typeof AppInfo>;

export const IssuedPassView = z.object({ token: z.string(), payload: PassDetails });

// ---- calls -----------------------------------------------------------------------------------------
const call = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O, doc: string) => ({ input, output, doc });
const Empty = z.object({}).strict();

export const ipcCalls = {
  'app.info': call(Empty, AppInfo, 'who and where this kiosk is'),
  'settings.get': call(Empty, KioskSettingsPublic, 'the kiosk settings, without secrets'),
  'settings.setLanguage': call(z.object({ language: Language }).strict(), KioskSettingsPublic, 'switch zh-CN / en'),
  'sync.status': call(Empty, SyncState, 'the sync engine state'),
  'sync.now': call(Empty, SyncState, 'push the outbox and pull now'),
  'sync.conflicts': call(
    Empty,
    z.object({ conflicts: z.array(SyncConflict) }),
    'commands the cloud answered with a conflict or rejection, not yet acknowledged first, then newest first',
  ),
  'sync.acknowledgeConflict': call(
    z.object({ commandId: Uuid }).strict(),
    SyncState,
    'staff have seen this conflict: it stays recorded but no longer counts (error not_found for an id that is no conflict)',
  ),
  'bookings.find': call(
    z.object({ query: plainText(z.string().trim().min(1).max(4096)) }).strict(),
    z.object({ bookings: z.array(BookingView) }),
    "today's bookings matching a booking code, a phone number or a scanned pass/QR",
  ),
  'bookings.findByCard': call(
    z.object({ cardRef: z.string().min(1).max(64) }).strict(),
    z.object({ card: IdCardRead, bookings: z.array(BookingView) }),
    "today's bookings whose visitor (or a companion) holds the ID card read under `cardRef` (error card_expired when the core no longer holds it)",
  ),
  'bookings.get': call(z.object({ bookingId: Id }).strict(), BookingView, 'one booking, as the kiosk may show it'),
  'checkin.confirm': call(
    z
      .object({
        bookingId: Id,
        /** client-made; repeating a call with the same id returns the same visit and pass */
        visitId: Uuid.optional(),
        /** the visitor's reading from devices.readTemperature / device.temperature; at or above the threshold is refused */
        temperatureC: BodyTemperatureC.optional(),
      })
      .strict(),
    z.object({ visit: Visit, pass: IssuedPassView }),
    'record the arrival of a booked visitor and issue a pass',
  ),
  'visits.today': call(Empty, z.object({ visits: z.array(Visit) }), "today's visits at this kiosk"),
  'visits.checkout': call(
    z
      .object({ visitId: Uuid.optional(), passToken: plainText(z.string().max(4096)).optional() })
      .strict()
      .refine((v) => v.visitId !== undefined || v.passToken !== undefined, 'visitId or passToken'),
    z.object({ visit: Visit }),
    'record an exit',
  ),
  'pass.verify': call(
    z.object({ token: plainText(z.string().min(1).max(4096)) }).strict(),
    z.object({ payload: PassPayload, valid: z.boolean(), reason: PassRefusal.optional() }),
    'verify a pass (version 1 or 2) offline with the keys the kiosk knows; valid says whether it lets its holder through now (not revoked, booking not cancelled/rejected/left), reason why not; a version 2 pass gets its names from the visit or booking this kiosk has (absent when it has none)',
  ),
  'pass.print': call(
    z.object({ visitId: Uuid }).strict(),
    z.object({ printed: z.literal(true), printer: z.string() }),
    'print the pass of a visit checked in at this kiosk on the ESC/POS printer (masked name only); errors not_found, already_left, pass_expired, printer_unavailable (none ready, or a system printer: the renderer prints), paper_out, printer_failed',
  ),
  'devices.list': call(Empty, z.object({ devices: z.array(DeviceState) }), "every device's state"),
  'devices.readTemperature': call(
    Empty,
    TemperatureReading,
    'one measurement by the thermometer (also sent as device.temperature); error device_unavailable without a ready thermometer',
  ),
} as const;

// ---- events ----------------------------------------------------------------------------------------
export const ipcEvents = {
  'sync.state': SyncState,
  'device.state': DeviceState,
  'device.idCard': IdCardRead,
  'device.temperature': TemperatureReading,
  'device.qr': QrScan,
  'bookings.changed': z.object({ count: z.number().int() }),
} as const;

export type IpcCallName = keyof typeof ipcCalls;
export type IpcInput<N extends IpcCallName> = z.input<(typeof ipcCalls)[N]['input']>;
export type IpcOutput<N extends IpcCallName> = z.infer<(typeof ipcCalls)[N]['output']>;
export type IpcEventName = keyof typeof ipcEvents;
export type IpcEventPayload<E extends IpcEventName> = z.infer<(typeof ipcEvents)[E]>;

export const isIpcCallName = (name: string): name is IpcCallName => Object.hasOwn(ipcCalls, name);
export const isIpcEventName = (name: string): name is IpcEventName => Object.hasOwn(ipcEvents, name);

/**
 * An error crossing IPC: a code of the closed set the UI translates (a code this renderer does not know, from a
 * newer core, reads as `internal`) and a message for logs (already redacted).
 */
export const IpcError = z.object({ code: IpcErrorCode.catch('internal'), message: z.string() });
export type IpcError = z.infer<typeof IpcError>;

export { IpcCallError, IpcErrorCode, isIpcErrorCode, type TransportErrorCode };

/** What the renderer sees as window.passdesk, from either host. */
export interface PassdeskApi {
  call<N extends IpcCallName>(name: N, input: IpcInput<N>): Promise<IpcOutput<N>>;
  on<E extends IpcEventName>(event: E, listener: (payload: IpcEventPayload<E>) => void): () => void;
}

// ---- the browser host's WebSocket framing -----------------------------------------------------------
export const WS_PATH = '/ipc';
export const WsClientMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), secret: z.string().min(16).max(128) }),
  z.object({ type: z.literal('call'), id: z.number().int().min(0), name: z.string().max(64), input: z.unknown() }),
]);
export type WsClientMessage = z.infer<typeof WsClientMessage>;
/** A plain union: two `result` shapes share a discriminator value, which z.discriminatedUnion refuses. */
export const WsServerMessage = z.union([
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('result'), id: z.number().int(), ok: z.literal(true), output: z.unknown() }),
  z.object({ type: z.literal('result'), id: z.number().int(), ok: z.literal(false), error: IpcError }),
  z.object({ type: z.literal('event'), name: z.string(), payload: z.unknown() }),
]);
export type WsServerMessage = z.infer<typeof WsServerMessage>;

/** Electron channel names: one invoke channel per call, one send channel per event. */
export const electronChannel = {
  call: (name: IpcCallName) => `passdesk:call:${name}`,
  event: (name: IpcEventName) => `passdesk:event:${name}`,
};
