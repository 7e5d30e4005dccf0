/**
 * The HTTP protocol between kiosk and cloud: enrolment, cursor pull, signed command push, passes.
 * Every route's body and reply is one of these schemas; the cloud validates and serialises with them,
 * the kiosk parses replies with them.
 */
import { z } from 'zod';
import { canonicalJson } from './canonical';
import { BlacklistLevel, BodyTemperatureC, FreeText, Host, Id, Instant, KioskBooking, Language, NameText, PartySize, Site, Uuid } from './domain';
import { CANONICAL_PUBLIC_KEY, PassDetails, PassKey, PassPayload } from './pass';
import { PassRefusal } from './passStanding';
import { CloudPolicy } from './policy';
import { VisitorPhotoUpload } from './visitorPhoto';
import { WalkInPolicy, WalkInRegistration } from './walkIn';
import { BlacklistHitCommand } from './blacklistHitCommand';

export { BlacklistHitCommand };

export const API_PREFIX = '/api/v1';

export const ApiError = z.object({
  error: z.string().describe('machine-readable code, e.g. enrolment_code_unknown'),
  message: z.string().describe('what went wrong, for a person'),
  details: z.unknown().optional(),
});
export type ApiError = z.infer<typeof ApiError>;

// ---- enrolment -------------------------------------------------------------------------------------
export const EnrolmentCodeCreate = z.object({
  siteId: Id,
  ttlMinutes: z
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .default(60),
});
export const EnrolmentCodeCreated = z.object({ code: z.string().regex(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/), expiresAt: Instant });
export type EnrolmentCodeCreated = z.infer<typeof EnrolmentCodeCreated>;

export const EnrolRequest = z.object({
  code: z.string().trim().toUpperCase().max(16),
  /** the kiosk's name, shown to staff: no control, bidi or markup characters */
  name: NameText(60),
  /** the kiosk's Ed25519 public key, raw 32 bytes canonical base64url (one spelling): signs its passes and sync commands */
  publicKey: z.string().regex(CANONICAL_PUBLIC_KEY, 'publicKey: 32 bytes, canonical base64url'),
});
export type EnrolRequest = z.infer<typeof EnrolRequest>;
export const EnrolResponse = z.object({
  kioskId: Id,
  siteId: Id,
  /** bearer credential for the sync endpoints; the kiosk stores it, never shows it */
  credential: z.string().min(32),
  keyId: z.string(),
  passKeys: z.array(PassKey),
});
export type EnrolResponse = z.infer<typeof EnrolResponse>;

// ---- pull ------------------------------------------------------------------------------------------
export const CloudKioskSettings = z
  .object({
    language: Language.optional(),
    temperatureThresholdC: z.number().min(35).max(40).optional(),
    retentionDays: z.number().int().min(1).max(3650).optional(),
    /** older site settings' face upload switch: now the policy key faceUploadAllowed, which it fills at the site layer */
    faceUploadEnabled: z.boolean().optional(),
    /**
     * the site's booking policy: a visit window lasts at most this many days (default 7; at most 194, the longest a
     * compact pass can say) ...
     */
    maxWindowDays: z.number().positive().max(194).optional(),
    /** ... and starts at most this many days ahead (default 30) */
    maxLeadDays: z.number().min(0).max(3650).optional(),
    /**
     * 代约: a booking a host makes for their own visitor (source staff) is approved at once (default off: it waits in
     * the host's 待处理 like any other; src/cloud/services/hostDeskBookings.ts)
     */
    hostProxyBookingsApproved: z.boolean().optional(),
    /**
     * 限制同行人员数量 (seed 004): at most this many companions per booking, counting those named in it, its sub-bills
     * and its open companion links (default 50; src/cloud/services/companionLinks.ts)
     */
    maxCompanions: z.number().int().min(0).max(50).optional(),
  })
  .extend(WalkInPolicy.shape);
export type CloudKioskSettings = z.infer<typeof CloudKioskSettings>;

/**
 * What a blacklist hit does (src/shared/domain.ts): `refuse` (the person is not let in; a check-in or walk-in naming
 * them is refused) or `warn` (the desk is warned with the reason and goes on once staff acknowledge; the cloud applies
 * the command with a note).
 */
export { BlacklistLevel };

/** One rule for kiosk and cloud: any `refuse` hit refuses; otherwise `warn` hits warn; no hit, nothing. */
export function blacklistVerdict(levels: readonly BlacklistLevel[]): BlacklistLevel | null {
  if (levels.includes('refuse')) return 'refuse';
  return levels.length > 0 ? 'warn' : null;
}

