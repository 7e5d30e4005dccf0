/**
 * The domain contract: every record the kiosk and the cloud exchange, as zod schemas.
 * Types are inferred from these schemas and never written twice.
 * Runs everywhere: no Node, DOM or Electron imports.
 */
import { z } from 'zod';
import { CheckInRefusal } from './errorCodes';
import { normalizePhone } from './phone';
import { CONTROL_OR_BIDI, FreeText, MARKUP, NameText, plainText, toPlainJson, toPlainText } from './plainText';
import { DEFAULT_EARLY_ARRIVAL_MINUTES, VisitPolicyValues } from './visitPolicy';
import { CameraSettings } from './deviceSetup';
import { BookingDetails } from './bookingDetails';

/** An ISO-8601 instant with offset, e.g. 2026-11-22T09:00:00.000Z. */
export const Instant = z.iso.datetime({ offset: true });
export type Instant = z.infer<typeof Instant>;

/** Ids are opaque strings; client-made ids are UUIDs. */
export const Id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'id: letters, digits, _ and - only');
export const Uuid = z.uuid();

/** Mainland mobile numbers, or any international number in E.164-ish form. */
/** Stored normalised (normalizePhone): 138 0013 8000 and +86 13800138000 are 13800138000. */
export const Phone = z
  .string()
  .overwrite(normalizePhone)
  .regex(/^(1[3-9]\d{9}|\+\d{6,15})$/, 'phone: an 11-digit mainland mobile number or +country number');

export { CONTROL_OR_BIDI, FreeText, MARKUP, NameText, plainText, toPlainJson, toPlainText };
export { DEFAULT_EARLY_ARRIVAL_MINUTES };

/** A person's name: 1..40 characters, no control, bidi or markup characters. */
export const PersonName = NameText(40);

/** An ID number as a person types it (any ID type): 4..32 letters and digits. */
/** An ID or passport number: the spaces a person types between its groups dropped. */
export const IdNumberText = z
  .string()
  .overwrite((s) => s.replace(/[\s\u3000]+/g, ''))
  .min(4)
  .max(32)
  .regex(/^[0-9A-Za-z]+$/);

/**
 * A pass is valid only inside its visit window (seed rule, issue 9 item 7): check-in opens, and the pass's not-before
 * is, the window start minus the site's early-arrival allowance (`earlyArrivalMinutes` in the site's settings, pulled
 * by kiosks with CloudKioskSettings; default 0), and the pass expires at the window end. One rule for the kiosk's
 * check-in, the passes it and the cloud sign, and the cloud's check-in command.
 */

/** The site's early-arrival allowance in ms (its setting, or the default 0). */
export const earlyArrivalMs = (earlyArrivalMinutes: number | undefined): number => (earlyArrivalMinutes ?? DEFAULT_EARLY_ARRIVAL_MINUTES) * 60_000;

/** When check-in opens and a visit's pass becomes valid (ms since the epoch): the window start minus the allowance. */
export const visitOpensAt = (windowStart: string, earlyArrivalMinutes: number | undefined): number =>
  Date.parse(windowStart) - earlyArrivalMs(earlyArrivalMinutes);

/**
 * At or above this body temperature (°C) a visitor is not checked in by the kiosk: the default of the kiosk's
 * `temperatureThresholdC` and of the thermometer's `abnormal`, written once.
 */
export const DEFAULT_TEMPERATURE_THRESHOLD_C = 37.3;

/** The people one booking, check-in or pass is for (the lead visitor included): 1..MAX_PARTY_SIZE, on both sides. */
export const MAX_PARTY_SIZE = 500;
export const PartySize = z.number().int().min(1).max(MAX_PARTY_SIZE);

/** A body temperature check-in records, in °C; other readings are no measurement of a person. */
export const BodyTemperatureC = z.number().min(30).max(45);

export const IdType = z.enum([
  'resident_id', // 居民身份证
  'hkmo_tw_permit', // 港澳台居民居住证 (J)
  'foreign_permanent', // 外国人永久居留身份证 (I / Y)
  'passport',
  'other',
]);
export type IdType = z.infer<typeof IdType>;

export const Language = z.enum(['zh-CN', 'en']);
export type Language = z.infer<typeof Language>;

export const Site = z.object({
  id: Id,
  name: FreeText(80).min(1),
  timezone: z.string().min(1).max(64),
});
export type Site = z.infer<typeof Site>;