export const BlacklistEntry = z.object({
  id: Id,
  idNumberHash: z.string().optional().describe('SHA-256 hex of the ID number, never the number itself'),
  phoneHash: z.string().optional(),
  name: z.string().optional(),
  reason: z.string().max(200),
  /** absent from a cloud older than levels, or a level this build does not know: refuse */
  level: BlacklistLevel.catch('refuse'),
  active: z.boolean(),
  updatedAt: Instant,
});
export type BlacklistEntry = z.infer<typeof BlacklistEntry>;

/** A pass revoked before its time: kiosks refuse it offline from the next pull on. */
export const RevokedPass = z.object({
  passId: z.string().min(1).max(64),
  revokedAt: Instant,
  reason: FreeText(200),
});
export type RevokedPass = z.infer<typeof RevokedPass>;

export const PullQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
  /** the kiosk's software version, for the admin's list of kiosks */
  version: z
    .string()
    .max(40)
    .regex(/^[0-9A-Za-z.+-]+$/)
    .optional(),
  /** commands waiting in the kiosk's outbox, for the admin's list of kiosks */
  pending: z.coerce.number().int().min(0).max(1_000_000).optional(),
  /**
   * the configVersion of the last pull the kiosk applied whole: while it is current the reply leaves out the site,
   * settings, policy and pass keys (issue 12: an empty pull reads none of them). Absent: all of them, as before.
   */
  config: z
    .string()
    .max(40)
    .regex(/^[0-9A-Za-z.-]+$/)
    .optional(),
});
export type PullQuery = z.infer<typeof PullQuery>;

export const PullResponse = z.object({
  /** pass this back to get what changed since; opaque */
  cursor: z.string(),
  /** true when more changes wait: pull again at once with the new cursor */
  hasMore: z.boolean(),
  serverTime: Instant,
  /**
   * the version of the site, settings, policy and pass keys below (opaque; send it back as `config`); absent from a
   * cloud older than it (which always sends them)
   */
  configVersion: z.string().optional(),
  /** absent when the kiosk's `config` is current (then so are settings, policy and passKeys): keep what it holds */
  site: Site.optional(),
  /** bookings changed since the cursor whose window touches [today - before, today + after] */
  bookings: z.array(KioskBooking),
  /** hosts changed since the cursor (full records: the kiosk matches a typed phone number locally) */
  hosts: z.array(Host),
  blacklist: z.array(BlacklistEntry),
  /** passes of the site revoked since the cursor (absent from a cloud older than revocation: none) */
  revokedPasses: z.array(RevokedPass).default([]),
  settings: CloudKioskSettings.optional(),
  /**
   * the kiosk's policy layers, its site's and its own (src/shared/policy.ts); absent from a cloud older than policy
   * layers (its settings' language, threshold and retention stand in as the site layer)
   */
  policy: CloudPolicy.optional(),
  /** every key that verifies passes of this site (the cloud's and the site's kiosks'), revoked ones marked */
  passKeys: z.array(PassKey).optional(),
});
export type PullResponse = z.infer<typeof PullResponse>;

// ---- push ------------------------------------------------------------------------------------------
export const CheckInCommand = z.object({
  kind: z.literal('checkin'),
  payload: z.object({
    bookingId: Id,
    visitId: Uuid,
    passId: z.string().min(1).max(64),
    partySize: PartySize,
    temperatureC: BodyTemperatureC.optional(),
  }),
});
export const CheckOutCommand = z.object({
  kind: z.literal('checkout'),
  /** endVisit: staff end a multi-day visit (src/shared/visitDays.ts); otherwise a multi-day visit's exit is one event */
  payload: z.object({ visitId: Uuid, bookingId: Id.optional(), endVisit: z.literal(true).optional() }),
});
/** A walk-in registered at the desk (src/shared/walkIn.ts): the visitor, the main bill, its sub-bills and the arrivals. */
export const RegisterWalkInCommand = z.object({
  kind: z.literal('registerWalkIn'),
  payload: WalkInRegistration,
});
/**
 * A walk-in withdrawn at the desk (the visitor gave up waiting for the host): the main bill registered by this kiosk and
 * its sub-bills are cancelled, from pending or approved (a host who approved meanwhile sees it cancelled). Applied
 * once by command id; a walk-in already cancelled is applied with `already_cancelled`.
 */