/** A host (受访人). A host without visit permission is "not found" to visitors. */
export const Host = z.object({
  id: Id,
  siteId: Id,
  name: PersonName,
  phone: Phone,
  department: FreeText(80),
  /** office room number (受访人办公室号), shown to the desk */
  office: FreeText(40).optional(),
  canReceiveVisitors: z.boolean(),
  updatedAt: Instant,
});
export type Host = z.infer<typeof Host>;

/** What a visitor (or a kiosk) may see of a host: the phone number is masked. */
export const HostDirectoryEntry = Host.omit({ phone: true }).extend({ phoneMasked: z.string() });
export type HostDirectoryEntry = z.infer<typeof HostDirectoryEntry>;

export const VisitorIdentity = z.object({
  name: PersonName,
  phone: Phone,
  idType: IdType.default('resident_id'),
  idNumber: IdNumberText.optional(),
  company: FreeText(80).optional(),
  /** 职务 */
  title: FreeText(40).optional(),
  plate: FreeText(16).optional(),
});
export type VisitorIdentity = z.infer<typeof VisitorIdentity>;

export const Companion = z.object({
  name: PersonName,
  phone: Phone.optional(),
  idType: IdType.optional(),
  idNumber: IdNumberText.optional(),
});
export type Companion = z.infer<typeof Companion>;

/** walk_in: registered at a kiosk's desk (普通访客登记) */
export const BookingSource = z.enum(['self', 'invited', 'staff', 'group', 'walk_in']);
export type BookingSource = z.infer<typeof BookingSource>;

/**
 * A booking's status; the moves between them are one table, src/shared/bookingStates.ts (with each status's words).
 * `returned` (已退回) is back with its applicant to amend and resubmit.
 */
export const BookingStatus = z.enum(['pending', 'approved', 'rejected', 'cancelled', 'arrived', 'left', 'expired', 'returned']);
export type BookingStatus = z.infer<typeof BookingStatus>;

/** A booking's 8-character code, Crockford base32 without I, L, O, U. */
export const BookingCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[0-9A-HJKMNP-TV-Z]{8}$/, 'booking code: 8 characters');
export type BookingCode = z.infer<typeof BookingCode>;

export const Booking = z.object({
  id: Id,
  code: BookingCode,
  siteId: Id,
  hostId: Id,
  source: BookingSource,
  status: BookingStatus,
  visitor: VisitorIdentity,
  companions: z.array(Companion).max(50),
  /** Group passes: the total number of people, including the lead visitor. */
  groupSize: PartySize,
  reason: FreeText(200),
  area: FreeText(80).optional(),
  /** 来访类型, from the site's list */
  visitType: FreeText(40).optional(),
  remarks: FreeText(200).optional(),
  belongings: FreeText(200).optional(),
  /** a sub-bill (a companion's own booking, seed 004): the main bill it follows */
  mainBookingId: Id.optional(),
  windowStart: Instant,
  windowEnd: Instant,
  decisionReason: FreeText(200).optional(),
  arrivedAt: Instant.optional(),
  /** the visit that arrived on this booking (its pass names that visit): any kiosk of the site finds the booking by it */
  arrivedVisitId: Uuid.optional(),
  leftAt: Instant.optional(),
  /** left because its window ended with no exit recorded (未登记离开): the end-of-window sweep closed it */
  exitUnrecorded: z.literal(true).optional(),
  createdAt: Instant,
  updatedAt: Instant,
  /** the seeds' booking model (kind, lists, self-drive, residence, vehicles): optional, a kiosk ignores what it does not show */
  ...BookingDetails.shape,
});
export type Booking = z.infer<typeof Booking>;

/**
 * The statuses a kiosk is told (every kiosk, older ones too, parses its pull with these): a returned booking is pending
 * to it (bookingStates.ts kioskStatus).
 */
export const KioskBookingStatus = BookingStatus.exclude(['returned']);
export type KioskBookingStatus = z.infer<typeof KioskBookingStatus>;
/** A booking as a kiosk receives it (pull, command results). */
export const KioskBooking = Booking.extend({ status: KioskBookingStatus });
export type KioskBooking = z.infer<typeof KioskBooking>;

/** What the kiosk may show of a booking: phone and ID masked, the host's name and department. */
/**
 * What a blacklist hit does: `refuse` (the person is not let in; a walk-in naming them is refused whole) or `warn`
 * (the desk is warned with the reason and may go on once staff acknowledge it).
 */
export const BlacklistLevel = z.enum(['warn', 'refuse']);
export type BlacklistLevel = z.infer<typeof BlacklistLevel>;

/**
 * A blacklist hit as the desk's staff see it, never on a visitor-facing text: which person (the lead visitor, or a
 * companion by index), masked, the entry's level and reason. A `warn` lets staff proceed once they acknowledge it.
 */
export const StaffWarning = z.object({
  /** the lead visitor (a booking's visitor), or the companion's index */
  person: z.union([z.literal('lead'), z.number().int().min(0)]),
  nameMasked: z.string(),
  level: BlacklistLevel,
  reason: z.string(),
});
export type StaffWarning = z.infer<typeof StaffWarning>;

export const BookingView = z.object({
  id: Id,
  code: BookingCode,
  status: BookingStatus,
  source: BookingSource,
  visitorName: PersonName,
  visitorPhoneMasked: z.string(),
  visitorIdMasked: z.string().optional(),
  company: z.string().optional(),
  companions: z.array(z.object({ name: z.string(), phoneMasked: z.string().optional() })),
  groupSize: z.number().int(),
  hostId: Id,
  hostName: z.string(),
  hostDepartment: z.string(),
  hostPhoneMasked: z.string(),
  reason: z.string(),
  area: z.string().optional(),
  windowStart: Instant,
  windowEnd: Instant,
  arrivedAt: Instant.optional(),
  /** Whether check-in is possible right now, and if not, why (a message key). */
  checkIn: z.object({ allowed: z.boolean(), reason: CheckInRefusal.optional() }),
  /**
   * For the staff only: blacklist hits of the visitor or a companion (a `refuse` one is why check-in is refused; with a
   * `warn` one, checkin.confirm needs `staffAcknowledged: true`). Absent when there is none.
   */
  staffWarnings: z.array(StaffWarning).optional(),
});
export type BookingView = z.infer<typeof BookingView>;

/** A visit recorded at a kiosk: a booked check-in or a walk-in. The id is made by the kiosk. */
export const Visit = z.object({
  id: Uuid,
  kioskId: Id,
  bookingId: Id.optional(),
  visitorName: PersonName,
  visitorPhoneMasked: z.string(),
  hostName: z.string(),
  temperatureC: BodyTemperatureC.optional(),
  checkedInAt: Instant,
  checkedOutAt: Instant.optional(),
  passId: z.string(),
  synced: z.boolean(),
  /** its window spans several site days (src/shared/visitDays.ts): entry and exit every day inside it */
  multiDay: z.literal(true).optional(),
  /** the visit's entries and exits recorded at this kiosk (each once, by the id of the command that reported it), oldest first */
  passages: z.array(z.object({ id: Uuid, direction: z.enum(['entry', 'exit']), at: Instant })).optional(),
  /** where the visitor stands today (site day): in after an entry today, out after an exit today, none: not come today yet */
  todayState: z.enum(['in', 'out', 'none']).optional(),
  /** ended by the end-of-window sweep, no exit recorded (未登记离开) */
  exitUnrecorded: z.literal(true).optional(),
});
export type Visit = z.infer<typeof Visit>;

export const KioskDeviceSettings = z.object({
  idReader: z.object({ port: z.string().optional(), baudRate: z.number().int().optional(), enabled: z.boolean() }).default({ enabled: false }),
  thermometer: z
    .object({
      port: z.string().optional(),
      model: z.enum(['gy', 'lu']).default('gy'),
      enabled: z.boolean(),
      /** the serial line rate (default: probed, 9600 when opened) */
      baudRate: z.number().int().optional(),
      /** calibration offset the kiosk core adds to every reading, °C */
      offsetC: z.number().min(-5).max(5).optional(),
    })
    .default({ model: 'gy', enabled: false }),
  printer: z
    .object({
      kind: z.enum(['none', 'escpos-serial', 'escpos-tcp', 'escpos-usb', 'system']).default('none'),
      port: z.string().optional(),
      host: z.string().optional(),
      /** escpos-serial: the line rate, default 9600 */
      baudRate: z.number().int().optional(),
      paperWidthMm: z.union([z.literal(58), z.literal(80)]).default(80),
      /**
       * the model prints `GS v 0` raster images (the visitor's photo on the pass); absent: yes, as every ESC/POS model
       * in docs/specs/device-protocols.md §3.3 does (HPRT, Cino, Daisy, the clones); false: passes without the photo
       */
      raster: z.boolean().optional(),
    })
    .default({ kind: 'none', paperWidthMm: 80 }),
  scanner: z.object({ port: z.string().optional(), baudRate: z.number().int().optional(), enabled: z.boolean() }).default({ enabled: false }),
  /** the camera face capture opens (chosen at the admin screen; the renderer's own device): the default camera without */
  camera: CameraSettings.default({}),
});
export type KioskDeviceSettings = z.infer<typeof KioskDeviceSettings>;