export const CancelWalkInCommand = z.object({
  kind: z.literal('cancelWalkIn'),
  payload: z.object({ bookingId: Id }),
});
/** Which way a person went through the gate (seed 000: 进校 / 离校 scans). */
export const PassageDirection = z.enum(['entry', 'exit']);
export type PassageDirection = z.infer<typeof PassageDirection>;
/**
 * A pass let through at a gate (gate mode): one event, entry or exit, of the booking the pass is for, at the command's
 * `at`. The cloud records each once (by command id); it never ends the visit (a visit is left when its window ends or
 * when the desk signs the visitor out on its last day, see `checkout`).
 */
export const PassageCommand = z.object({
  kind: z.literal('passage'),
  payload: z.object({
    direction: PassageDirection,
    passId: z.string().min(1).max(64),
    bookingId: Id.optional(),
    /** a kiosk pass's visit */
    visitId: Uuid.optional(),
  }),
});
/**
 * What an admin did at the kiosk (issue 11): each action is one command, so the cloud records it once (by its id).
 * Enrolment is recorded by the cloud as it enrols the kiosk.
 */
export const AdminAuditAction = z.enum([
  'pin.success',
  'pin.failure',
  'pin.set',
  'pin.changed',
  'staffPin.set',
  'staffPin.removed',
  'setting.changed',
  'device.test',
  'enrolment.enrolled',
  'enrolment.left',
  'facePhoto.replaced',
  'logs.exported',
  'kioskMode.exited',
]);
export type AdminAuditAction = z.infer<typeof AdminAuditAction>;
/** An audit entry's details: a few plain values, personal data already masked at the kiosk (redactText). */
export const AdminAuditDetail = z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_.]{0,39}$/), z.union([z.string().max(200), z.number(), z.boolean()]));
export const AdminAuditCommand = z.object({
  kind: z.literal('adminAudit'),
  payload: z.object({ action: AdminAuditAction, detail: AdminAuditDetail.refine((d) => Object.keys(d).length <= 12, 'detail: at most 12 fields') }),
});
/**
 * A registered face photo for the site's visitor library (src/shared/visitorPhoto.ts): sent only where the policy
 * allows upload; the cloud keeps one per visitor, the newer replacing the older.
 */
export const UploadVisitorPhotoCommand = z.object({
  kind: z.literal('uploadVisitorPhoto'),
  payload: VisitorPhotoUpload,
});
export const CommandBody = z.discriminatedUnion('kind', [
  CheckInCommand,
  CheckOutCommand,
  RegisterWalkInCommand,
  PassageCommand,
  CancelWalkInCommand,
  AdminAuditCommand,
  UploadVisitorPhotoCommand,
  BlacklistHitCommand,
]);
export type CommandBody = z.infer<typeof CommandBody>;
export type CommandKind = CommandBody['kind'];

/** A command as the kiosk made it: the id is client-made, so the cloud applies it once. */
export const SignedCommand = z
  .object({
    id: Uuid,
    kioskId: Id,
    /** when it happened at the kiosk */
    at: Instant,
    /** Ed25519 signature (base64url) over commandSigningText(...) with the kiosk's key */
    sig: z.string().regex(/^[A-Za-z0-9_-]{86}$/, 'sig: 64 bytes, base64url'),
  })
  .and(CommandBody);
export type SignedCommand = z.infer<typeof SignedCommand>;
export type UnsignedCommand = Omit<SignedCommand, 'sig'>;

/** The exact text a command's signature covers. */
export function commandSigningText(cmd: UnsignedCommand): string {
  return canonicalJson({ id: cmd.id, kioskId: cmd.kioskId, at: cmd.at, kind: cmd.kind, payload: cmd.payload });
}

export const PushRequest = z.object({ commands: z.array(SignedCommand).min(1).max(200) });
export type PushRequest = z.infer<typeof PushRequest>;

/**
 * Why the cloud did not apply a kiosk command (CommandResult.code with status conflict or rejected, or the push's
 * refusal of the command): the sync/conflicts feature's closed set. Staff read each in words (`conflict.reason.<code>`,
 * tests/unit/shared/errorCodes.test.ts). The wire keeps `code` a string: a kiosk older than its cloud shows a newer code with
 * the fallback sentence and the cloud's own words.
 */