/** The screen the kiosk opens on (and returns to when idle): the desk's home, or gate mode (only scans passes). */
export const StartScreen = z.enum(['home', 'gate']);
export type StartScreen = z.infer<typeof StartScreen>;

/**
 * A PIN as the kiosk stores it: scrypt (N, r, p), a 16-byte salt and a 32-byte key, base64url —
 * `scrypt$32768$8$1$<salt>$<key>`.
 */
export const PinHash = z.string().regex(/^scrypt\$\d{1,7}\$\d{1,3}\$\d{1,3}\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/, 'a scrypt PIN hash');

/** Kiosk settings, versioned so a newer file is migrated, never misread (version 2: the PINs, idle and lock times). */
/**
 * The values a kiosk's policy sets (issue 11): one schema for the cloud's site and kiosk layers, the kiosk's local
 * overrides and the kiosk settings that hold the values in effect. Layering: src/shared/policy.ts.
 */
export const PolicyValues = z
  .object({
    /** a reading above it is abnormal, °C */
    temperatureThresholdC: z.number().min(35).max(40),
    /** the thermometer's calibration offset, °C */
    thermometerOffsetC: z.number().min(-5).max(5),
    /** with nobody touching it, the kiosk returns home after this many seconds */
    idleTimeoutS: z.number().int().min(30).max(600),
    /** the language the kiosk shows */
    language: Language,
    /** visits, bookings and commands older than this many days are purged at the kiosk */
    retentionDays: z.number().int().min(1).max(3650),
    // ---- visits: early arrival, walk-in approval, passes, texts, lists (src/shared/visitPolicy.ts) ----
    ...VisitPolicyValues.shape,
    /**
     * face photos taken with the visitor's consent go to the cloud's visitor library (a signed uploadVisitorPhoto
     * command) only when this is on: off by default, set by the site's policy (issue 10)
     */
    faceUploadAllowed: z.boolean(),
  })
  .strict();
export type PolicyValues = z.infer<typeof PolicyValues>;

export const KioskSettings = z.object({
  version: z.literal(2),
  cloudUrl: z.url(),
  language: PolicyValues.shape.language.default('zh-CN'),
  kioskName: NameText(60).default('Front desk'),
  syncIntervalMs: z.number().int().min(1000).max(3_600_000).default(15_000),
  /** Bookings pulled: from this many days before today ... */
  bookingDaysBefore: z.number().int().min(0).max(30).default(1),
  /** ... to this many days after. */
  bookingDaysAfter: z.number().int().min(0).max(60).default(7),
  temperatureThresholdC: PolicyValues.shape.temperatureThresholdC.default(DEFAULT_TEMPERATURE_THRESHOLD_C),
  retentionDays: PolicyValues.shape.retentionDays.default(180),
  /** the policy's faceUploadAllowed in effect (off unless the cloud's policy turns it on) */
  faceUploadAllowed: PolicyValues.shape.faceUploadAllowed.default(false),
  startScreen: StartScreen.default('home'),
  /** the admin PIN's scrypt hash; absent until it is set at the kiosk (first use asks for it) */
  adminPinHash: PinHash.optional(),
  /** the staff PIN's (fewer rights: sync, conflicts, today's visitors); absent: no staff PIN */
  staffPinHash: PinHash.optional(),
  /** with nobody touching it, the kiosk returns home after this many seconds */
  idleTimeoutS: PolicyValues.shape.idleTimeoutS.default(60),
  /** an admin or staff session locks after this many seconds without use */
  adminLockAfterS: z.number().int().min(30).max(1800).default(120),
  devices: KioskDeviceSettings.default({
    idReader: { enabled: false },
    thermometer: { model: 'gy', enabled: false },
    printer: { kind: 'none', paperWidthMm: 80 },
    scanner: { enabled: false },
    camera: {},
  }),
  /**
   * the policy values set at this kiosk's admin screen: they win over the cloud's site and kiosk policy, except for a
   * key the cloud locks (src/shared/policy.ts); absent from settings written before policy layers: none
   */
  localPolicy: PolicyValues.partial().optional(),
  /** the visit policy in effect (src/shared/visitPolicy.ts); a key absent: its default (settings written before it) */
  visitPolicy: VisitPolicyValues.partial().optional(),
});
export type KioskSettings = z.infer<typeof KioskSettings>;

/** The parts of settings the renderer may see (no secrets). */
export const KioskSettingsPublic = KioskSettings.omit({ adminPinHash: true, staffPinHash: true });
export type KioskSettingsPublic = z.infer<typeof KioskSettingsPublic>;