export const CommandRefusalCode = z.enum([
  'already_arrived',
  'already_left',
  'booking_not_arrived',
  'booking_not_approved',
  'booking_rejected',
  'booking_cancelled',
  'booking_expired',
  'checkin_outside_window',
  'booking_state',
  'booking_unknown',
  'command_id_reused',
  'command_bad_signature',
  'command_wrong_kiosk',
  'command_malformed',
  // a walk-in (registerWalkIn)
  'host_unknown',
  'window_too_long',
  'window_in_past',
  'window_too_far_ahead',
  'blacklisted',
  'temperature_abnormal',
  'booking_id_taken',
  'visit_id_taken',
  // a walk-in's withdrawal (cancelWalkIn): another kiosk registered it
  'walk_in_other_kiosk',
  // a registered photo (uploadVisitorPhoto): not a JPEG, more than 100 KB, absurd dimensions; nobody in the library
  'photo_not_jpeg',
  'photo_too_large',
  'photo_dimensions',
  'visitor_unknown',
  // the site's policy (now) does not allow face photos to be uploaded
  'photo_upload_off',
]);
export type CommandRefusalCode = z.infer<typeof CommandRefusalCode>;
/**
 * The notes of an applied command: an arrival recorded before (same visit), a check-out of a visit without booking;
 * a walk-in applied although a person in it is on the blacklist at level warn, or whose kiosk-made code was taken
 * (the booking returned carries the new one); a later entry of a multi-day visit (`reentry`: a check-in of a booking
 * already arrived) and an exit that does not end it (`exit_recorded`), each recorded in passages (src/shared/visitDays.ts);
 * a walk-in withdrawn that was cancelled already (`already_cancelled`); an exit made inside the window reported after
 * the end-of-window sweep closed the visit (`exit_after_sweep`: it replaces the sweep's).
 */
export const CommandAppliedCode = z.enum([
  'already_recorded',
  'walk_in',
  'blacklist_warn',
  'code_reassigned',
  'reentry',
  'exit_recorded',
  'already_cancelled',
  'exit_after_sweep',
  // a registered photo that replaced the visitor's older one (its bytes deleted); one older than the photo kept
  'photo_replaced',
  'photo_older_kept',
  // a blacklist refusal made at the kiosk, recorded as the entries' hits (BlacklistHitCommand)
  'blacklist_reported',
]);
export type CommandAppliedCode = z.infer<typeof CommandAppliedCode>;

export const CommandResult = z.object({
  id: Uuid,
  /**
   * applied: done now; duplicate: this id was applied before (same outcome returned);
   * conflict: valid but the world moved (booking cancelled, already arrived elsewhere) — recorded, shown to staff;
   * rejected: never applicable (unknown booking...) — recorded.
   */
  status: z.enum(['applied', 'duplicate', 'conflict', 'rejected']),
  code: z.string().optional(),
  message: z.string().optional(),
  booking: KioskBooking.optional(),
});
export type CommandResult = z.infer<typeof CommandResult>;
export const PushResponse = z.object({ results: z.array(CommandResult) });
export type PushResponse = z.infer<typeof PushResponse>;

// ---- passes ----------------------------------------------------------------------------------------
export const PassKeysResponse = z.object({ keys: z.array(PassKey) });
export const VerifyPassRequest = z.object({ token: z.string().min(1).max(4096) });
export const VerifyPassResponse = z.object({
  /** let this person through now: the token verifies and nothing since (cancellation, exit, revocation) says no */
  valid: z.boolean(),
  /** why not, when valid is false */
  reason: PassRefusal.optional(),
  /** what the pass says; for a version 2 pass, name/host/n and a kiosk pass's bid as far as the cloud knows its booking */
  payload: PassPayload,
  bookingStatus: z.string().optional(),
});
export type VerifyPassResponse = z.infer<typeof VerifyPassResponse>;
export const IssuedPass = z.object({ token: z.string(), payload: PassDetails });

// ---- revocation (admin) ----------------------------------------------------------------------------
export const PassRevoke = z.object({
  /** the site of the pass (optional when the cloud has one site) */
  siteId: Id.optional(),
  reason: FreeText(200).min(1),
});
export const PassRevoked = RevokedPass.extend({ siteId: Id });
export const KioskRevoked = z.object({ kioskId: Id, revokedAt: Instant, keyIds: z.array(z.string()) });
export const HostTokensRevoked = z.object({ hostId: Id, revoked: z.number().int().min(0) });
export type IssuedPass = z.infer<typeof IssuedPass>;
